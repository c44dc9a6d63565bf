package forms

import (
	"testing"
	"time"

	fo "frontoffice"
)

// NET-1: the authorisation certificate names the station, its hotline, its
// services and the days it is valid; read back and rendered to PNG.
func TestStationCertNET1(t *testing.T) {
	e := testEngine(t)
	st := fo.DefaultSettings()
	loc := st.Location()
	s := fo.Station{ID: 3, Code: "ST-003", Name: "杭州西湖汽车服务站", City: "杭州", Area: "西湖区", Address: "文三路 1 号",
		Hotline: "0571-8888 6666", Services: []string{"安装", "维修"}, Status: fo.StationCertified,
		Cert: fo.StationCert{No: "NET-2026-003", From: time.Date(2026, 12, 6, 0, 0, 0, 0, loc),
			Until: time.Date(2028, 1, 1, 0, 0, 0, 0, loc), Issued: time.Date(2026, 12, 6, 10, 0, 0, 0, loc)}}
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"特约服务网点授权证书", "NET-2026-003", "ST-003", "兹授权 杭州西湖汽车服务站 为", "0571-8888 6666", "安装、维修",
			"2026年12月6日 – 2027年12月31日", "授权单位（盖章）", "网点负责人"},
		fo.EN: {"Certificate of Authorised Service Station", "NET-2026-003", "is hereby authorised", "6 Dec 2026 – 31 Dec 2027",
			"Service hotline", "安装, 维修"},
	} {
		pdf, err := e.StationCert(&st, s, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "station-cert-"+string(lang))
	}
	s.Cert = fo.StationCert{}
	if _, err := e.StationCert(&st, s, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("no certificate: %v", err)
	}
}
