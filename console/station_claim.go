package console

import (
	"net/http"
	"strconv"
	"strings"

	fo "frontoffice"
)

// Cost claims in the console (NET-2): a station files its claims and
// downloads its settlements and scorecards under /staff/station/; the
// supervisor audits every station's claims (approve, adjust with the
// approved amount and a reason, refuse with a reason) and downloads the
// settlement statements under /staff/network/claims.

// claimRow is a claim as the pages list it.
type claimRow struct {
	C       fo.StationClaim
	Station string
	Status  string
	Lines   []string
	Err     string
	// Kept input of a failed audit.
	Amount, Reason string
}

type stationClaimsPage struct {
	consolePage
	Station     fo.Station
	Rows        []claimRow
	Settlements []settlementRow
	Scores      []scoreLink
	Lines       string // kept input
}

type settlementRow struct {
	S       fo.StationSettlement
	Station string
	DocLink string
}

type scoreLink struct {
	Month   string
	DocLink string
}

// claimLines are a claim's lines as the console shows them.
func (s *Server) claimLines(c *staffCtx, cl fo.StationClaim) []string {
	var out []string
	for _, l := range cl.Lines {
		switch l.Kind {
		case fo.ClaimLabour:
			how := s.texts.T(c.lang, "net.claim.install")
			if l.Repair {
				how = s.texts.T(c.lang, "net.claim.repair")
			}
			out = append(out, s.texts.T(c.lang, "net.claim.line_labour", l.Code, l.Text, how, l.Qty, l.Minutes, l.Amount))
		case fo.ClaimParts:
			out = append(out, s.texts.T(c.lang, "net.claim.line_parts", l.Text, l.Amount))
		default:
			out = append(out, s.texts.T(c.lang, "net.claim.line_travel", l.Text, l.Amount))
		}
	}
	return out
}

// stationClaimsPage shows the account's station's claims, settlements and
// scorecards, and the claim form (NET-2).
func (s *Server) stationClaimsPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.renderStationClaims(w, r, c, http.StatusOK, "", "")
}

func (s *Server) renderStationClaims(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, errText, kept string) {
	stn, ok := s.stationOfAccount(w, r, c)
	if !ok {
		return
	}
	claims, err := s.network().StationClaims(stn.ID)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	sets, err := s.network().StationSettlements(stn.ID)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	p := &stationClaimsPage{consolePage: s.consolePage(c, "net.title.station_claims"), Station: stn, Lines: kept}
	p.Err = errText
	for _, cl := range claims {
		if cl.StationID == stn.ID {
			p.Rows = append(p.Rows, claimRow{C: cl, Status: label(s.texts, c.lang, "net.claim.st."+string(cl.Status)), Lines: s.claimLines(c, cl)})
		}
	}
	for _, set := range sets {
		if set.StationID == stn.ID {
			p.Settlements = append(p.Settlements, settlementRow{S: set, DocLink: "/staff/station/documents/" + fo.DocStationSettlement + "/" + strconv.FormatUint(set.ID, 10)})
		}
	}
	first := fo.DayStart(c.now, c.loc)
	first = first.AddDate(0, 0, 1-first.Day())
	for i := 1; i <= 3; i++ {
		m := first.AddDate(0, -i, 0).Format("2006-01")
		p.Scores = append(p.Scores, scoreLink{Month: m, DocLink: "/staff/station/documents/" + fo.DocStationScore + "/" + strconv.FormatUint(fo.ScoreRef(stn.ID, m), 10)})
	}
	s.renderConsole(w, r, c, status, "station_claims", p)
}

// stationClaimSubmit files the station's claim from the typed lines
// (fo.ParseClaimLines), priced by the labour-hour standards.
func (s *Server) stationClaimSubmit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	stn, ok := s.stationOfAccount(w, r, c)
	if !ok {
		return
	}
	text := r.PostForm.Get("lines")
	lines, err := fo.ParseClaimLines(text)
	if err == nil {
		_, err = s.network().SubmitClaim(fo.ClaimRequest{StationID: stn.ID, Lines: lines, By: "station:" + c.acc.Login})
	}
	if err != nil {
		if fo.ErrorCode(err) == fo.EINVALID {
			s.renderStationClaims(w, r, c, http.StatusUnprocessableEntity, s.consoleErrText(c, err), text)
			return
		}
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/station/claims", "con.flash.net_claimed")
}

