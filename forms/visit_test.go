package forms

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

// visitFixture is a delivered visit of the demo shop with everything the
// visit's forms print: a work order with a customer-supplied part at a
// critical place (INT-2), belongings (INT-5), additional work approved and
// declined (INT-6), a delay, and a settlement with a supervisor's discount
// and money still owed (DEL-3).
func visitFixture(lang fo.Lang) (*fo.Settings, VisitRecord) {
	st := fo.DefaultSettings()
	loc := st.Location()
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, loc).UTC() }
	name, phone, model := "张伟", "13812345678", "比亚迪 汉 EV"
	if lang == fo.EN {
		name = "Anna Müller"
	}
	v := fo.Visit{
		ID: 7, CustomerID: 3, VehicleID: 4, Day: "2026-11-27", QueueNo: "A003", Status: fo.VisitDelivered, ServiceID: "collision",
		Concern: "安装防撞预警系统", Source: "kiosk", CheckedInAt: at(27, 9, 12), CalledAt: at(27, 9, 15),
		ReadyAt: at(27, 15, 40), DeliveredAt: at(27, 16, 5), Plate: "京A12345", CustomerName: name, Lang: lang,
		WorkOrder: &fo.WorkOrder{
			Purpose: "安装防撞预警系统，顺便检查倒车雷达时好时坏的问题", DiagnosisConsent: true,
			DiagnosisReport: "倒车雷达左后探头接触不良，建议更换。",
			Lines: []fo.EstimateLine{
				{Description: "防撞预警系统安装（CWS-2000 主机、前向摄像头与线束）", Mode: fo.PriceBySystem, Labor: 128000, Parts: 260000,
					PartsSource: fo.PartsShop, PartsKind: fo.PartsOriginal, Critical: true},
				{Description: "倒车雷达检测", Mode: fo.PriceBySymptom, Labor: 8000},
				{Description: "客户自带摄像头安装", Mode: fo.PriceByItem, Labor: 8000, PartsSource: fo.PartsCustomer, PartsKind: fo.PartsAftermarket, Critical: true},
			},
			DocumentsChecked: true, Anomalies: "右后门轻微划痕；前保险杠有旧伤",
			Belongings: []string{"雨伞", "行车记录仪", "儿童座椅"}, FuelEighths: 4, Odometer: 42318, KeyNo: "K-17",
			EstimatedMinutes: 200, PromisedAt: at(27, 16, 30), Receiver: "车间 老张", HandoverAt: at(27, 9, 33),
			CustomerSigned: true, CreatedAt: at(27, 9, 35), By: "staff:li",
		},
		Additional: []fo.AdditionalWork{
			{N: 1, Description: "更换前刹车片", Reason: "检查发现前刹车片磨损到极限", Price: 48000, ExtraMinutes: 60, Safety: true,
				Status: fo.AddApproved, AnsweredAt: at(27, 11, 2), AnsweredBy: "customer:bot", CreatedAt: at(27, 10, 40), NewPromisedAt: at(27, 17, 30)},
			{N: 2, Description: "更换雨刮片", Reason: "雨刮片老化", Price: 6000, ExtraMinutes: 10,
				Status: fo.AddDeclined, AnsweredAt: at(27, 11, 20), AnsweredBy: "staff:li", CreatedAt: at(27, 11, 5), NewPromisedAt: at(27, 17, 40)},
		},
		Settlement: &fo.Settlement{Amount: 452000, Discount: 12000, DiscountBy: "staff:zhao", Paid: 400000, At: at(27, 16, 0), By: "staff:li"},
	}
	c := fo.Customer{ID: 3, Name: name, Phone: phone, Address: "北京市朝阳区建国路 88 号", Lang: lang}
	veh := fo.Vehicle{ID: 4, CustomerID: 3, Plate: "京A12345", Model: model, Type: "car", MaintIntervalDays: 180,
		NextMaintenance: time.Date(2027, 5, 26, 0, 0, 0, 0, loc).UTC()}
	return &st, VisitRecord{Visit: v, Customer: c, Vehicle: veh}
}

