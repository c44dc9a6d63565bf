package console

import (
	"errors"
	"frontoffice/internal/web"
	"net/http"
	"slices"
	"strconv"
	"strings"

	fo "frontoffice"
)

// Filing a complaint taken by phone, at the counter, by letter or with a
// returned part (CMP-1). The complaint is linked to a visit or a vehicle
// when there is one: from a visit's page (?visit=<id>), or by looking the
// plate up (a POST, so that the plate never stands in a URL) and picking
// one of the vehicle's visits. A plate not on file, or none, files it on
// the customer of the phone number given (created with the name when
// new).

// staffChannels are the channels staff file complaints from.
var staffChannels = []string{fo.ChannelPhone, fo.ChannelVisit, fo.ChannelLetter, fo.ChannelSample}

// maxVisitsOffered is how many of a vehicle's latest visits the form
// offers to link.
const maxVisitsOffered = 6

// complaintForm is the filing form with what a plate lookup found.
type complaintForm struct {
	Channel, Category, Text string
	Major                   bool
	Name, Phone, Plate      string
	VisitID                 uint64
	StationID               uint64 // NET-3: routed to a station at filing

	// Found by the plate (or the visit): the vehicle's owner and its
	// latest visits, the one to link checked.
	Looked   bool
	Customer *fo.Customer
	Visits   []fo.Visit
	vehicle  fo.Vehicle
}

type complaintNewPage struct {
	consolePage
	F          complaintForm
	Channels   []option
	Categories []option
	Max        int
	Stations   []option // NET-3: station_complaint.go
}

// option is a choice of a select or a radio group.
type option struct {
	Value, Label string
	Selected     bool
}

func (s *Server) complaintNewPage(c *staffCtx, f complaintForm) *complaintNewPage {
	p := &complaintNewPage{consolePage: s.consolePage(c, "as.new.title"), F: f, Max: fo.MaxComplaintText}
	for _, ch := range staffChannels {
		p.Channels = append(p.Channels, option{Value: ch, Label: label(s.texts, c.lang, "cmp.ch."+ch), Selected: ch == f.Channel})
	}
	for _, cat := range fo.ComplaintCategories {
		p.Categories = append(p.Categories, option{Value: cat, Label: label(s.texts, c.lang, "cmp.cat."+cat), Selected: cat == f.Category})
	}
	p.Stations = s.stationOptions(f.StationID) // NET-3
	return p
}

// asComplaintNew shows the filing form, linked to the ?visit= visit when
// given.
func (s *Server) asComplaintNew(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := complaintForm{Channel: fo.ChannelPhone}
	if id, err := strconv.ParseUint(r.URL.Query().Get("visit"), 10, 64); err == nil && id > 0 {
		v, err := s.cfg.Store.Visit(id)
		if err != nil {
			s.consoleFail(w, r, c, err)
			return
		}
		f.Channel, f.Plate, f.VisitID = fo.ChannelVisit, fo.FormatPlate(v.Plate), v.ID
		if err := s.lookParty(&f); err != nil {
			s.consoleFail(w, r, c, err)
			return
		}
	}
	s.renderConsole(w, r, c, http.StatusOK, "complaint_new", s.complaintNewPage(c, f))
}

// readComplaintForm reads the posted form.
func readComplaintForm(r *http.Request) complaintForm {
	pf := r.PostForm
	f := complaintForm{Channel: pf.Get("channel"), Category: pf.Get("category"), Text: strings.TrimSpace(pf.Get("text")),
		Major: pf.Get("major") != "", Name: strings.TrimSpace(pf.Get("name")), Phone: strings.TrimSpace(pf.Get("phone")),
		Plate: strings.TrimSpace(pf.Get("plate"))}
	f.VisitID, _ = strconv.ParseUint(pf.Get("visit"), 10, 64)
	f.StationID, _ = strconv.ParseUint(pf.Get("station"), 10, 64)
	return f
}

