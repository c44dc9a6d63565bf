// signature.js — the finger signature pad (INT-4, FLD-5).
//
// Any <div class="sigpad" data-input="NAME"> inside a form becomes a
// drawing surface: the customer signs with a finger (or a mouse or pen),
// and on submit the form's hidden input NAME carries the strokes as a PNG
// data URL ("" when nothing was drawn, which the server refuses with a
// message). A button with data-sigpad-clear inside the div starts again.
// The page needs no other script; the server checks the PNG (size, shape,
// that it is not blank) whatever the browser sends.
(function () {
  "use strict";

  function setup(div) {
    var form = div.closest("form");
    var name = div.getAttribute("data-input");
    if (!form || !name) return;
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    var canvas = document.createElement("canvas");
    canvas.className = "sigpad-canvas";
    canvas.setAttribute("aria-label", div.getAttribute("data-label") || "signature");
    div.insertBefore(canvas, div.firstChild);
    var ctx = canvas.getContext("2d");
    var drawn = false, down = false, last = null;

    // The canvas is sized in device pixels once, from its laid-out box,
    // and keeps that size: the PNG is at most 1200 × 400.
    function size() {
      var r = canvas.getBoundingClientRect();
      var ratio = Math.min(window.devicePixelRatio || 1, 2);
      canvas.width = Math.min(1200, Math.round(r.width * ratio)) || 600;
      canvas.height = Math.min(400, Math.round(r.height * ratio)) || 200;
      ctx.lineWidth = 2.5 * ratio;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#10233d";
    }
    size();

    function point(e) {
      var r = canvas.getBoundingClientRect();
      return {
        x: (e.clientX - r.left) * canvas.width / r.width,
        y: (e.clientY - r.top) * canvas.height / r.height
      };
    }
    canvas.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      down = true;
      last = point(e);
      canvas.setPointerCapture(e.pointerId);
      ctx.beginPath();
      ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
      drawn = true;
    });
    canvas.addEventListener("pointermove", function (e) {
      if (!down) return;
      e.preventDefault();
      var p = point(e);
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      last = p;
      drawn = true;
    });
    function up() { down = false; }
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    canvas.style.touchAction = "none";

    var clear = div.querySelector("[data-sigpad-clear]");
    if (clear) {
      clear.addEventListener("click", function (e) {
        e.preventDefault();
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        drawn = false;
        input.value = "";
      });
    }
    form.addEventListener("submit", function () {
      input.value = drawn ? canvas.toDataURL("image/png") : "";
    });
  }

  function init() {
    var pads = document.querySelectorAll(".sigpad");
    for (var i = 0; i < pads.length; i++) setup(pads[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
