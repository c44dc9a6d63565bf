package console

import (
	"net/http"
	"strings"

	fo "frontoffice"
)

// An estimate line priced from a labour-hour standard (工时定额, INT-2):
// the desk picks the product or service, the region and installation or
// repair; fo.Settings.LabourLine makes the line (the standard's time × the
// region's hourly rate), which joins the form's lines to be edited and
// saved like any other.

// labourChoice is the estimate form's standard picker.
type labourChoice struct {
	Codes   []qualityOption // the standards, "" when the shop has none
	Regions []qualityOption // the regions (Value; "" the shop's own) and their rates (Label)
	Code    string
	Region  string
	Repair  bool
}

// newLabourChoice lists st's standards and regions in lang.
func newLabourChoice(st *fo.Settings, lang fo.Lang) labourChoice {
	var c labourChoice
	for _, l := range st.Labour {
		c.Codes = append(c.Codes, qualityOption{Value: l.Code, Label: l.Code + " " + l.Name(lang)})
	}
	for _, r := range st.LabourRates {
		c.Regions = append(c.Regions, qualityOption{Value: r.Region, Label: r.HourlyRate.String()})
	}
	return c
}

// addLabourLine adds the line of the picked standard to the estimate form
// f (op "labour") and shows the form again, nothing saved; an unknown
// standard or region without a rate is the form's error.
func (s *Server) addLabourLine(w http.ResponseWriter, r *http.Request, c *staffCtx, v fo.Visit, f *estimateForm) {
	f.Labour.Code = strings.TrimSpace(r.PostForm.Get("labour_code"))
	f.Labour.Region = strings.TrimSpace(r.PostForm.Get("labour_region"))
	f.Labour.Repair = r.PostForm.Get("labour_repair") != ""
	keep := func(p *visitPage) { p.Estimate = f }
	line, err := c.st.LabourLine(f.Labour.Code, f.Labour.Region, f.Labour.Repair, c.lang)
	if err != nil {
		f.ErrField = "lines"
		s.visitFailed(w, r, c, v, "estimate", err, keep)
		return
	}
	// The line replaces a blank last line (the form's spare row).
	if n := len(f.Lines); n > 0 && f.Lines[n-1].Desc == "" && f.Lines[n-1].Labor == "" && f.Lines[n-1].Parts == "" {
		f.Lines = f.Lines[:n-1]
	}
	f.Lines = append(f.Lines, linesForm([]fo.EstimateLine{line})...)
	f.number()
	p := s.visitPage(c, v)
	keep(p)
	s.renderConsole(w, r, c, http.StatusOK, "console_visit", p)
}
