// Queue board: redraws from the server-sent events of /board/events (the
// whole board at connect and after every call), reconnecting by itself
// after a server restart; polls /board/state where EventSource is missing
// or the server refused the stream (too many open).
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

  // poll polls /board/state every 1.5 s; with n > 0 it polls n times and
  // then tries the event stream again (the server refuses streams over its
  // cap, and the page polls meanwhile).
  function poll(n) {
    fetch("/board/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (b) { draw(b); live(true); })
      .catch(function () { live(false); })
      .then(function () {
        if (n === 1) connect();
        else setTimeout(function () { poll(n ? n - 1 : 0); }, 1500);
      });
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
      // (CLOSED: the server is busy or restarting); then poll for a
      // minute and try a stream again.
      if (es.readyState === EventSource.CLOSED) {
        poll(40);
      }
    };
  }

  if (window.EventSource) connect();
  else poll(0);
})();
