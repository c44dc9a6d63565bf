// Queue board: redraws from the server-sent events of /board/events (the
// whole board at connect and after every call), reconnecting by itself
// after a server restart; polls /board/state where EventSource is missing.
(function () {
  "use strict";
  var status = document.getElementById("status");

  function text(id, s) {
    var el = document.getElementById(id);
    if (el) el.textContent = s;
  }

  function draw(b) {
    document.body.setAttribute("data-version", String(b.version));
    text("now-no", b.now ? b.now.queue_no : "\u2014");
    text("now-plate", b.now ? b.now.plate : "");
    document.getElementById("none").hidden = !!b.now;
    var ol = document.getElementById("recent");
    while (ol.firstChild) ol.removeChild(ol.firstChild);
    (b.recent || []).forEach(function (c) {
      var li = document.createElement("li");
      var no = document.createElement("span");
      no.className = "no";
      no.textContent = c.queue_no;
      var pl = document.createElement("span");
      pl.className = "plate";
      pl.textContent = c.plate;
      li.appendChild(no);
      li.appendChild(pl);
      ol.appendChild(li);
    });
    text("waiting", String(b.waiting));
  }

  function live(ok) {
    status.hidden = ok;
  }

  function poll() {
    fetch("/board/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (b) { draw(b); live(true); })
      .catch(function () { live(false); })
      .then(function () { setTimeout(poll, 1500); });
  }

  function connect() {
    var es = new EventSource("/board/events");
    es.addEventListener("board", function (e) {
      draw(JSON.parse(e.data));
      live(true);
    });
    es.onopen = function () { live(true); };
    es.onerror = function () {
      live(false);
      // The browser retries by itself unless the stream was refused
      // (CLOSED); then start a new one.
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000);
      }
    };
  }

  if (window.EventSource) connect();
  else poll();
})();
