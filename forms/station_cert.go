package forms

import (
	"strings"
	"time"

	fo "frontoffice"
)

// StationCert prints station s's authorisation certificate (服务网点授权证书,
// NET-1: 「制作服务网点授权证书」) in lang: who is authorised, by whom, for
// which services, where, with which hotline, and the days it is valid. A
// station without a certificate is ECONFLICT (nothing to print yet).
func (e *Engine) StationCert(st *fo.Settings, s fo.Station, lang fo.Lang) ([]byte, error) {
	if s.Cert.No == "" {
		return nil, fo.Errorf(fo.ECONFLICT, "err.stcert.none")
	}
	loc := st.Location()
	tr := func(key string, args ...any) string { return fo.Texts.T(lang, key, args...) }
	d := e.NewDoc(DocOptions{Lang: lang, Shop: ShopOf(st, lang),
		Title:  Title{Zh: fo.Texts.T(fo.ZH, "stcert.title"), En: fo.Texts.T(fo.EN, "stcert.title")},
		Number: s.Cert.No, Issued: s.Cert.Issued, Loc: loc})
	d.Space(6)
	d.Paragraph(tr("stcert.grant", s.Name, st.ShopName(lang)), Style{Size: 15, Bold: true, Align: Center})
	d.Space(6)
	last := s.Cert.Until.Add(-time.Hour)
	day := func(t time.Time) string {
		if lang == fo.EN {
			return t.In(loc).Format("2 Jan 2006")
		}
		return t.In(loc).Format("2006年1月2日")
	}
	where := s.City
	if s.Area != "" {
		where += " " + s.Area
	}
	services := strings.Join(s.Services, "、")
	if lang == fo.EN {
		services = strings.Join(s.Services, ", ")
	}
	d.Fields(2,
		Field{Label: tr("stcert.no"), Value: s.Cert.No, Strong: true},
		Field{Label: tr("stcert.code"), Value: s.Code},
		Field{Label: tr("stcert.station"), Value: s.Name, Span: 2},
		Field{Label: tr("stcert.address"), Value: strings.TrimSpace(where + " " + s.Address), Span: 2},
		Field{Label: tr("stcert.hotline"), Value: s.Hotline, Strong: true},
		Field{Label: tr("stcert.services"), Value: dash(services)},
		Field{Label: tr("stcert.valid"), Value: day(s.Cert.From) + " – " + day(last), Strong: true, Span: 2},
	)
	d.Space(5)
	d.Paragraph(tr("stcert.terms", st.ShopName(lang), st.Shop.Phone), Style{Size: 10})
	d.Space(10)
	d.Signatures(tr("stcert.issuer"), tr("stcert.holder"))
	return d.Bytes()
}
