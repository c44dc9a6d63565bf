package forms

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"frontoffice"
)

// BenchmarkNaiveFpdfSameSlip is the baseline of BenchmarkAppointmentSlip,
// like with like: the same slip — header with the shop's name, contact
// and number under a double rule, title, printed time, the field grid
// with shaded labels, the QR code drawn as vector runs with its caption,
// the deposit line, the note heading and paragraphs wrapped to the width,
// two signature boxes — set with plain fpdf, loading the whole CJK font and
// the two Go fonts into every document through AddUTF8FontFromBytes, as
// fpdf's documentation shows. TestNaiveSlipIsTheSameSlip checks that it
// carries every word of the engine's slip.
func BenchmarkNaiveFpdfSameSlip(b *testing.B) {
	st, a := slipFixture(b, frontoffice.ZH)
	var n int
	for b.Loop() {
		n = len(naiveSameSlip(b, st, a))
	}
	b.ReportMetric(float64(n), "pdf-bytes")
}

// The naive slip says what the engine's slip says: every word that
// pdftotext reads on the engine's slip is on the naive one too.
func TestNaiveSlipIsTheSameSlip(t *testing.T) {
	st, a := slipFixture(t, frontoffice.ZH)
	engine, err := testEngine(t).AppointmentSlip(st, a, frontoffice.ZH)
	if err != nil {
		t.Fatal(err)
	}
	naive := squash(pdfText(t, naiveSameSlip(t, st, a)))
	words := strings.Fields(pdfText(t, engine))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !strings.Contains(naive, w) {
			t.Errorf("the naive slip lacks %q", w)
		}
	}
}

