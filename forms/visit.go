package forms

import (
	"fmt"

	fo "frontoffice"
)

// VisitRecord is a visit with its customer and vehicle: what the forms of
// a visit print (work order, additional-work order, settlement, exit
// notice, service card).
type VisitRecord struct {
	Visit    fo.Visit
	Customer fo.Customer
	Vehicle  fo.Vehicle
}

// notAllowed is the error of a form asked for a visit that has nothing to
// print on it yet (no work order, not delivered, …).
func notAllowed(format string, args ...any) error {
	return &fo.Error{Code: fo.ECONFLICT, Key: "err.not_allowed", Err: fmt.Errorf(format, args...)}
}

// visitDoc starts a document of a visit: the shop's header, the title, the
// visit's number.
func (e *Engine) visitDoc(st *fo.Settings, r *VisitRecord, lang fo.Lang, title Title) *Doc {
	return e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang), Title: title, Number: VisitNo(r.Visit), Loc: st.Location()})
}

// customerFields are the customer and the vehicle as the visit's forms
// print them; phone is printed in full or masked.
func (d *Doc) customerFields(r *VisitRecord, fullPhone bool) []Field {
	v, c, veh := &r.Visit, &r.Customer, &r.Vehicle
	name := c.Name
	if name == "" {
		name = v.CustomerName
	}
	phone := c.Phone
	if !fullPhone {
		phone = fo.MaskPhone(phone)
	}
	model := veh.Model
	if veh.Type != "" {
		model = joinNonEmpty(" · ", model, fo.VehicleType(veh.Type).Label(d.Lang()))
	}
	plate := veh.Plate
	if plate == "" {
		plate = v.Plate
	}
	return []Field{
		{Label: d.T("form.customer_name"), Value: dash(name)},
		{Label: d.T("form.visit.phone"), Value: dash(phone)},
		{Label: d.T("form.plate"), Value: dash(fo.FormatPlate(plate))},
		{Label: d.T("form.visit.vehicle"), Value: dash(model)},
	}
}

// serviceName returns the name of the visit's service, "" when none.
func serviceName(st *fo.Settings, id string, lang fo.Lang) string {
	if sv, ok := st.Service(id); ok {
		return sv.Name(lang)
	}
	return id
}

// partsText writes where an estimate line's parts come from (INT-2):
// "本店提供 · 正厂件", "" for a line without parts.
func (d *Doc) partsText(l fo.EstimateLine) string {
	if l.PartsSource == "" && l.PartsKind == "" {
		return "—"
	}
	src, kind := "", ""
	if l.PartsSource != "" {
		src = fo.PartsSource(l.PartsSource).Label(d.Lang())
	}
	if l.PartsKind != "" {
		kind = d.partsKind(l.PartsKind)
	}
	return joinNonEmpty(d.T("form.visit.parts_sep"), src, kind)
}

// guaranteeText writes whether an estimate line carries the quality
// guarantee (INT-2).
func (d *Doc) guaranteeText(l fo.EstimateLine) string {
	if l.NoGuarantee() {
		return d.T("form.visit.none")
	}
	if l.Critical {
		return d.T("form.visit.yes_critical_part")
	}
	return d.T("form.guaranteed")
}

// noGuaranteeNote is the work order's statement of the lines without a
// quality guarantee (INT-2), "" when every line has one.
func (d *Doc) noGuaranteeNote(lines []fo.EstimateLine) string {
	var ns []string
	for i, l := range lines {
		if l.NoGuarantee() {
			ns = append(ns, fmt.Sprintf("%d", i+1))
		}
	}
	if len(ns) == 0 {
		return ""
	}
	return d.T("form.visit.no_guarantee_note", joinNonEmpty(d.T("form.list_sep"), ns...))
}

// joinNonEmpty joins the non-empty strings with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