// lookParty finds the vehicle of f.Plate (or of f.VisitID), its owner and
// latest visits. A plate not on file finds nothing and is no error; a
// plate that is no plate is EINVALID.
func (s *Server) lookParty(f *complaintForm) error {
	f.Looked, f.Customer, f.Visits, f.vehicle = true, nil, nil, fo.Vehicle{}
	if f.Plate != "" {
		plate, err := fo.ParsePlate(f.Plate)
		if err != nil {
			return err
		}
		f.Plate = fo.FormatPlate(plate)
		veh, err := s.cfg.Store.VehicleByPlate(plate)
		if errors.Is(err, fo.ErrNotFound) {
			f.VisitID = 0
			return nil
		}
		if err != nil {
			return err
		}
		f.vehicle = veh
	}
	if f.vehicle.ID == 0 && f.VisitID != 0 {
		v, err := s.cfg.Store.Visit(f.VisitID)
		if err != nil {
			return err
		}
		f.vehicle = fo.Vehicle{ID: v.VehicleID, CustomerID: v.CustomerID}
	}
	if f.vehicle.ID == 0 {
		return nil
	}
	visits, err := s.cfg.Store.VehicleVisits(f.vehicle.ID)
	if err != nil {
		return err
	}
	slices.Reverse(visits) // newest first
	i := slices.IndexFunc(visits, func(v fo.Visit) bool { return v.ID == f.VisitID })
	f.Visits = visits[:min(len(visits), maxVisitsOffered)]
	switch {
	case i < 0:
		f.VisitID = 0
	case i >= maxVisitsOffered:
		f.Visits = append(f.Visits, visits[i])
	}
	// The customer is the vehicle's owner; a visit chosen from an earlier
	// owner's time is that owner's complaint.
	owner := f.vehicle.CustomerID
	if i >= 0 {
		owner = visits[i].CustomerID
	}
	cu, err := s.cfg.Store.Customer(owner)
	if err != nil {
		return err
	}
	f.Customer = &cu
	return nil
}

// asComplaintFile looks the plate up (op=find) or files the complaint
// (CMP-1) with its answer deadline (CMP-2, CMP-3), and opens it; the page
// shows what to tell the customer. Errors keep the input.
func (s *Server) asComplaintFile(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	f := readComplaintForm(r)
	fail := func(err error) {
		p := s.complaintNewPage(c, f)
		p.Err = s.consoleErrText(c, err)
		s.renderConsole(w, r, c, web.ErrorStatus(err), "complaint_new", p)
	}
	if err := s.lookParty(&f); err != nil {
		fail(err)
		return
	}
	if r.PostForm.Get("op") == "find" {
		s.renderConsole(w, r, c, http.StatusOK, "complaint_new", s.complaintNewPage(c, f))
		return
	}
	if !slices.Contains(staffChannels, f.Channel) {
		fail(fo.Errorf(fo.EINVALID, "err.cmp.channel"))
		return
	}
	req := fo.ComplaintRequest{Channel: f.Channel, Category: f.Category, Text: f.Text, Major: f.Major,
		VisitID: f.VisitID, StationID: f.StationID, By: c.by()}
	if c.acc.StaffID != "" {
		req.By = "staff:" + c.acc.StaffID
	}
	switch {
	case f.Customer != nil:
		// CMP-1: linked to the vehicle (and the visit chosen).
		req.CustomerID, req.VehicleID = f.Customer.ID, f.vehicle.ID
	default:
		phone, err := fo.ParsePhone(f.Phone)
		if err != nil {
			fail(err)
			return
		}
		in := fo.CustomerInput{Phone: phone}
		if _, err := s.cfg.Store.CustomerByPhone(phone); errors.Is(err, fo.ErrNotFound) {
			if in.Name, err = fo.ParseName(f.Name); err != nil {
				fail(err)
				return
			}
		} else if err != nil {
			fail(err)
			return
		}
		req.Customer = in
		if f.Plate != "" {
			req.Plate, _ = fo.ParsePlate(f.Plate)
		}
	}
	cm, err := s.cfg.Store.FileComplaint(req)
	if err != nil {
		fail(err)
		return
	}
	s.done(w, r, complaintPath(cm.ID), "con.flash.as_filed")
}
