package console

import (
	"net/http"
	"strconv"
	"time"

	fo "frontoffice"
)

// Stations' scorecards in the console (NET-2): the supervisor picks a
// month and sees every working station's score and tier with the counts
// behind it, and downloads each scorecard as a PDF.

// networkDocumentPath is the supervisor's download of a network document
// (/staff/network/documents/...); a station has its own route
// (stationDocument).
func networkDocumentPath(kind string, ref uint64) string {
	return "/staff/network/documents/" + kind + "/" + strconv.FormatUint(ref, 10)
}

// networkDocument serves a station's scorecard or settlement statement
// to the supervisor.
func (s *Server) networkDocument(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	kind := r.PathValue("kind")
	ref, err := strconv.ParseUint(r.PathValue("ref"), 10, 64)
	if (kind != fo.DocStationScore && kind != fo.DocStationSettlement) || err != nil || ref == 0 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	s.serveDocument(w, r, c, fo.Document{Kind: kind, Ref: ref, Name: kind + "-" + r.PathValue("ref") + ".pdf"})
}

type scoreRow struct {
	S       fo.StationScorecard
	Tier    string
	Mean    string
	DocLink string
}

type networkScoresPage struct {
	consolePage
	Month string
	Rows  []scoreRow
}

// networkScoresPage shows the scorecards of ?month= (YYYY-MM; the last
// month by default) of every certified or suspended station.
func (s *Server) networkScoresPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	first := fo.DayStart(c.now, c.loc)
	first = first.AddDate(0, 0, 1-first.Day())
	month := first.AddDate(0, -1, 0).Format("2006-01")
	if m := r.URL.Query().Get("month"); m != "" {
		if _, err := time.ParseInLocation("2006-01", m, c.loc); err != nil {
			s.consoleError(w, r, c, http.StatusBadRequest, "err.date")
			return
		}
		month = m
	}
	stations, err := s.network().Stations()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &networkScoresPage{consolePage: s.consolePage(c, "net.title.scores"), Month: month}
	for _, st := range stations {
		if st.Status != fo.StationCertified && st.Status != fo.StationSuspended {
			continue
		}
		sc, _, err := s.network().StationScorecard(st.ID, month)
		if err != nil {
			s.consoleFail(w, r, c, err)
			return
		}
		mean := sc.SurveyMean()
		if mean == "" {
			mean = "—"
		}
		p.Rows = append(p.Rows, scoreRow{S: sc, Tier: s.texts.T(c.lang, "net.tier."+sc.Tier), Mean: mean,
			DocLink: networkDocumentPath(fo.DocStationScore, fo.ScoreRef(st.ID, month)) + "?lang=" + string(c.lang)})
	}
	s.renderConsole(w, r, c, http.StatusOK, "station_scores", p)
}
