// Lobby kiosk: after data-idle-ms without a touch or key, clear every field
// and go back to the start screen through POST /kiosk/reset, which also
// clears the visitor's state on the server. Buttons are disabled once a
// form is sent, so a double tap does not send it twice.
(function () {
  "use strict";
  var body = document.body;
  var ms = parseInt(body.getAttribute("data-idle-ms"), 10) || 60000;
  var timer = 0;

  function clearFields() {
    var fields = document.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if (f.type === "checkbox" || f.type === "radio") f.checked = false;
      else if (f.tagName === "SELECT") f.selectedIndex = 0;
      else f.value = "";
    }
  }

  function idle() {
    clearFields();
    var reset = document.getElementById("idle-reset");
    if (reset) reset.submit();
    else window.location.replace("/kiosk");
  }

  function arm() {
    clearTimeout(timer);
    timer = setTimeout(idle, ms);
  }

  if (!body.hasAttribute("data-idle-off")) {
    ["pointerdown", "touchstart", "keydown", "input", "wheel"].forEach(function (e) {
      document.addEventListener(e, arm, { capture: true, passive: true });
    });
    arm();
  }

  // A page shown again from the back/forward cache may hold an earlier
  // visitor's fields: start over.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) idle();
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.getAttribute("data-sent")) {
      e.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "1");
  });
})();