func naiveSameSlip(tb testing.TB, st *frontoffice.Settings, a frontoffice.Appointment) []byte {
	const (
		lang                         = frontoffice.ZH
		left, right, top, pageW      = MarginLeft, MarginRight, MarginTop, PageWidth
		contentW                     = pageW - left - right
		qrSize, gap                  = 38.0, 5.0
		labelSize, valueSize, strong = 9.0, 10.5, 15.0
	)
	loc := st.Location()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(left, top, right)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes("cjk", "", droidSansFallback)
	pdf.AddPage()
	lh := func(size float64) float64 { return size * ptToMM * 1.45 }
	// Runs of Chinese are set in the CJK font (it has no bold face), the
	// rest in the Go fonts, as the engine does.
	cjk := func(r rune) bool { return r >= 0x2E80 }
	runs := func(s string) []string {
		var out []string
		start := 0
		for i, r := range s {
			if i > start && cjk(r) != cjk([]rune(s[start:])[0]) {
				out = append(out, s[start:i])
				start = i
			}
		}
		if start < len(s) {
			out = append(out, s[start:])
		}
		return out
	}
	font := func(run string, size float64, bold bool) {
		switch {
		case cjk([]rune(run)[0]):
			pdf.SetFont("cjk", "", size)
		case bold:
			pdf.SetFont("go", "B", size)
		default:
			pdf.SetFont("go", "", size)
		}
	}
	width := func(s string, size float64, bold bool) float64 {
		w := 0.0
		for _, r := range runs(s) {
			font(r, size, bold)
			w += pdf.GetStringWidth(r)
		}
		return w
	}
	text := func(x, y float64, s string, size float64, bold bool, c rgb) {
		pdf.SetTextColor(int(c.r), int(c.g), int(c.b))
		for _, r := range runs(s) {
			font(r, size, bold)
			pdf.Text(x, y, r)
			x += pdf.GetStringWidth(r)
		}
	}
	// wrap breaks s into lines at most w wide, between any two runes.
	wrap := func(s string, w, size float64, bold bool) []string {
		var out []string
		for _, para := range strings.Split(s, "\n") {
			line, lw := "", 0.0
			for _, r := range para {
				rw := width(string(r), size, bold)
				if lw+rw > w && line != "" {
					out = append(out, line)
					line, lw = "", 0
				}
				line += string(r)
				lw += rw
			}
			out = append(out, line)
		}
		return out
	}
	line := func(x1, y1, x2, y2 float64, c rgb, lw float64) {
		pdf.SetDrawColor(int(c.r), int(c.g), int(c.b))
		pdf.SetLineWidth(lw)
		pdf.Line(x1, y1, x2, y2)
	}
	rect := func(x, y, w, h float64, fill, stroke *rgb, lw float64) {
		style := ""
		if fill != nil {
			pdf.SetFillColor(int(fill.r), int(fill.g), int(fill.b))
			style += "F"
		}
		if stroke != nil {
			pdf.SetDrawColor(int(stroke.r), int(stroke.g), int(stroke.b))
			pdf.SetLineWidth(lw)
			style += "D"
		}
		pdf.Rect(x, y, w, h, style)
	}

	// Header.
	y := top
	text(left, y+lh(15)*0.8, st.Shop.Name, 15, true, colAccent)
	text(left, y+lh(15)+lh(8.5)*0.8, st.Shop.Address+"   电话 "+st.Shop.Phone, 8.5, false, colMuted)
	no := "编号 " + a.Code
	text(pageW-right-width(no, 10, true), y+lh(10)*0.8+1.5, no, 10, true, colText)
	ry := y + lh(15) + lh(8.5) + 1
	line(left, ry, pageW-right, ry, colAccent, 0.6)
	line(left, ry+0.9, pageW-right, ry+0.9, colAccent, 0.2)
	y = ry + 0.9 + 4
	// Title.
	text((pageW-width("安装服务预约单", 18, true))/2, y+lh(18)*0.8, "安装服务预约单", 18, true, colText)
	y += lh(18)
	text((pageW-width("Appointment Slip", 10, false))/2, y+lh(10)*0.8, "Appointment Slip", 10, false, colMuted)
	y += lh(10)
	issued := "打印时间 " + time.Date(2026, 11, 27, 9, 0, 0, 0, loc).Format("2006-01-02 15:04")
	text(pageW-right-width(issued, 8, false), y+lh(8)*0.8, issued, 8, false, colMuted)
	y += lh(8) + 2

	// The QR code beside the fields.
	qtop := y + 2
	y += 2
	q, err := qrcode.New(a.Code, qrcode.Medium)
	if err != nil {
		tb.Fatal(err)
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	m := qrSize / float64(len(bm)+4)
	qx := pageW - right - qrSize
	white := rgb{255, 255, 255}
	rect(qx, qtop, qrSize, qrSize, &white, nil, 0)
	pdf.SetFillColor(0, 0, 0)
	for r, row := range bm {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			s := c
			for c < len(row) && row[c] {
				c++
			}
			pdf.Rect(qx+float64(2+s)*m, qtop+float64(2+r)*m, float64(c-s)*m, m, "F")
		}
	}
	caption := "到店签到请出示此码"
	text(pageW-right-qrSize/2-width(caption, 8, false)/2, qtop+qrSize+3, caption, 8, false, colMuted)

	// The fields.
	sv, _ := st.Service(a.ServiceID)
	fields := [][3]string{
		{"预约号", a.Code, "strong"},
		{"预约时间", slipWhen(lang, a.Start, a.End, loc), ""},
		{"服务项目", sv.Name(lang) + "（参考价 " + sv.Price.String() + "）", ""},
		{"车牌号", frontoffice.FormatPlate(a.Plate), ""},
		{"客户姓名", a.CustomerName, ""},
		{"定金", a.Deposit.String() + "（配件价的一半以上，到店前支付）", ""},
	}
	fw := contentW - qrSize - gap
	labelW := 18.0
	for _, f := range fields {
		labelW = max(labelW, width(f[0], labelSize, false)+2*padX+0.5)
	}
	for _, f := range fields {
		size, bold := valueSize, false
		if f[2] != "" {
			size, bold = strong, true
		}
		lines := wrap(f[1], fw-labelW-2*padX, size, bold)
		h := max(float64(len(lines))*lh(size)+2*padY, lh(valueSize)+2*padY+1)
		rect(left, y, labelW, h, &colShade, &colGrid, 0.2)
		rect(left+labelW, y, fw-labelW, h, nil, &colGrid, 0.2)
		text(left+padX, y+h/2+lh(labelSize)*0.3, f[0], labelSize, false, colMuted)
		for i, l := range lines {
			text(left+labelW+padX, y+padY+float64(i)*lh(size)+lh(size)*0.8, l, size, bold, colText)
		}
		y += h
	}
	y = max(y, qtop+qrSize+6) + 4

	// Deposit, notes, confirmation.
	paragraph := func(s string, size, indent float64, bold bool) {
		for _, l := range wrap(s, contentW-indent, size, bold) {
			text(left+indent, y+lh(size)*0.8, strings.TrimRight(l, " \u3000"), size, bold, colText)
			y += lh(size)
		}
	}
	paragraph(frontoffice.Texts.T(lang, "apt.deposit", a.Deposit), 10, 0, true)
	y += 2
	y++
	rect(left, y+1, 1.2, lh(11.5)-2, &colAccent, nil, 0)
	text(left+3, y+lh(11.5)*0.8, "温馨提示", 11.5, true, colText)
	y += lh(11.5) + 1
	paragraph("1. 请于预约时间前 10 分钟到店，凭预约号或扫描上方二维码在大厅自助机签到。\n"+
		"2. 如需改期或取消，请在 Telegram “我的预约”中操作，或致电 "+st.Shop.Phone+"。\n"+
		"3. 我们会在预约前半天至一天提醒您。", 9.5, 3, false)
	y += 5
	paragraph("本人已确认以上预约时间及服务项目。", 10, 0, false)
	y += 2

	// Signatures.
	const sgap, sh = 4.0, 26.0
	sw := (contentW - sgap) / 2
	for i, label := range []string{"客户确认签字", "接待员"} {
		x := left + float64(i)*(sw+sgap)
		rect(x, y, sw, sh, nil, &colGrid, 0.3)
		text(x+3, y+2+lh(9.5)*0.8, label, 9.5, true, colText)
		line(x+3, y+sh-8, x+sw-3, y+sh-8, colRule, 0.3)
		text(x+3, y+sh-3.5, "签名", 8, false, colMuted)
		date := "日期        年    月    日"
		text(x+sw-3-width(date, 8, false), y+sh-3.5, date, 8, false, colMuted)
	}

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
