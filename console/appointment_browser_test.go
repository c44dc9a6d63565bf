package console

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	fo "frontoffice"
)

// TestBrowserBook books a customer on the phone through the appointment
// book in headless Chromium (APT-1, REC-2): the day view, the new
// customer's form, the appointment's page telling the desk to print the
// slip; then, in English, the week view, a move and a cancellation. Screenshots go to
// testdata/artifacts/console_book_*.png.
func TestBrowserBook(t *testing.T) {
	h := newConHarness(t)
	if _, err := h.store.Book(fo.BookRequest{ServiceID: "radar", Start: conAt(30, 10, 0), Plate: "京D33333", Source: "bot", By: "customer:bot",
		Customer: fo.CustomerInput{Name: "张三", Phone: "13900000003"}}); err != nil {
		t.Fatal(err)
	}
	b := newConBrowser(t, h)
	b.login("li")
	b.goTo("/staff/appointments?day=2026-11-30", `!!document.querySelector("#book-form")`)
	if n := b.Eval(`String(document.querySelectorAll("#book-grid td.held.first").length)`); n != "1" {
		t.Errorf("%s appointments drawn on Monday", n)
	}
	b.Do(chromedp.SendKeys(chromedp.CSS("#book-name"), "电话客户"),
		chromedp.SendKeys(chromedp.CSS("#book-phone"), "13711112222"),
		chromedp.SendKeys(chromedp.CSS("#book-plate"), "京F66666"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#book-service").value = "collision";
			document.querySelector("#book-start").value = "2026-11-30T13:00"`))
	b.shot("book_day_zh")
	b.submit("#book-submit", `!!document.querySelector("#apt-print")`)
	cu, err := h.store.CustomerByPhone("13711112222")
	if err != nil {
		t.Fatal(err)
	}
	apts, _ := h.store.CustomerAppointments(cu.ID, conAt(27, 0, 0))
	if len(apts) != 1 || apts[0].ServiceID != "collision" || !apts[0].Start.Equal(conAt(30, 13, 0)) || apts[0].Source != "console" {
		t.Fatalf("booked %+v", apts)
	}
	if got := b.Eval(`location.pathname`); got != aptPath(apts[0].ID) {
		t.Errorf("after booking at %s", got)
	}
	b.shot("book_apt_zh")
	b.goTo("/staff/appointments?day=2026-11-30", `!!document.querySelector("#book-grid")`)
	if n := b.Eval(`String(document.querySelectorAll("#book-grid td.held.first").length)`); n != "2" {
		t.Errorf("%s appointments drawn after booking", n)
	}
	b.submit("#lang-switch", `document.documentElement.lang === "en"`)
	b.goTo("/staff/appointments/week?from=2026-11-30", `!!document.querySelector("#week-grid")`)
	b.shot("book_week_en")

	// In English: move it to Tuesday 09:00, then cancel it (APT-4).
	id := apts[0].ID
	b.goTo(aptPath(id), `!!document.querySelector("#move-form")`)
	b.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#move-start").value = "2026-12-01T09:00"`))
	b.submit("#move-submit", `!!document.querySelector(".flash")`)
	if a, _ := h.store.Appointment(id); !a.Start.Equal(conAt(30, 9, 0).AddDate(0, 0, 1)) || a.Sequence != 1 {
		t.Fatalf("after the move: %s seq %d", a.Start, a.Sequence)
	}
	b.shot("book_moved_en")
	b.Do(chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`))
	b.submit("#cancel-submit", `location.pathname === "/staff/appointments" && !!document.querySelector(".flash")`)
	if a, _ := h.store.Appointment(id); a.Status != fo.AptCancelled {
		t.Fatalf("after the cancel: %s", a.Status)
	}
	reg, _ := h.store.Register(conAt(27, 0, 0), conAt(28, 0, 0))
	var acts []string
	for _, e := range reg {
		if e.Ref == id {
			acts = append(acts, e.Action)
		}
	}
	if strings.Join(acts, ",") != "booked,moved,cancelled" { // APT-3
		t.Errorf("register %v", acts)
	}
	for _, raw := range b.Log.All() {
		dec, _ := url.QueryUnescape(raw)
		for _, leak := range []string{"13711112222", "京F", "电话客户", "张三"} {
			if strings.Contains(dec, leak) {
				t.Errorf("personal data %q in URL %s", leak, raw)
			}
		}
	}
}