// stationDocument serves the account's station's own settlement statement
// or scorecard; another station's is 404.
func (s *Server) stationDocument(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	stn, ok := s.stationOfAccount(w, r, c)
	if !ok {
		return
	}
	kind := r.PathValue("kind")
	ref, err := strconv.ParseUint(r.PathValue("ref"), 10, 64)
	doc := fo.Document{Kind: kind, Ref: ref, Name: kind + "-" + r.PathValue("ref") + ".pdf"}
	mine := false
	if err == nil {
		switch doc.Kind {
		case fo.DocStationScore:
			id, _, valid := fo.ParseScoreRef(doc.Ref)
			mine = valid && id == stn.ID
		case fo.DocStationSettlement:
			sets, err := s.network().StationSettlements(stn.ID)
			if err != nil {
				s.consoleFail(w, r, c, err)
				return
			}
			for _, set := range sets {
				mine = mine || (set.ID == doc.Ref && set.StationID == stn.ID)
			}
		}
	}
	if !mine {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	s.serveDocument(w, r, c, doc)
}

type networkClaimsPage struct {
	consolePage
	Waiting     []claimRow
	Done        []claimRow
	Settlements []settlementRow
}

// networkClaimsPage lists every station's claims for the supervisor: the
// ones to audit with their forms, the audited ones, and the settlements.
func (s *Server) networkClaimsPage(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	s.renderNetworkClaims(w, r, c, http.StatusOK, 0, "", "", "")
}

func (s *Server) renderNetworkClaims(w http.ResponseWriter, r *http.Request, c *staffCtx, status int, failed uint64, errText, amount, reason string) {
	claims, err := s.network().StationClaims(0)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	stations, err := s.network().Stations()
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	names := map[uint64]string{}
	for _, st := range stations {
		names[st.ID] = st.Code + " " + st.Name
	}
	p := &networkClaimsPage{consolePage: s.consolePage(c, "net.title.claims")}
	for _, cl := range claims {
		row := claimRow{C: cl, Station: names[cl.StationID], Status: label(s.texts, c.lang, "net.claim.st."+string(cl.Status)),
			Lines: s.claimLines(c, cl)}
		if cl.ID == failed {
			row.Err, row.Amount, row.Reason = errText, amount, reason
		}
		if cl.Status == fo.ClaimSubmitted {
			p.Waiting = append(p.Waiting, row)
		} else {
			p.Done = append(p.Done, row)
		}
	}
	sets, err := s.network().StationSettlements(0)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	for _, set := range sets {
		p.Settlements = append(p.Settlements, settlementRow{S: set, Station: names[set.StationID],
			DocLink: networkDocumentPath(fo.DocStationSettlement, set.ID)})
	}
	s.renderConsole(w, r, c, status, "station_claim_audit", p)
}

// networkClaimAudit records the supervisor's audit of a claim (NET-2).
func (s *Server) networkClaimAudit(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, ok := pathID(r, "id")
	if !ok {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	action, amountText, reason := r.PostForm.Get("action"), strings.TrimSpace(r.PostForm.Get("amount")), r.PostForm.Get("reason")
	var amount fo.Money
	var err error
	if action == fo.ClaimAdjust {
		amount, err = parseMoney(amountText)
	}
	if err == nil {
		_, err = s.network().AuditClaim(fo.ClaimAuditRequest{ID: id, Action: action, Amount: amount, Reason: reason}, c.by())
	}
	if err != nil {
		if code := fo.ErrorCode(err); code == fo.EINVALID || code == fo.ECONFLICT {
			s.renderNetworkClaims(w, r, c, http.StatusUnprocessableEntity, id, s.consoleErrText(c, err), amountText, reason)
			return
		}
		s.consoleFail(w, r, c, err)
		return
	}
	s.done(w, r, "/staff/network/claims", "con.flash.net_audited")
}

// serveDocument prints doc in the console's language (or ?lang=)
// and serves it as a PDF attachment.
func (s *Server) serveDocument(w http.ResponseWriter, r *http.Request, c *staffCtx, doc fo.Document) {
	if s.cfg.Documents == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "as.err.no_documents")
		return
	}
	lang := c.lang
	if l := r.URL.Query().Get("lang"); l != "" {
		lang = fo.ParseLang(l)
	}
	pdf, err := s.cfg.Documents.Render(r.Context(), doc, lang)
	if err != nil {
		s.consoleFail(w, r, c, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+doc.Name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(pdf)
}
