package data

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// VisitRecord reads a visit with its customer and vehicle; an unknown
// visit is ErrNotFound.
func TestVisitRecord(t *testing.T) {
	s, _ := newTestStore(t, noSync(), supervisorOnTelegram(), startingAt(at(2026, 11, 27, 9, 0)))
	v, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "张伟", Phone: "13910000001", Lang: fo.ZH}, Plate: "京A12345", ServiceID: "radar", Source: "kiosk", By: "kiosk"})
	if err != nil {
		t.Fatal(err)
	}
	got, c, veh, err := s.VisitRecord(v.ID)
	if err != nil || got.ID != v.ID || c.Name != "张伟" || veh.Plate != v.Plate {
		t.Errorf("VisitRecord = %+v, %+v, %+v, %v", got, c, veh, err)
	}
	if _, _, _, err := s.VisitRecord(999); !errors.Is(err, fo.ErrNotFound) {
		t.Errorf("unknown visit: %v", err)
	}
}

// REP-1: a report goes to every supervisor on Telegram with its PDF named
// as a document, once; without a supervisor on Telegram to the staff
// chats; a holiday with no records sends no daily report.
func TestSendReportREP1(t *testing.T) {
	s, clock := newTestStore(t, noSync(), supervisorOnTelegram(), startingAt(at(2026, 11, 27, 9, 0)))
	if _, err := s.CheckIn(fo.CheckInRequest{Customer: fo.CustomerInput{Name: "张伟", Phone: "13910000001"}, Plate: "京A12345", ServiceID: "radar", Source: "kiosk", By: "kiosk"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at(2026, 11, 27, 17, 30))
	reports := func() []fo.Message {
		es, _, err := s.Pending(clock.Now().Add(time.Hour), 1000)
		if err != nil {
			t.Fatal(err)
		}
		var out []fo.Message
		for _, e := range es {
			if e.Message.Document != nil && strings.HasPrefix(e.Message.Document.Kind, "report-") {
				out = append(out, e.Message)
			}
		}
		return out
	}
	for range 2 {
		b, err := s.SendReport(fo.ReportDaily, clock.Now())
		if err != nil || b.Received != 1 {
			t.Fatalf("%+v, %v", b, err)
		}
	}
	got := reports()
	if len(got) != 1 || got[0].ChatID != 777 || got[0].Document.Kind != "report-daily" || got[0].Document.Ref != 20261127 ||
		got[0].Document.Name != "report-daily-20261127.pdf" || !strings.Contains(got[0].Text, "进厂 1 台") || got[0].Lang != fo.ZH {
		t.Errorf("daily report messages %+v", got)
	}

	st, _ := s.Settings()
	for i := range st.Staff {
		st.Staff[i].TelegramUserID = 0
	}
	st.ClosedDates = []string{"2026-12-01"}
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendReport(fo.ReportWeekly, at(2026, 11, 28, 16, 30)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendReport(fo.ReportDaily, at(2026, 12, 1, 17, 30)); err != nil {
		t.Fatal(err)
	}
	got = reports()
	if len(got) != 2 || got[1].ChatID != -100 || got[1].Document.Kind != "report-weekly" || got[1].Document.Ref != 20261128 {
		t.Errorf("weekly report to the staff chat, no daily on a holiday: %+v", got)
	}
}

// receivedFigures reads the vehicle, service and check-in time of a
// visit's JSON by a quick look, whatever the customer typed (REP-1).
func TestReceivedFigures(t *testing.T) {
	in := at(2026, 12, 1, 9, 0).UTC()
	for _, v := range []fo.Visit{
		{ID: 1, VehicleID: 7, ServiceID: "radar", CheckedInAt: in, Concern: `"vehicle_id":9,"service_id":"x"`},
		{ID: 2, VehicleID: 8, CheckedInAt: in, WorkOrder: &fo.WorkOrder{Purpose: `"checked_in_at":"2020-01-01T00:00:00Z"`}},
		{ID: 3, VehicleID: 12345, ServiceID: `odd"id`, CheckedInAt: in},
	} {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := receivedFigures(raw)
		if err != nil || got.VehicleID != v.VehicleID || got.ServiceID != v.ServiceID || !got.CheckedInAt.Equal(in) {
			t.Errorf("visit %d: %+v %v", v.ID, got, err)
		}
	}
}

// parseJSONTime reads what encoding/json writes, as time.Parse does.
func TestParseJSONTime(t *testing.T) {
	for _, s := range []string{"2026-11-05T03:04:05Z", "2026-11-05T03:04:05.1Z", "2026-12-31T23:59:59.123456789Z",
		"2026-11-05T11:04:05+08:00", "2026-11-05T03:04:05.000001Z"} {
		want, err := time.Parse(time.RFC3339Nano, s)
		got, ok := parseJSONTime([]byte(s))
		if err != nil || !ok || !got.Equal(want) {
			t.Errorf("%s: %v %v, want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"2026-13-05T03:04:05Z", "garbage", "2026-11-05T03:04:05.Z1"} {
		if _, ok := parseJSONTime([]byte(s)); ok {
			t.Errorf("%s read as a time", s)
		}
	}
}

// The after-sales index values read back what was written (REP-3,
// issue 12 item 7): calls, complaints and surveys.
func TestAfterSalesFigures(t *testing.T) {
	t0 := at(2026, 12, 1, 9, 0).UTC()
	call := fo.Call{ID: 7, Kind: fo.CallSecond, Status: fo.CallDone, Window: fo.Window{Opens: t0, Closes: t0.Add(72 * time.Hour)}, DoneAt: t0.Add(time.Hour)}
	got, err := readCallFigures(7, callFigures(&call))
	if err != nil || got != (fo.CallCount{ID: 7, Kind: call.Kind, Status: call.Status, Opens: t0, Closes: call.Closes, DoneAt: call.DoneAt}) {
		t.Errorf("call: %+v %v", got, err)
	}
	cmp := fo.Complaint{ID: 9, Category: "quality", Status: fo.CmpClosed, Verdict: fo.VerdictSatisfied, FiledAt: t0,
		FirstDueAt: t0.Add(24 * time.Hour), FirstAnsweredAt: t0.Add(2 * time.Hour)}
	c, err := readComplaintFigures(9, complaintFigures(&cmp))
	if err != nil || c.Category != cmp.Category || c.Status != cmp.Status || c.Verdict != cmp.Verdict || !c.FiledAt.Equal(t0) ||
		!c.FirstDueAt.Equal(cmp.FirstDueAt) || !c.FirstAnsweredAt.Equal(cmp.FirstAnsweredAt) || !c.AnsweredInTime() {
		t.Errorf("complaint: %+v %v", c, err)
	}
	sv := fo.Survey{ID: 3, Status: fo.SurveyDone, DoneAt: t0, SurveyResult: fo.SurveyResult{Scores: [fo.Questions]int{5, 4, 2, 10}}}
	s, err := readSurveyFigures(3, surveyFigures(&sv))
	if err != nil || s.Scores != sv.Scores || !s.DoneAt.Equal(t0) || s.Status != fo.SurveyDone {
		t.Errorf("survey: %+v %v", s, err)
	}
	for _, bad := range [][]byte{nil, {2}, {aftersalesV1, 0, 1}} {
		if _, err := readCallFigures(1, bad); err == nil {
			t.Errorf("%v read as a call", bad)
		}
		if _, err := readComplaintFigures(1, bad); err == nil {
			t.Errorf("%v read as a complaint", bad)
		}
		if _, err := readSurveyFigures(1, bad); err == nil {
			t.Errorf("%v read as a survey", bad)
		}
	}
}
