// Queue board: redraws from the server-sent events of /board/events (the
// whole board at connect and after every call), reconnecting by itself
// after a server restart; polls /board/state where EventSource is missing
// or the server refused the stream (too many open).
//
// Every new call (a recall of the same number too: the call's time
// differs) chimes — two short WebAudio tones, no sound file — and, where
// the browser has a Chinese voice, is announced by Web Speech: "请 A001
// 号到前台" (the text comes from the page's data-say). Without a Chinese
// voice it stays silent. Browsers play sound only after a user gesture:
// the board shows "点击开启声音 / Tap to enable sound" until it is tapped
// once, remembered in localStorage; a TV whose audio is still blocked
// shows it again.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var body = document.body;
  var soundBtn = document.getElementById("sound-on");
  var soundKey = "fo.board.sound";
  var lastCall = body.getAttribute("data-call") || "";
  var sayText = body.getAttribute("data-say") || "";
  var ctx = null;

  function stored() {
    try { return window.localStorage.getItem(soundKey) === "on"; } catch (e) { return false; }
  }

  // audio returns the page's AudioContext, resuming it; null without
  // WebAudio.
  function audio() {
    if (!ctx) {
      var AC = window.AudioContext || window.webkitAudioContext;
      if (!AC) return null;
      try { ctx = new AC(); } catch (e) { return null; }
    }
    if (ctx.state === "suspended" && ctx.resume) {
      try { ctx.resume(); } catch (e) { /* blocked until a gesture */ }
    }
    return ctx;
  }

  function enableSound() {
    try { window.localStorage.setItem(soundKey, "on"); } catch (e) { /* private mode: ask again next time */ }
    soundBtn.hidden = true;
    audio();
  }

  // chime plays a two-tone "ding-dong".
  function chime() {
    var c = audio();
    if (!c) return;
    try {
      var t = c.currentTime;
      [[880, 0], [660, 0.35]].forEach(function (n) {
        var o = c.createOscillator();
        var g = c.createGain();
        o.type = "sine";
        o.frequency.value = n[0];
        g.gain.setValueAtTime(0.0001, t + n[1]);
        g.gain.exponentialRampToValueAtTime(0.5, t + n[1] + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, t + n[1] + 0.6);
        o.connect(g);
        g.connect(c.destination);
        o.start(t + n[1]);
        o.stop(t + n[1] + 0.65);
      });
    } catch (e) { /* no sound: the board still shows the call */ }
    // Still blocked (the TV restarted, no gesture yet): ask for a tap.
    setTimeout(function () {
      if (ctx && ctx.state !== "running") soundBtn.hidden = false;
    }, 1000);
  }

  // chineseVoice is a zh-CN voice, else another Chinese one, else null.
  function chineseVoice(ss) {
    var voices = (ss.getVoices && ss.getVoices()) || [];
    var other = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang === "zh-cn" || lang === "cmn-cn" || lang === "cmn-hans-cn") return voices[i];
      if (!other && (lang.indexOf("zh") === 0 || lang.indexOf("cmn") === 0)) other = voices[i];
    }
    return other;
  }

  // speak announces the number where a Chinese voice exists.
  function speak(no) {
    var ss = window.speechSynthesis;
    if (!ss || !window.SpeechSynthesisUtterance || !sayText) return;
    var voice = chineseVoice(ss);
    if (!voice) return; // silent fallback: the chime was enough
    var u = new window.SpeechSynthesisUtterance(sayText.replace("{no}", no));
    u.lang = "zh-CN";
    u.rate = 0.9;
    try { u.voice = voice; } catch (e) { /* lang alone picks a voice */ }
    try {
      if (ss.cancel) ss.cancel();
      ss.speak(u);
    } catch (e) { /* no speech */ }
  }

  function announce(no) {
    chime();
    setTimeout(function () { speak(no); }, 900);
  }

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
    var call = b.now ? b.now.queue_no + "@" + b.now.at : "";
    if (call && call !== lastCall) announce(b.now.queue_no);
    lastCall = call;
    body.setAttribute("data-call", call);
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

  soundBtn.hidden = stored();
  soundBtn.addEventListener("click", enableSound);
  // Any tap on the TV unblocks sound too.
  document.addEventListener("click", function () { if (stored()) audio(); });

  if (window.EventSource) connect();
  else poll(0);
})();