// INT-1, INT-2, INT-3, INT-4, INT-5: the work order prints the intake,
// the handover to the 10 minutes, the belongings list, the estimate with
// modes, parts source and kind, the no-guarantee statement, the promised
// time and the signature boxes, in zh and en.
func TestWorkOrderINT2INT4INT5(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		lang fo.Lang
		want []string
	}{
		{fo.ZH, []string{"进厂安装服务单", "Work Order", "编号 20261127-A003", "张伟", "13812345678", "京A·12345", "比亚迪 汉 EV · 轿车",
			"来店目的", "安装防撞预警系统，顺便检查倒车雷达时好时坏的问题", "客户同意检测诊断。结果：倒车雷达左后探头接触不良，建议更换。",
			"证件核对", "已核对", "燃油", "4/8（半箱）", "里程表", "42,318 km", "钥匙编号", "K-17", "右后门轻微划痕；前保险杠有旧伤",
			"车间接车人", "车间 老张", "接车时间", "2026-11-27 09:30", "预计工时", "3 小时 20 分钟", "承诺交车时间", "2026-11-27 16:30",
			"随车物品清单", "雨伞", "行车记录仪", "儿童座椅",
			"估价", "计价方式", "按系统", "按症状", "按项目", "配件来源", "本店提供·正厂件", "客户自带·副厂件", "不保修", "保修（关键部位）",
			"防撞预警系统安装（CWS-2000 主机、前向摄像头与线束）", "¥3,880.00", "¥4,040.00",
			"质量保证说明：第 3 项使用客户自带配件或副厂配件，且位于关键部位，本店对该项不提供质量保证。",
			"本人已核对以上车辆状况、随车物品及估价，同意按本单施工；如发现追加项目，本店将先征得本人同意。",
			"客户已于 2026-11-27 09:35 在接待台确认。", "客户签字", "接待员", "车间接车"}},
		{fo.EN, []string{"Work Order", "进厂安装服务单", "No. 20261127-A003", "Anna Müller", "Purpose", "The customer agrees to a diagnosis",
			"Documents", "Checked", "Fuel", "4/8 (half)", "Odometer", "42,318 km", "Key no.", "K-17", "Condition", "Received by", "Handed over", "2026-11-27 09:30",
			"Estimated time", "3 h 20 min", "Promised for", "2026-11-27 16:30", "Belongings in the vehicle", "雨伞",
			"Pricing", "By system", "By symptom", "By item", "Ours · original", "Customer's · aftermarket", "None", "Yes (critical part)",
			"Quality guarantee: line 3 uses parts brought by the customer or aftermarket parts at a critical place; the shop gives no quality guarantee for it.",
			"I have checked the vehicle's condition, the belongings and the estimate above and agree to the work; any additional work will be done only with my consent.",
			"Customer", "Service advisor", "Workshop"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			st, r := visitFixture(tc.lang)
			pdf, err := e.WorkOrder(st, r, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			wantText(t, pdfText(t, pdf), tc.want...)
			savePNG(t, pdf, "work-order-"+string(tc.lang))
		})
	}
	// Every line guaranteed: no statement.
	st, r := visitFixture(fo.ZH)
	r.Visit.WorkOrder.Lines = r.Visit.WorkOrder.Lines[:2]
	r.Visit.WorkOrder.Belongings = nil
	pdf, err := e.WorkOrder(st, r, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	if contains(text, "质量保证说明") {
		t.Error("a work order without a no-guarantee line states one")
	}
	wantText(t, text, "车内无贵重物品登记。")
	r.Visit.WorkOrder = nil
	if _, err := e.WorkOrder(st, r, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("work order of a visit without one: %v", err)
	}
}

// INT-6: the additional-work order prints each item, its reason with
// safety stressed, price, extra time and new delivery time, and the
// customer's answer with its time and how it came.
func TestAdditionalWorkINT6(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"安装服务追加项目单", "更换前刹车片", "【涉及行车安全】检查发现前刹车片磨损到极限", "¥480.00", "1 小时", "2026-11-27 17:30",
			"客户同意", "2026-11-27 11:02", "客户本人（Telegram）", "更换雨刮片", "客户不同意", "2026-11-27 11:20", "李娜",
			"已同意合计", "客户确认", "客户答复及时间记录在案后，车间方可施工"},
		fo.EN: {"Additional Work Order", "[Safety] 检查发现前刹车片磨损到极限", "Approved", "The customer (Telegram)", "Declined",
			"Approved, total", "¥480.00", "Customer's answer", "only once the customer's answer is recorded with its time"},
	} {
		st, r := visitFixture(lang)
		pdf, err := e.AdditionalWork(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "additional-work-"+string(lang))
	}
	st, r := visitFixture(fo.ZH)
	r.Visit.Additional = nil
	if _, err := e.AdditionalWork(st, r, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("additional work order without any: %v", err)
	}
}

