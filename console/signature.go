package console

import (
	"net/http"
	"strconv"
	"strings"

	fo "frontoffice"
	"frontoffice/internal/web"
)

// INT-4: the customer's signature. The intake form saves the work order;
// the visit's page then shows it awaiting the customer's signature: on the
// tablet at the desk the customer signs with a finger in the pad
// (/static/signature.js), or — when their chat is linked — approves it in
// Telegram with one tap (the store asked them when the work order was
// saved). Only then does the vehicle go to the workshop. At handover the
// customer signs the settlement the same way (consoleDeliver).

// signatureField is the form field the pad fills with its PNG data URL.
const signatureField = "signature"

// padSignature reads the pad's strokes from the posted form as the
// customer's signature; name is who signed, as the desk typed it.
func padSignature(r *http.Request, name string) (fo.Signature, error) {
	png, err := web.SignaturePNG(r.PostForm.Get(signatureField))
	if err != nil {
		return fo.Signature{}, err
	}
	return fo.Signature{Via: fo.SignedOnPad, PNG: png, Name: clip(strings.TrimSpace(name), 40)}, nil
}

// consoleSign records the customer's signature of the work order awaiting
// it, drawn on the pad, and sends the vehicle to the workshop (INT-4).
func (s *Server) consoleSign(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	v, ok := s.loadVisit(w, r, c)
	if !ok {
		return
	}
	sig, err := padSignature(r, v.CustomerName)
	if err == nil {
		_, err = s.cfg.Store.SignWorkOrder(fo.SignRequest{VisitID: v.ID, Signature: sig, By: c.by()})
	}
	if err != nil {
		s.visitFailed(w, r, c, v, "sign", err, nil)
		return
	}
	s.done(w, r, visitPath(v.ID), "con.flash.signed")
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// signatureTexts are the console's words of the customer's signature.
var signatureTexts = fo.Catalog{
	"con.sign.title":        {Zh: "客户签字确认（进厂安装服务单）", En: "Customer's signature (work order)"},
	"con.sign.awaiting":     {Zh: "服务单已保存，等待客户签字；签字后车辆才进入车间。", En: "The work order is saved and awaits the customer's signature; the vehicle goes to the workshop only after it."},
	"con.sign.telegram":     {Zh: "已通过 Telegram 请客户一键确认；客户在 Telegram 中确认后本页自动更新为已签字。", En: "The customer was asked to approve it with one tap in Telegram; once they do, this visit shows it signed."},
	"con.sign.pad_hint":     {Zh: "请客户核对服务单（可打印或在屏幕上查看），然后在下框内用手指签名。", En: "Let the customer check the work order (printed or on screen), then sign with a finger in the box below."},
	"con.sign.clear":        {Zh: "清除重签", En: "Clear"},
	"con.sign.submit":       {Zh: "客户已签字，交车间", En: "Signed — send to the workshop"},
	"con.sign.redo":         {Zh: "修改服务单", En: "Change the work order"},
	"con.sign.signed":       {Zh: "客户签字", En: "Customer's signature"},
	"con.sign.via.pad":      {Zh: "屏幕手写签名", En: "Signed on screen"},
	"con.sign.via.telegram": {Zh: "Telegram 一键确认", En: "Approved in Telegram"},
	"con.sign.via.paper":    {Zh: "纸质签字", En: "Signed on paper"},
	"con.deliver.sign":      {Zh: "客户在此签字确认结算与交车", En: "The customer signs here for the settlement and handover"},
	"con.flash.signed":      {Zh: "客户已签字，车辆已交车间。", En: "Signed; the vehicle is in the workshop."},
}

// SignatureImage is the address of sig's stroke image (a stored file),
// "" when it has none.
func (p *visitPage) SignatureImage(sig fo.Signature) string {
	if sig.File == 0 {
		return ""
	}
	return "/staff/files/" + strconv.FormatUint(sig.File, 10)
}

// consoleFile serves a stored file — a signature's strokes, an uploaded
// document — to staff, as the type it was stored with; not cached by the
// browser, never shown inline unless it is an image or a PDF.
func (s *Server) consoleFile(w http.ResponseWriter, r *http.Request, c *staffCtx) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	f, data, err := s.cfg.Store.File(id)
	if err != nil || data == nil {
		s.consoleError(w, r, c, http.StatusNotFound, "err.not_found")
		return
	}
	mime := f.Mime
	switch mime {
	case "image/png", "image/jpeg", "application/pdf":
	default:
		mime = "application/octet-stream"
		w.Header().Set("Content-Disposition", "attachment")
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}
