package forms

import (
	"fmt"
	"strconv"
	"strings"

	fo "frontoffice"
)

// ServiceCard prints the after-sales service card 售后服务卡 that a customer
// gets on delivery (DEL-3: the quality guarantee is handed over) in lang:
// the customer (phone masked: the card travels), the vehicle, the
// delivery, the work done with its parts and whether each is guaranteed
// (INT-2), the guarantee terms, the next maintenance date, the hotline, and
// a QR code of link — what the customer can open again: the shop's
// Telegram bot (https://t.me/<bot>) when the bot runs, or, when link is
// empty, the hotline as a tel: link that a phone offers to call. A visit
// not delivered is an ECONFLICT *Error.
func (e *Engine) ServiceCard(st *fo.Settings, r VisitRecord, lang fo.Lang, link string) ([]byte, error) {
	v := &r.Visit
	if v.Status != fo.VisitDelivered {
		return nil, notAllowed("visit %d is not delivered", v.ID)
	}
	d := e.visitDoc(st, &r, lang, Title{Zh: "售后服务卡", En: "After-Sales Service Card"})
	caption := d.T("扫码打开本店 Telegram 服务号：预约保养、咨询、投诉", "Scan to open the shop's Telegram bot: book, ask, complain")
	if link == "" {
		link = "tel:" + telDigits(st.Shop.Phone)
		caption = d.T("扫码拨打售后服务热线", "Scan to call the after-sales hotline")
	}

	odo := ""
	if v.WorkOrder != nil {
		odo = km(v.WorkOrder.Odometer)
	}
	const qrSize, gap = 36.0, 5.0
	top := d.Y() + 1
	d.Space(1)
	d.QR(PageWidth-MarginRight-qrSize, top, qrSize, link)
	capLines := d.wrap(caption, qrSize+6, 7.5, false)
	for i, l := range capLines {
		d.Text(PageWidth-MarginRight-qrSize/2-d.Width(l, 7.5, false)/2, top+qrSize+3+float64(i)*lineHeight(7.5), l, 7.5, false)
	}
	fields := append(d.customerFields(&r, false),
		Field{Label: d.T("服务项目", "Service"), Value: dash(serviceName(st, v.ServiceID, lang))},
		Field{Label: d.T("交车日期", "Delivered"), Value: d.date(v.DeliveredAt)},
		Field{Label: d.T("交车里程", "Odometer"), Value: dash(odo)},
		Field{Label: d.T("售后热线", "Hotline"), Value: st.Shop.Phone, Strong: true},
	)
	d.FieldsAt(MarginLeft, ContentWidth-qrSize-gap, 1, fields...)
	d.Space(max(0, top+qrSize+4+float64(len(capLines))*lineHeight(7.5)-d.Y()))
	d.Space(2)

	d.Heading(d.T("本次施工项目", "Work done"), 20)
	var rows [][]string
	var lines []fo.EstimateLine
	if v.WorkOrder != nil {
		lines = v.WorkOrder.Lines
	}
	for i, l := range lines {
		rows = append(rows, []string{strconv.Itoa(i + 1), l.Description, d.partsText(l), d.guaranteeText(l)})
	}
	for _, a := range v.Additional {
		if a.Status == fo.AddApproved {
			rows = append(rows, []string{strconv.Itoa(len(rows) + 1), a.Description + d.T("（追加）", " (additional)"), "—", d.T("保修", "Yes")})
		}
	}
	d.Table(Table{
		Columns: []Column{
			{Title: d.T("序号", "No."), Width: 0.55, Align: Center},
			{Title: d.T("项目", "Work"), Width: 3},
			{Title: d.T("配件", "Parts"), Width: 1.5},
			{Title: d.T("质量保证", "Guarantee"), Width: 1.1},
		},
		Rows:  rows,
		Empty: d.T("无施工项目记录", "No work recorded"),
		Size:  9.5,
	})
	d.Space(3)

	d.Heading(d.T("质量保证条款", "Guarantee terms"), 20)
	terms := []string{
		d.T(fmt.Sprintf("本店对上表中标明“保修”的施工项目及本店提供的配件承担质量保证责任，期限自交车之日起 %d 个月；配件厂家保修期更长的，按厂家规定。", st.Guarantee()),
			fmt.Sprintf("The shop guarantees the work marked “Yes” above and the parts it supplied for %d months from the delivery date; where a part's maker gives longer, the maker's term applies.", st.Guarantee())),
		d.T("客户自带配件或安装于关键部位的副厂配件不在质量保证范围内（见进厂安装服务单）。",
			"Parts brought by the customer, and aftermarket parts at critical places, are not guaranteed (see the work order)."),
		d.T("如有质量问题，请持本卡致电售后服务热线 "+st.Shop.Phone+" 或在 Telegram 留言，我们会及时答复并告知处理时间。",
			"For any problem, call the hotline "+st.Shop.Phone+" or write to us in Telegram with this card at hand; we answer at once or tell you when we will."),
		d.T("请按期保养；保养、维修请提前预约。", "Please keep to the maintenance dates, and book ahead for maintenance or repairs."),
	}
	for i, t := range terms {
		terms[i] = strconv.Itoa(i+1) + ". " + t
	}
	d.Paragraph(strings.Join(terms, "\n"), Style{Size: 9.5, Indent: 3})
	d.Space(3)

	d.Heading(d.T("保养提醒", "Maintenance"), 12)
	next := d.T("请与本店约定", "To be agreed with the shop")
	if !r.Vehicle.NextMaintenance.IsZero() {
		next = d.date(r.Vehicle.NextMaintenance)
	}
	maint := []Field{{Label: d.T("下次保养日期", "Next maintenance"), Value: next, Strong: true}}
	if n := r.Vehicle.MaintIntervalDays; n > 0 {
		maint = append(maint, Field{Label: d.T("保养周期", "Interval"), Value: strconv.Itoa(n) + d.T(" 天", " days")})
	}
	d.Fields(2, maint...)
	d.Space(4)
	d.Paragraph(d.T("感谢您选择"+st.ShopName(lang)+"，祝您行车平安！", "Thank you for choosing "+st.ShopName(lang)+". Drive safely!"),
		Style{Size: 10, Bold: true, Align: Center})
	return d.Bytes()
}

// telDigits keeps the digits (and a leading +) of a phone number for a
// tel: link.
func telDigits(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