// DEL-3: the settlement prints the lines, the discount with the
// supervisor who granted it, due, paid and owed, and the handover list.
func TestSettlementDEL3(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"安装服务结算单", "结算明细", "更换前刹车片（追加项目）", "明细合计", "¥4,520.00", "结算金额", "优惠", "¥120.00（业务主管 赵敏 批准）",
			"应付金额", "¥4,400.00", "实收金额", "¥4,000.00", "欠款（应收）", "¥400.00", "收银员", "李娜", "结算时间", "2026-11-27 16:00",
			"交车交付（客户核对后签字）", "出厂通知单", "售后服务卡（质量保证）", "车钥匙", "客户签字"},
		fo.EN: {"Settlement", "Details", "(additional)", "Total of the lines", "Discount", "¥120.00 (approved by 赵敏)", "Due", "¥4,400.00",
			"Paid", "¥4,000.00", "Still owed", "¥400.00", "Handed over (the customer checks and signs)", "Service card (guarantee)", "Keys"},
	} {
		st, r := visitFixture(lang)
		pdf, err := e.Settlement(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "settlement-"+string(lang))
	}
}

// DEL-3, INT-4: the exit notice of a delivered visit, and of a declined
// one with its fee.
func TestExitNoticeDEL3INT4(t *testing.T) {
	e := testEngine(t)
	st, r := visitFixture(fo.ZH)
	pdf, err := e.ExitNotice(st, r, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "出厂通知单", "Exit Notice", "兹有车辆 京A·12345 已完成施工，经检查合格并办理结算，准予出厂。",
		"出厂时间", "2026-11-27 16:05", "应付 ¥4,400.00，实收 ¥4,000.00，欠款 ¥400.00", "138****5678", "钥匙编号", "K-17", "门卫核验")
	savePNG(t, pdf, "exit-notice-zh")

	// INT-4: declined, with the diagnosis fee.
	left := r
	left.Visit.Status, left.Visit.LeftAt = fo.VisitLeft, r.Visit.CalledAt.Add(20*time.Minute)
	left.Visit.WorkOrder, left.Visit.Additional = nil, nil
	left.Visit.Concern = "防撞系统报警灯常亮，想先检测\n检测后客户觉得维修价格偏高，先不做了"
	left.Visit.Settlement = &fo.Settlement{Amount: 5000, Paid: 5000, At: left.Visit.LeftAt, By: "staff:li"}
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"车辆 京A·12345 未签署进厂安装服务单，未施工，准予出厂。", "诊断 / 估价费", "应付 ¥50.00，实收 ¥50.00",
			"说明：检测后客户觉得维修价格偏高，先不做了", "2026-11-27 09:35"},
		fo.EN: {"Vehicle 京A·12345 leaves without the work: the work order was not signed.", "Diagnosis / estimate fee", "due ¥50.00, paid ¥50.00"},
	} {
		pdf, err := e.ExitNotice(st, left, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "exit-notice-declined-"+string(lang))
	}
	// And its settlement is the fee.
	pdf, err = e.Settlement(st, left, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantText(t, text, "诊断 / 估价费", "¥50.00")
	if contains(text, "交车交付") {
		t.Error("a declined visit's settlement lists the delivery handover")
	}
	open := r
	open.Visit.Status = fo.VisitWorkshop
	if _, err := e.ExitNotice(st, open, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("exit notice of a vehicle in the workshop: %v", err)
	}
}

