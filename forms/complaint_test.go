package forms

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	fo "frontoffice"
)

func complaintFixture(lang fo.Lang) (*fo.Settings, fo.Complaint) {
	st := fo.DefaultSettings()
	loc := st.Location()
	filed := time.Date(2026, 11, 27, 14, 5, 0, 0, loc)
	c := fo.Complaint{ID: 9, Ticket: "TS-20261127-003", Channel: fo.ChannelBot, Category: "safety", Major: true,
		Text: longZh, Status: fo.CmpOpen, CustomerName: "张伟", Plate: "京A12345", Lang: lang,
		FiledAt: filed.UTC(), FirstDueAt: filed.Add(4 * time.Hour).UTC(), DueAt: filed.Add(4 * time.Hour).UTC()}
	return &st, c
}

// CMP-1, CMP-2: the receipt states the ticket, how and when the complaint
// came, what it says — every character of a long text — and by when the
// shop answers; once closed, the answer, resolution and verdict (CMP-4).
func TestComplaintReceiptCMP2(t *testing.T) {
	e := testEngine(t)
	for lang, want := range map[fo.Lang][]string{
		fo.ZH: {"客户投诉受理单", "Complaint Receipt", "受理编号", "TS-20261127-003", "受理时间", "2026-11-27 14:05", "Telegram 留言",
			"安全问题（重大，优先处理）", "张伟", "京A·12345", "答复期限", "2026-11-27 18:05", "待答复", longZh,
			"您的投诉已登记。我们将于 2026-11-27 18:05 前答复您；如需补充情况，请致电 010-8888-6666 并告知受理编号 TS-20261127-003。处理完毕后我们会询问您是否满意。",
			"受理人"},
		fo.EN: {"Complaint Receipt", "Ticket", "TS-20261127-003", "Filed", "Telegram", "safety (major: handled first)", "We answer by", "2026-11-27 18:05",
			"Waiting for our answer", "Your complaint is registered. We will answer you by 2026-11-27 18:05.", "quote ticket TS-20261127-003"},
	} {
		st, c := complaintFixture(lang)
		pdf, err := e.ComplaintReceipt(st, c, lang)
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, pdfText(t, pdf), want...)
		png := savePNG(t, pdf, "complaint-"+string(lang))
		if _, err := exec.LookPath("zbarimg"); err != nil {
			t.Fatal("zbarimg not found: run ./scripts/test, which installs zbar-tools (or apt-get install -y zbar-tools); QR codes are decoded, never skipped")
		} else {
			out, err := exec.Command("zbarimg", "-q", "--raw", png[0]).Output()
			if err != nil || strings.TrimSpace(string(out)) != c.Ticket {
				t.Errorf("QR code reads %q, %v", out, err)
			}
		}
	}
	st, c := complaintFixture(fo.ZH)
	c.Status, c.Answer, c.AnsweredAt = fo.CmpClosed, "已安排技师复检，更换左后探头，费用由本店承担。", c.FiledAt.Add(2*time.Hour)
	c.Resolution, c.Verdict = "免费更换探头", fo.VerdictSatisfied
	pdf, err := e.ComplaintReceipt(st, c, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "处理结果", "已安排技师复检，更换左后探头，费用由本店承担。", "2026-11-27 16:05", "解决方案", "免费更换探头", "客户评价", "满意", "已结案")
}

// FU-7: the day's call register lists each caller's calls with what to
// mind, and the calls recorded that day; the letter register its entries.
func TestCallListFU7(t *testing.T) {
	e := testEngine(t)
	st := fo.DefaultSettings()
	loc := st.Location()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, loc)
	win := st.FirstCallWindow(time.Date(2026, 11, 27, 16, 0, 0, 0, loc))
	list := fo.CallList{Day: day.UTC(), Staff: []fo.StaffCalls{{Staff: "wang", Name: "王强", Calls: []fo.CallItem{
		{Call: fo.Call{ID: 1, Kind: fo.CallFirst, Status: fo.CallOpen, Window: win, Work: "防撞预警系统安装、更换前刹车片",
			DeliveredAt: time.Date(2026, 11, 27, 16, 0, 0, 0, loc), Survey: &fo.SurveyResult{Scores: [4]int{5, 5, 4, 5}}},
			CustomerName: "张伟", Phone: "13812345678", Plate: "京A12345", Model: "比亚迪 汉 EV", NextMaint: time.Date(2027, 5, 26, 0, 0, 0, 0, loc),
			Promotions: []string{"冬季保养八折 (12月12日 周六)"}, Staff: "wang", Taker: "wang"},
		{Call: fo.Call{ID: 2, Kind: fo.CallSecond, Status: fo.CallOpen, Window: fo.Window{Opens: day.AddDate(0, 0, -7).UTC(), Closes: day.AddDate(0, 0, 1).UTC()},
			AvoidTopics: []string{"vehicle", "opinion"}}, CustomerName: "Anna Müller", Phone: "13900001111", Plate: "京B54321",
			ClosesToday: true, Staff: "liu", Taker: "wang"},
	}}}}
	reg := []fo.RegisterEntry{
		{At: day.Add(10*time.Hour + 5*time.Minute).UTC(), Action: fo.OutcomeReached, Ref: 7, Code: string(fo.CallFirst), By: "staff:wang", Detail: "首次回访 李娜 京C·11111 客户满意"},
		{At: day.Add(10*time.Hour + 20*time.Minute).UTC(), Action: "filed", Ref: 3, Code: "TS-20261130-001", By: "staff:li", Detail: "王芳 京D·22222 电话投诉"},
	}
	pdf, err := e.CallList(&st, list, reg, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "跟踪服务电话登记表", "2026-11-30 周一", "待回访", "回访人：王强 (2)", "张伟", "13812345678", "京A·12345", "比亚迪 汉 EV",
		"交车 2026-11-27", "防撞预警系统安装、更换前刹车片", "首次回访", "11-29 – 12-04", "满意度 5/5/4/5，可简短回访", "下次保养 2027-05-26",
		"活动：冬季保养八折 (12月12日 周六)", "二次回访", "今日截止", "上次已谈：车辆使用情况、服务意见", "代 liu", "回访结果",
		"今日电话登记（FU-7）", "10:05", "已接通", "首次回访 李娜 京C·11111 客户满意", "王强", "受理投诉", "TS-20261130-001", "李娜")
	savePNG(t, pdf, "calls-zh")

	pdf, err = e.CallList(&st, fo.CallList{Day: day.UTC()}, nil, fo.EN)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "Follow-up Call Register", "No follow-up calls are due today.", "No calls recorded today.")

	pdf, err = e.LetterRegister(&st, day.AddDate(0, 0, -29), day.AddDate(0, 0, 1), []fo.RegisterEntry{
		{At: day.Add(9 * time.Hour).UTC(), Action: "invitation", Ref: 2, Code: "promo", By: "system", Detail: "张伟 冬季保养八折"},
	}, fo.ZH)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, pdfText(t, pdf), "跟踪服务信函登记表", "2026-11-01 至 2026-11-30", "11-30 09:00", "活动", "邀请函", "张伟 冬季保养八折", "系统")
	savePNG(t, pdf, "letters-zh")
}
