package forms

import (
	"testing"
	"time"

	fo "frontoffice"
)

// estimateFixture is the visit fixture before intake, with the diagnosis
// and estimate put to the customer (INT-1) in status status.
func estimateFixture(lang fo.Lang, status fo.EstimateStatus) (*fo.Settings, VisitRecord) {
	st, r := visitFixture(lang)
	loc := st.Location()
	at := func(h, m int) time.Time { return time.Date(2026, 11, 27, h, m, 0, 0, loc).UTC() }
	v := &r.Visit
	e := fo.Estimate{N: 1, Purpose: v.WorkOrder.Purpose, DiagnosisConsent: true, Diagnosis: "倒车雷达左后探头接触不良，建议更换；前刹车片磨损到极限。",
		Lines: v.WorkOrder.Lines, EstimatedMinutes: 200, Status: status, CreatedAt: at(9, 25), By: "staff:li"}
	switch status {
	case fo.EstimateAgreed:
		e.DecidedAt, e.DecidedBy = at(9, 31), "staff:li"
	case fo.EstimateDeclined:
		e.DecidedAt, e.DecidedBy, e.DeclineReason = at(9, 31), "staff:li", "价格超出预算"
	}
	v.Estimates = []fo.Estimate{e}
	v.WorkOrder, v.Additional, v.Settlement, v.Status = nil, nil, nil, fo.VisitCalled
	return st, r
}

// INT-1, INT-2: the estimate prints its lines with their modes, parts and
// guarantee, the no-guarantee statement and the customer's decision with
// its time — awaiting, agreed, or declined with the reason.
func TestEstimateINT1INT2(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		lang   fo.Lang
		status fo.EstimateStatus
		want   []string
	}{
		{fo.ZH, fo.EstimateProposed, []string{"安装服务估价单", "Estimate", "编号 20261127-A003", "张伟", "13812345678", "估价时间", "2026-11-27 09:25",
			"客户同意检测诊断（见汽车检测诊断报告单）", "按系统", "本店提供·正厂件", "客户自带·副厂件", "不保修", "¥4,040.00",
			"质量保证说明：第 3 项", "客户意见", "待客户确认", "客户签字", "接待员"}},
		{fo.ZH, fo.EstimateDeclined, []string{"客户不同意估价（2026-11-27 09:31，李娜 记录）。原因：价格超出预算"}},
		{fo.EN, fo.EstimateAgreed, []string{"Estimate", "Customer's decision", "Agreed (2026-11-27 09:31, recorded by 李娜)", "Pricing", "No. 20261127-A003"}},
	} {
		st, r := estimateFixture(tc.lang, tc.status)
		pdf, err := e.Estimate(st, r, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), tc.want...)
		savePNG(t, pdf, "estimate-"+string(tc.lang)+"-"+string(tc.status))
	}
	st, r := visitFixture(fo.ZH)
	if _, err := e.Estimate(st, r, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("a visit without an estimate: %v", err)
	}
}

// INT-1: the diagnosis report prints the consent, the findings and the
// work proposed; none without consent.
func TestDiagnosisINT1(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"汽车检测诊断报告单", "客户同意", "客户同意检测诊断", "检测诊断结果", "倒车雷达左后探头接触不良，建议更换；前刹车片磨损到极限。",
			"建议施工项目（详见估价单）", "倒车雷达检测", "¥4,040.00", "检测技师", "客户签字"},
		fo.EN: {"Vehicle Diagnosis Report", "Findings", "Proposed work (see the estimate)", "Technician"},
	} {
		st, r := estimateFixture(lang, fo.EstimateProposed)
		pdf, err := e.Diagnosis(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "diagnosis-"+string(lang))
	}
	st, r := estimateFixture(fo.ZH, fo.EstimateProposed)
	r.Visit.Estimates[0].DiagnosisConsent = false
	if _, err := e.Diagnosis(st, r, fo.ZH); fo.ErrorCode(err) != fo.ECONFLICT {
		t.Errorf("a diagnosis without consent printed: %v", err)
	}
}

// DEL-3, APT-2: the settlement explains every number — lines, approved
// additional work, the discount with its reason and the supervisor, the
// deposit paid before with when and who took it, what was left to pay,
// paid and owed.
func TestSettlementDepositDiscountDEL3APT2(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"更换前刹车片（追加项目）", "明细合计", "¥4,520.00", "优惠", "¥120.00（原因：老客户）（业务主管 赵敏 批准）", "应付金额", "¥4,400.00",
			"已付定金（抵扣）", "¥1,300.00（2026-11-25 15:00 收，李娜）", "本次应付", "¥3,100.00", "实收金额", "¥3,000.00", "欠款（应收）", "¥100.00"},
		fo.EN: {"Discount", "¥120.00 (reason: 老客户) (approved by 赵敏)", "Deposit paid (deducted)", "¥1,300.00 (paid 2026-11-25 15:00, taken by 李娜)",
			"To pay now", "¥3,100.00", "Paid", "¥3,000.00", "Still owed", "¥100.00"},
	} {
		st, r := visitFixture(lang)
		loc := st.Location()
		r.Visit.Deposit = &fo.Deposit{Amount: 130000, PaidAt: time.Date(2026, 11, 25, 15, 0, 0, 0, loc).UTC(), By: "staff:li"}
		r.Visit.Settlement = &fo.Settlement{Amount: 452000, Discount: 12000, DiscountReason: "老客户", DiscountBy: "staff:zhao",
			Deposit: 130000, Paid: 300000, At: time.Date(2026, 11, 27, 16, 0, 0, 0, loc).UTC(), By: "staff:li"}
		if b := fo.VisitBill(&r.Visit); b.Total() != r.Visit.Settlement.Amount {
			t.Fatalf("fixture's bill %v", b.Total())
		}
		pdf, err := e.Settlement(st, r, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		savePNG(t, pdf, "settlement-deposit-"+string(lang))
	}
}
