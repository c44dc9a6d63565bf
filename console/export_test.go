package console

import (
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
)

// getCSV downloads a CSV export and reads it back with encoding/csv after
// checking the UTF-8 byte-order mark Excel needs.
func getCSV(t *testing.T, c *conClient, path string) [][]string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.h.ts.URL+path, nil)
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("%s: %d %s %s", path, res.StatusCode, res.Header.Get("Content-Type"), excerpt(string(b)))
	}
	body, ok := strings.CutPrefix(string(b), "\uFEFF")
	if !ok {
		t.Fatalf("%s has no UTF-8 BOM", path)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// The CSV exports read back equal the records (issue 11): appointments
// with Chinese names and a note holding a comma and a quote, the archives,
// the appointment register and the report's figures; only supervisors
// (and admins) export.
func TestCSVExportReadBack(t *testing.T) {
	h := newConHarness(t)
	for i, name := range []string{"张三", "李四, \"小李\""} {
		if _, err := h.store.Book(fo.BookRequest{ServiceID: "collision", Start: conAt(30, 9+i*4, 0), Plate: "粤B1234" + strconv.Itoa(i), Source: "bot",
			By: "customer:bot", Note: "备注, \"引号\"\n第二行", Customer: fo.CustomerInput{Name: strings.ReplaceAll(name, "\"", ""), Phone: "1380013800" + strconv.Itoa(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	c := h.login("zhao")

	recs := getCSV(t, c, "/staff/export/appointments.csv?from=2026-11-27&to=2026-12-10")
	apts, _ := h.store.AppointmentsStarting(conAt(27, 0, 0), conAt(27, 0, 0).AddDate(0, 0, 14))
	if len(recs) != len(apts)+1 || len(apts) != 2 {
		t.Fatalf("%d rows for %d appointments", len(recs), len(apts))
	}
	for i, a := range apts {
		cu, _ := h.store.Customer(a.CustomerID)
		want := []string{a.Code, a.Start.In(conLoc).Format("2006-01-02 15:04"), a.End.In(conLoc).Format("2006-01-02 15:04"), "防撞预警系统安装",
			a.CustomerName, cu.Phone, fo.FormatPlate(a.Plate), "已预约", "1300.00", "bot", a.Note}
		if got := recs[i+1]; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, got, want)
		}
	}
	if recs[0][0] != h.srv.texts.T(fo.ZH, "con.col.code") {
		t.Errorf("header %q", recs[0])
	}

	arch := getCSV(t, c, "/staff/export/archives.csv")
	all, _ := h.store.AllArchives()
	if len(arch) != len(all)+1 {
		t.Fatalf("%d archive rows for %d archives", len(arch), len(all))
	}
	for i, m := range all {
		if r := arch[i+1]; r[0] != fo.FormatPlate(m.Vehicles[0].Plate) || r[3] != m.Customer.Name || r[4] != m.Customer.Phone {
			t.Errorf("archive row %q for %+v", r, m)
		}
	}

	reg := getCSV(t, c, "/staff/export/register-appointments.csv?from=2026-11-27&to=2026-11-27")
	entries, _ := h.store.Register(conAt(27, 0, 0), conAt(28, 0, 0))
	if len(reg) != len(entries)+1 || len(entries) != 2 {
		t.Fatalf("%d register rows for %d entries", len(reg), len(entries))
	}
	for i, e := range entries {
		if r := reg[i+1]; r[1] != e.Action || r[2] != e.Code || r[4] != e.By || r[5] != e.Detail {
			t.Errorf("register row %q for %+v", r, e)
		}
	}

	rep := getCSV(t, c, "/staff/export/report.csv?kind=weekly&day=2026-11-30")
	b, _ := h.store.BusinessStats(fo.ReportWeekly, conAt(30, 0, 0))
	found := false
	for _, r := range rep {
		if r[0] == h.srv.texts.T(fo.ZH, "con.csv.appointments") {
			found = r[2] == strconv.Itoa(b.Appointments) && b.Appointments == 2
		}
	}
	if !found {
		t.Errorf("report figures %q, want %d appointments", rep, b.Appointments)
	}

	for _, bad := range []string{"/staff/export/appointments.csv?from=2026-12-10&to=2026-11-27", "/staff/export/appointments.csv?from=x&to=y",
		"/staff/export/report.csv?kind=hourly", "/staff/export/nope.csv"} {
		if r := c.get(bad); r.status < 400 {
			t.Errorf("%s: %d", bad, r.status)
		}
	}
	li := h.login("li")
	if r := li.get("/staff/export/appointments.csv"); r.status != http.StatusForbidden {
		t.Errorf("reception exports: %d", r.status)
	}
	if strings.Contains(li.get("/staff/appointments").body, `id="exports"`) || !strings.Contains(c.get("/staff/appointments").body, `id="exports"`) {
		t.Error("the export links are not the supervisor's alone")
	}
}
