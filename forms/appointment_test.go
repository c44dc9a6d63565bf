package forms

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"frontoffice"
)

// slipFixture is a booked appointment of the demo shop: the collision
// warning system, whose high-value parts ask a deposit (APT-2).
func slipFixture(t testing.TB, lang frontoffice.Lang) (*frontoffice.Settings, frontoffice.Appointment) {
	st := frontoffice.DefaultSettings()
	loc := st.Location()
	sv, _ := st.Service("collision")
	start := time.Date(2026, 11, 28, 10, 0, 0, 0, loc)
	a := frontoffice.Appointment{
		ID: 42, Code: "K7M2QX", ServiceID: sv.ID, Start: start, End: start.Add(sv.Duration()),
		Status: frontoffice.AptBooked, Deposit: st.Deposit(sv), Plate: "京A12345",
		CustomerName: "张伟", Lang: lang, Source: "bot",
	}
	if lang == frontoffice.EN {
		a.CustomerName = "Anna Müller"
	}
	return &st, a
}

// APT-1, APT-2: the slip states the code, the time in full, the service,
// the plate, the customer, the deposit, and has a box to sign, in zh and en.
func TestAppointmentSlipText(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		lang frontoffice.Lang
		want []string
	}{
		{frontoffice.ZH, []string{
			"泰远汽车安装服务中心", "北京市朝阳区酒仙桥路 10 号", "010-8888-6666",
			"安装服务预约单", "Appointment Slip",
			"预约号", "K7M2QX",
			"预约时间", "2026年11月28日 周六 10:00–13:00",
			"服务项目", "防撞预警系统安装（参考价 ¥1,280.00）",
			"车牌号", "京A·12345",
			"客户姓名", "张伟",
			"定金", "¥1,300.00（配件价的一半以上，到店前支付）",
			"请到店前支付定金 ¥1,300.00",
			"本人已确认以上预约时间及服务项目。", "客户确认签字", "接待员", "签名",
		}},
		{frontoffice.EN, []string{
			"Taiyuan Auto Installation Center", "10 Jiuxianqiao Road, Chaoyang, Beijing", "010-8888-6666",
			"Appointment Slip", "安装服务预约单",
			"Booking code", "K7M2QX",
			"Time", "Sat 28 Nov 2026, 10:00–13:00",
			"Service", "Collision warning system installation (list price ¥1,280.00)",
			"Plate", "京A·12345",
			"Customer", "Anna Müller",
			"Deposit", "¥1,300.00 (at least half the parts price, due before the visit)",
			"please pay a deposit of ¥1,300.00",
			"I confirm the appointment time and the service above.", "Customer's confirmation", "Received by", "Signature",
		}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			st, a := slipFixture(t, tc.lang)
			pdf, err := e.AppointmentSlip(st, a, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, pdfText(t, pdf), tc.want...)
		})
	}
}

// APT-2: no deposit line when the service needs none.
func TestAppointmentSlipNoDeposit(t *testing.T) {
	e := testEngine(t)
	st, a := slipFixture(t, frontoffice.ZH)
	a.ServiceID, a.Deposit = "radar", 0
	pdf, err := e.AppointmentSlip(st, a, frontoffice.ZH)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantText(t, text, "倒车雷达安装", "¥680.00")
	if contains(text, "定金") {
		t.Errorf("slip without deposit mentions a deposit:\n%s", text)
	}
}

func TestAppointmentSlipPNG(t *testing.T) {
	e := testEngine(t)
	for _, lang := range []frontoffice.Lang{frontoffice.ZH, frontoffice.EN} {
		st, a := slipFixture(t, lang)
		pdf, err := e.AppointmentSlip(st, a, lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(pdf) > 60<<10 {
			t.Errorf("%s slip is %d bytes, more than 60 KB", lang, len(pdf))
		}
		savePNG(t, pdf, "appointment-slip-"+string(lang))
	}
}

// One Engine prints from many goroutines at once (run with -race).
func TestAppointmentSlipConcurrent(t *testing.T) {
	e := testEngine(t)
	names := []string{"张伟", "李娜", "王强", "赵敏", "John Smith", "刘洋", "陈静", "杨磊"}
	errs := make(chan error, len(names))
	for i, name := range names {
		go func() {
			st, a := slipFixture(t, frontoffice.ZH)
			a.CustomerName = name
			a.Code = "ABCDE" + string(rune('2'+i))
			_, err := e.AppointmentSlip(st, a, frontoffice.ZH)
			errs <- err
		}()
	}
	for range names {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// The slip's QR code reads back as the booking code (APT-1), decoded from
// the 80 dpi rendering by zbarimg (Debian zbar-tools, which scripts/test installs).
func TestAppointmentSlipQRDecodes(t *testing.T) {
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Fatal("zbarimg not found: run ./scripts/test, which installs zbar-tools (or apt-get install -y zbar-tools); QR codes are decoded, never skipped")
	}
	e := testEngine(t)
	st, a := slipFixture(t, frontoffice.ZH)
	pdf, err := e.AppointmentSlip(st, a, frontoffice.ZH)
	if err != nil {
		t.Fatal(err)
	}
	png := savePNG(t, pdf, "appointment-slip-qr")[0]
	out, err := exec.Command("zbarimg", "-q", "--raw", png).Output()
	if err != nil {
		t.Fatalf("zbarimg found no QR code in %s: %v", png, err)
	}
	if got := strings.TrimSpace(string(out)); got != a.Code {
		t.Errorf("QR code reads %q, want %q", got, a.Code)
	}
}
