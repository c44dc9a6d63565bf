package kiosk

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// stubSound replaces the page's Web Speech and WebAudio with recorders:
// window.said collects every spoken text, window.tones every tone's
// frequency. voices is the JSON of getVoices()'s answer.
func stubSound(voices string) string {
	return fmt.Sprintf(`(function () {
	window.said = []; window.tones = [];
	speechSynthesis.getVoices = function () { return %s; };
	speechSynthesis.speak = function (u) { window.said.push(u.text + "|" + u.lang); };
	speechSynthesis.cancel = function () {};
	window.AudioContext = function () {
		return { state: "running", currentTime: 0, destination: {}, resume: function () {},
			createOscillator: function () {
				var o = { frequency: { value: 0 }, connect: function () {}, stop: function () {} };
				o.start = function () { window.tones.push(o.frequency.value); };
				return o;
			},
			createGain: function () {
				return { gain: { setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {} }, connect: function () {} };
			} };
	};
	return "";
})()`, voices)
}

// Issue 11 item 6 on the lobby TV: the board asks once for a tap to enable
// sound (remembered), then every call — a recall too — shows the number,
// chimes and, with a Chinese voice, says "请 A001 号到前台"; without one it
// only chimes.
func TestBrowserBoardChimeAndSpeech(t *testing.T) {
	h := newHarness(t)
	a := h.book("13812345678", "京A12345", "张三", at(27, 11, 0))
	va, err := h.store.CheckIn(fo.CheckInRequest{AppointmentID: a.ID, Source: "kiosk", By: "kiosk"})
	if err != nil || va.QueueNo != "A001" {
		t.Fatalf("check-in %+v %v", va, err)
	}
	walkIn(t, h, "13900000001", "京B11111")
	b := newBrowser(t, h)
	b.Do(chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(h.ts.URL+"/board"))
	b.Do(chromedp.WaitVisible(chromedp.CSS("#now-no")))
	b.WaitFor(`document.getElementById("sound-on").hidden === false`, 10*time.Second)
	b.shot("board_sound_button")
	b.Eval(stubSound(`[{lang: "en-US", name: "en"}, {lang: "zh-CN", name: "Chinese"}]`))
	b.Do(chromedp.Click(chromedp.CSS("#sound-on")))
	if got := b.Eval(`String(document.getElementById("sound-on").hidden) + " " + localStorage.getItem("fo.board.sound")`); got != "true on" {
		t.Fatalf("after the tap: %s", got)
	}
	time.Sleep(300 * time.Millisecond) // the stream's first event

	if _, err := h.store.CallNext(va.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	b.WaitFor(`document.getElementById("now-no").textContent === "A001"`, 30*time.Second)
	b.WaitFor(`window.said.length === 1`, 10*time.Second)
	if got := b.Eval(`window.said.join(";")`); got != "请 A001 号到前台|zh-CN" {
		t.Errorf("spoken %q", got)
	}
	if got := b.Eval(`window.tones.join(",")`); got != "880,660" {
		t.Errorf("chime tones %q", got)
	}
	// A recall of the same number is announced again.
	h.clock.Advance(time.Minute)
	if _, err := h.store.Recall(va.ID, "staff:li"); err != nil {
		t.Fatal(err)
	}
	b.WaitFor(`window.said.length === 2`, 30*time.Second)
	if got := b.Eval(`window.said[1] + " " + window.tones.length`); got != "请 A001 号到前台|zh-CN 4" {
		t.Errorf("recall announced %q", got)
	}

	// Reloaded: the tap is remembered; the call shown at load is not
	// announced again. Without a Chinese voice a call only chimes.
	b.Do(chromedp.Reload())
	b.Do(chromedp.WaitVisible(chromedp.CSS("#now-no")))
	b.Eval(stubSound(`[{lang: "en-US", name: "en"}]`))
	time.Sleep(500 * time.Millisecond)
	if got := b.Eval(`String(document.getElementById("sound-on").hidden) + " " + window.tones.length`); got != "true 0" {
		t.Errorf("after reload: %s", got)
	}
	if _, err := h.store.CallNext(0, "staff:li"); err != nil {
		t.Fatal(err)
	}
	b.WaitFor(`document.getElementById("now-no").textContent === "W001"`, 30*time.Second)
	b.WaitFor(`window.tones.length === 2`, 10*time.Second)
	time.Sleep(1200 * time.Millisecond) // past the speech's delay
	if got := b.Eval(`String(window.said.length)`); got != "0" {
		t.Errorf("spoke without a Chinese voice: %s", b.Eval(`window.said.join(";")`))
	}
	b.shot("board_called")
}