// DEL-3: the service card prints the customer (phone masked), the
// vehicle, the work and parts with their guarantee, the terms, the next
// maintenance date, the hotline and a QR code; one page, small.
func TestServiceCard(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		lang fo.Lang
		link string
		want []string
	}{
		{fo.ZH, "https://t.me/TaiyuanAutoBot", []string{"售后服务卡", "After-Sales Service Card", "编号 20261127-A003", "张伟", "138****5678",
			"京A·12345", "比亚迪 汉 EV · 轿车", "防撞预警系统安装", "交车日期", "2026-11-27", "交车里程", "42,318 km", "售后热线", "010-8888-6666",
			"本次施工项目", "防撞预警系统安装（CWS-2000 主机、前向摄像头与线束）", "本店提供·正厂件", "保修（关键部位）", "客户自带·副厂件", "不保修",
			"更换前刹车片（追加）", "质量保证条款", "自交车之日起 12 个月", "客户自带配件或安装于关键部位的副厂配件不在质量保证范围内（见进厂安装服务单）。",
			"保养提醒", "下次保养日期", "2027-05-26", "保养周期", "180 天", "扫码打开本店 Telegram 服务号：预约保养、咨询、投诉",
			"感谢您选择泰远汽车安装服务中心，祝您行车平安！"}},
		{fo.EN, "", []string{"After-Sales Service Card", "Anna Müller", "138****5678", "Delivered", "2026-11-27", "Hotline", "Work done",
			"Customer's · aftermarket", "None", "(additional)", "Guarantee terms", "for 12 months from the delivery date", "Next maintenance", "2027-05-26", "180 days",
			"Scan to call the after-sales hotline", "Thank you for choosing Taiyuan Auto Installation Center. Drive safely!"}},
	} {
		st, r := visitFixture(tc.lang)
		pdf, err := e.ServiceCard(st, r, tc.lang, tc.link)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdf)
		wantText(t, text, tc.want...)
		if contains(text, "13812345678") {
			t.Error("the card prints the full phone number")
		}
		if n := strings.Count(text, "\f"); n != 1 {
			t.Errorf("%s card has %d pages", tc.lang, n)
		}
		if len(pdf) > 60<<10 {
			t.Errorf("%s card is %d bytes, more than 60 KB", tc.lang, len(pdf))
		}
		png := savePNG(t, pdf, "service-card-"+string(tc.lang))
		if _, err := exec.LookPath("zbarimg"); err != nil {
			t.Fatal("zbarimg not found: run ./scripts/test, which installs zbar-tools (or apt-get install -y zbar-tools); QR codes are decoded, never skipped")
		} else {
			want := tc.link
			if want == "" {
				want = "tel:01088886666"
			}
			out, err := exec.Command("zbarimg", "-q", "--raw", png[0]).Output()
			if got := strings.TrimSpace(string(out)); err != nil || got != want {
				t.Errorf("card QR code reads %q (%v), want %q", got, err, want)
			}
		}
	}
	st, r := visitFixture(fo.ZH)
	r.Visit.Status = fo.VisitReady
	_, err := e.ServiceCard(st, r, fo.ZH, "")
	var fe *fo.Error
	if !errors.As(err, &fe) || fe.Code != fo.ECONFLICT {
		t.Errorf("card before delivery: %v", err)
	}
}
