// Staff console: small helpers on top of plain forms (CSP: no inline code).
(function () {
  "use strict";

  // Buttons with data-confirm ask first.
  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) {
      e.preventDefault();
    }
  });

  // INT-2: a customer-supplied or aftermarket part at a critical place voids
  // the quality guarantee; show it as soon as the line says so.
  function guarantee(form) {
    var any = false;
    form.querySelectorAll("tr[data-line]").forEach(function (tr) {
      var crit = tr.querySelector("[data-critical]");
      var src = tr.querySelector("[data-source]");
      var kind = tr.querySelector("[data-kind]");
      var no = !!(crit && crit.checked && ((src && src.value === "customer") || (kind && kind.value === "aftermarket")));
      var badge = tr.querySelector(".noguar");
      if (badge) { badge.hidden = !no; }
      any = any || no;
    });
    var all = form.querySelector("#noguar-all");
    if (all) { all.hidden = !any; }
  }
  document.querySelectorAll("form[data-intake]").forEach(function (form) {
    form.addEventListener("change", function () { guarantee(form); });
    guarantee(form);
  });

  // DEL-3: the receivable follows amount, discount and paid.
  function fen(v) {
    v = (v || "").replace(/[¥￥,\s]/g, "");
    if (v === "") { return 0; }
    var n = Number(v);
    return isFinite(n) ? Math.round(n * 100) : NaN;
  }
  function money(f) {
    var s = (Math.abs(f) / 100).toFixed(2).split(".");
    return (f < 0 ? "-" : "") + "¥" + s[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + s[1];
  }
  document.querySelectorAll("form[data-deliver]").forEach(function (form) {
    var out = form.querySelector("#receivable");
    function update() {
      var val = function (n) { var i = form.elements[n]; return i ? fen(i.value) : 0; };
      var r = val("amount") - val("discount") - Number(form.dataset.deposit || 0) - val("paid"); // APT-2: the deposit is deducted
      out.textContent = isNaN(r) ? "—" : money(Math.max(0, r));
    }
    form.addEventListener("input", update);
    update();
  });
})();
