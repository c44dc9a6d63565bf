package data

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	fo "frontoffice"
)

// REP-2: the quality report's counts equal counts computed independently
// from the raw records: feedback of field jobs and stations (w.putQuality,
// as their flows record it), feedback staff add, complaints filed (some
// classified by staff, the others under their default class), problems
// resolved — seeded randomly with a fixed seed over three weeks, the
// report of the middle week read through the indexes.
func TestQualityReportCountsREP2(t *testing.T) {
	s, clock := newTestStore(t, followUpStaff())
	rng := rand.New(rand.NewPCG(13, 6))
	if err := s.update(func(tx *bolt.Tx, w *writer) error {
		for i, name := range []string{"城东网点", "城西网点"} {
			if err := w.putStation(fo.Station{ID: uint64(i + 1), Code: "ST-00" + strconv.Itoa(i+1), Name: name}, nil, "create"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	products := []string{"RADAR-4", "CAM-360", "DVR-2", ""}
	sites := []string{"华东物流", "新城公交", ""}
	cats := fo.ComplaintCategories
	type rec struct {
		at        time.Time
		class     fo.QualityClass
		product   string
		site      string
		station   uint64
		source    string
		open      bool
		id        uint64
		ticket    string
		complaint bool
	}
	var recs []*rec
	start := clock.Now()
	for i := 0; i < 160; i++ {
		clock.Advance(time.Duration(rng.IntN(200)+1) * time.Minute * 2)
		switch rng.IntN(4) {
		case 0: // a complaint, classified later or not
			c, err := s.FileComplaint(fo.ComplaintRequest{Channel: fo.ChannelPhone, Category: cats[rng.IntN(len(cats))],
				Text: "问题 " + strconv.Itoa(i), Customer: fo.CustomerInput{Name: "客户", Phone: "1390000" + strconv.Itoa(1000+i)}, By: "staff:li"})
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, &rec{at: c.FiledAt, class: fo.ComplaintQualityClass(c.Category), source: fo.QualitySourceComplaint,
				open: false, ticket: c.Ticket, complaint: true})
		default:
			q := fo.QualityFeedback{Source: []string{fo.QualitySourceField, fo.QualitySourceStation}[rng.IntN(2)],
				Class: fo.QualityClasses[rng.IntN(4)], Product: products[rng.IntN(len(products))], Site: sites[rng.IntN(len(sites))],
				Text: "发现问题 " + strconv.Itoa(i), Open: rng.IntN(2) == 0, Ref: "J" + strconv.Itoa(i)}
			if q.Source == fo.QualitySourceStation {
				q.StationID = uint64(rng.IntN(2) + 1)
			}
			var err error
			if rng.IntN(3) == 0 {
				q, err = s.AddQuality(q, "staff:zhao")
			} else {
				err = s.update(func(tx *bolt.Tx, w *writer) error {
					var err error
					q, err = w.putQuality(q)
					return err
				})
			}
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, &rec{at: q.At, class: q.Class, product: q.Product, site: q.Site, station: q.StationID,
				source: q.Source, open: q.Open, id: q.ID})
		}
		// Now and then staff classify a complaint or resolve a problem.
		if rng.IntN(5) == 0 && len(recs) > 0 {
			r := recs[rng.IntN(len(recs))]
			switch {
			case r.complaint:
				r.class, r.product, r.open = fo.QualityClasses[rng.IntN(4)], products[rng.IntN(3)], rng.IntN(2) == 0
				q, err := s.ClassifyComplaint(r.ticket, r.class, r.product, r.open, "staff:zhao")
				if err != nil {
					t.Fatal(err)
				}
				r.id = q.ID
			case r.open:
				if _, err := s.ResolveQuality(r.id, "已更换", "staff:zhao"); err != nil {
					t.Fatal(err)
				}
				r.open = false
			default:
				if _, err := s.ResolveQuality(r.id, "again", "staff:zhao"); fo.ErrorCode(err) != fo.ECONFLICT {
					t.Fatalf("resolving a resolved problem: %v, want a conflict", err)
				}
			}
		}
	}
	if clock.Now().Sub(start) < 14*24*time.Hour {
		t.Fatalf("the records cover %v, want three weeks", clock.Now().Sub(start))
	}
	loc := shanghai
	from, to := fo.ReportPeriod(fo.ReportWeekly, start.AddDate(0, 0, 9), loc)
	got, err := s.QualityReport(from, to)
	if err != nil {
		t.Fatal(err)
	}

	// Independently: the records of the period, by hand.
	total, open := 0, 0
	var byClass [4]int
	byProduct, bySite, bySource, byStation := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	var openIDs []uint64
	for _, r := range recs {
		if r.open && r.id != 0 {
			openIDs = append(openIDs, r.id)
		}
		if r.at.Before(from) || !r.at.Before(to) {
			continue
		}
		total++
		if r.open {
			open++
		}
		byClass[slices.Index(fo.QualityClasses, r.class)]++
		byProduct[r.product]++
		bySite[r.site]++
		bySource[r.source]++
		if r.station != 0 {
			byStation[[]string{"", "城东网点", "城西网点"}[r.station]]++
		}
	}
	if total < 20 {
		t.Fatalf("only %d records in the week: the seed makes too few", total)
	}
	if got.Total != total || got.ByClass != byClass || got.Open != open {
		t.Errorf("report total %d open %d by class %v, want %d %d %v", got.Total, got.Open, got.ByClass, total, open, byClass)
	}
	check := func(name string, lines []fo.QualityCount, want map[string]int) {
		t.Helper()
		gotm := map[string]int{}
		sum := 0
		for _, l := range lines {
			gotm[l.Key] = l.Total
			n := 0
			for _, c := range l.ByClass {
				n += c
			}
			if n != l.Total {
				t.Errorf("%s %q: classes add to %d, total %d", name, l.Key, n, l.Total)
			}
			sum += l.Total
		}
		if len(gotm) != len(want) {
			t.Errorf("%s: %v, want %v", name, gotm, want)
		}
		for k, n := range want {
			if gotm[k] != n {
				t.Errorf("%s %q: %d, want %d", name, k, gotm[k], n)
			}
		}
	}
	check("product", got.ByProduct, byProduct)
	check("site", got.BySite, bySite)
	check("source", got.BySource, bySource)
	check("station", got.ByStation, byStation)
	var gotOpen []uint64
	for _, q := range got.OpenProblems {
		gotOpen = append(gotOpen, q.ID)
	}
	slices.Sort(openIDs)
	slices.Sort(gotOpen)
	if !slices.Equal(gotOpen, openIDs) {
		t.Errorf("open problems %v, want %v", gotOpen, openIDs)
	}
}

// REP-2: the report goes to the quality department's chats, else the
// supervisors'; once per period; a bad resolution changes nothing.
func TestSendQualityReportREP2(t *testing.T) {
	s, clock := newTestStore(t, followUpStaff())
	q, err := s.AddQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Class: fo.QualityProduct, Product: "RADAR-4",
		Site: "华东物流", Text: "探头进水", Open: true}, "staff:zhao")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddQuality(fo.QualityFeedback{Source: fo.QualitySourceField, Class: "paint", Text: "x"}, "staff:zhao"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("unknown class: %v, want EINVALID", err)
	}
	if _, err := s.ResolveQuality(q.ID, " ", "staff:zhao"); fo.ErrorCode(err) != fo.EINVALID {
		t.Errorf("empty resolution: %v, want EINVALID", err)
	}
	if _, err := s.ResolveQuality(999, "x", "staff:zhao"); err != fo.ErrNotFound {
		t.Errorf("unknown problem: %v, want ErrNotFound", err)
	}
	r, err := s.SendQualityReport(fo.ReportWeekly, clock.Now())
	if err != nil || r.Total != 1 || len(r.OpenProblems) != 1 {
		t.Fatalf("report %+v, %v", r, err)
	}
	msgs := outbox(t, s, "quality:")
	if got := chatsOf(msgs); !slices.Equal(got, []int64{chatZhao}) || msgs[0].Document == nil || msgs[0].Document.Kind != fo.DocQuality {
		t.Fatalf("quality report to %v (%+v), want the supervisor's chat with the PDF", got, msgs)
	}
	// With quality staff on Telegram the report goes to them.
	st, _ := s.Settings()
	st.Staff = append(st.Staff, fo.StaffMember{ID: "qa", Name: "质量部", TelegramUserID: 901, Roles: []string{fo.RoleQuality}})
	if err := s.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	clock.Advance(7 * 24 * time.Hour)
	if _, err := s.SendQualityReport(fo.ReportWeekly, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendQualityReport(fo.ReportWeekly, clock.Now()); err != nil {
		t.Fatal(err)
	}
	msgs = outbox(t, s, "quality:")
	if len(msgs) != 2 || msgs[1].ChatID != 901 {
		t.Fatalf("after the second week: %d messages (%v), want one more, to the quality chat", len(msgs), chatsOf(msgs))
	}
	if _, err := s.ResolveQuality(q.ID, "更换探头", "staff:zhao"); err != nil {
		t.Fatal(err)
	}
	r, _ = s.QualityReport(clock.Now().AddDate(0, 0, -30), clock.Now())
	if len(r.OpenProblems) != 0 || r.Total != 1 || r.Open != 0 {
		t.Errorf("after resolving: %+v", r)
	}
}
