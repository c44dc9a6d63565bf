package frontoffice

// The domain's codes know their own words: every enum below has a Label
// method that returns it in Chinese or English from labelTexts, so that the
// forms, the console and the bot print the same word for the same state. A
// code without a label (a value from an older file, or a typo) comes back
// as the code itself, so that nothing prints blank.
//
// Codes stored as plain strings (price modes, parts, vehicle types,
// complaint channels, answers to additional work) get a named type here;
// convert to print: fo.PriceMode(line.Mode).Label(lang).

// labelTexts are the words for the domain's codes, keyed "label.<enum>.<code>".
// Where the staff console and the printed forms used to disagree, the
// wording chosen is the one that reads right on both (see each group).
var labelTexts = Catalog{
	// Visit statuses. "called" is "已叫号 / Called": the number has been
	// called, which is all the shop knows; "at the counter" claimed more.
	"label.visit.waiting":   {Zh: "等候中", En: "Waiting"},
	"label.visit.called":    {Zh: "已叫号", En: "Called"},
	"label.visit.workshop":  {Zh: "车间施工中", En: "In the workshop"},
	"label.visit.ready":     {Zh: "已完工待交车", En: "Ready for pickup"},
	"label.visit.delivered": {Zh: "已交车", En: "Delivered"},
	"label.visit.left":      {Zh: "未施工离店", En: "Left without the work"},

	// Appointment statuses.
	"label.apt.booked":     {Zh: "已预约", En: "Booked"},
	"label.apt.cancelled":  {Zh: "已取消", En: "Cancelled"},
	"label.apt.checked_in": {Zh: "已到店", En: "Checked in"},
	"label.apt.no_show":    {Zh: "未到店", En: "No-show"},

	// Complaint statuses (CMP-4).
	"label.cmp.open":     {Zh: "待答复", En: "Waiting for our answer"},
	"label.cmp.answered": {Zh: "已答复", En: "Answered"},
	"label.cmp.closed":   {Zh: "已结案", En: "Closed"},
	"label.cmp.reopened": {Zh: "重新处理中", En: "Reopened"},

	// Complaint channels (CMP-1).
	"label.channel.bot":    {Zh: "Telegram 留言", En: "Telegram"},
	"label.channel.kiosk":  {Zh: "大厅自助机", En: "Lobby kiosk"},
	"label.channel.phone":  {Zh: "电话", En: "Phone"},
	"label.channel.visit":  {Zh: "到店", En: "In person"},
	"label.channel.letter": {Zh: "信函", En: "Letter"},
	"label.channel.sample": {Zh: "退回样件", En: "Returned part"},
	"label.channel.call":   {Zh: "跟踪回访", En: "Follow-up call"},
	"label.channel.survey": {Zh: "满意度调查", En: "Satisfaction survey"},

	// Follow-up call kinds (FU-2, FU-3, FU-6).
	"label.call.first":   {Zh: "首次回访", En: "First call"},
	"label.call.second":  {Zh: "二次回访", En: "Second call"},
	"label.call.promo":   {Zh: "活动通知", En: "Promotion"},
	"label.call.station": {Zh: "网点抽查", En: "Station check"}, // NET-4

	// Estimate lines: price modes, where the parts come from and what they
	// are (INT-2).
	"label.mode.system":       {Zh: "按系统", En: "By system"},
	"label.mode.symptom":      {Zh: "按症状", En: "By symptom"},
	"label.mode.item":         {Zh: "按项目", En: "By item"},
	"label.parts.shop":        {Zh: "本店提供", En: "Ours"},
	"label.parts.customer":    {Zh: "客户自带", En: "Customer's"},
	"label.parts.original":    {Zh: "正厂件", En: "Original"},
	"label.parts.aftermarket": {Zh: "副厂件", En: "Aftermarket"},

	// The customer's answer to additional work (INT-6).
	"label.aw.pending":  {Zh: "待客户答复", En: "Waiting for the customer"},
	"label.aw.approved": {Zh: "客户同意", En: "Approved"},
	"label.aw.declined": {Zh: "客户不同意", En: "Declined"},

	// Vehicle types (VehicleTypes); "" is a vehicle whose type was never
	// recorded.
	"label.vtype.car":   {Zh: "轿车", En: "Car"},
	"label.vtype.suv":   {Zh: "SUV", En: "SUV"},
	"label.vtype.mpv":   {Zh: "MPV", En: "MPV"},
	"label.vtype.van":   {Zh: "面包车", En: "Van"},
	"label.vtype.truck": {Zh: "货车", En: "Truck"},
	"label.vtype.bus":   {Zh: "客车", En: "Bus"},
	"label.vtype.":      {Zh: "未登记", En: "Not recorded"},
}

// label returns the word for code under prefix in lang, or code itself
// when there is none.
func label(lang Lang, prefix, code string) string {
	if _, ok := labelTexts[prefix+code]; !ok {
		return code
	}
	return labelTexts.T(lang, prefix+code)
}

// Label returns the visit status in lang: "已叫号" / "Called".
func (s VisitStatus) Label(lang Lang) string { return label(lang, "label.visit.", string(s)) }

// Label returns the appointment status in lang: "已到店" / "Checked in".
func (s AppointmentStatus) Label(lang Lang) string { return label(lang, "label.apt.", string(s)) }

// Label returns the complaint status in lang: "待答复" / "Waiting for our
// answer" (CMP-4).
func (s ComplaintStatus) Label(lang Lang) string { return label(lang, "label.cmp.", string(s)) }

// Label returns the call kind in lang: "首次回访" / "First call".
func (k CallKind) Label(lang Lang) string { return label(lang, "label.call.", string(k)) }

// Channel is how a complaint reached the shop: ChannelBot, ChannelKiosk, …
// (CMP-1).
type Channel string

// Label returns the channel in lang: "大厅自助机" / "Lobby kiosk".
func (c Channel) Label(lang Lang) string { return label(lang, "label.channel.", string(c)) }

// PriceMode is how an estimate line is priced: PriceBySystem,
// PriceBySymptom or PriceByItem (INT-2).
type PriceMode string

// Label returns the price mode in lang: "按系统" / "By system".
func (m PriceMode) Label(lang Lang) string { return label(lang, "label.mode.", string(m)) }

// PartsSource says who supplies an estimate line's parts (PartsShop,
// PartsCustomer) or what they are (PartsOriginal, PartsAftermarket); the
// two share one word list (INT-2).
type PartsSource string

// Label returns the parts source or kind in lang: "本店提供" / "Ours",
// "正厂件" / "Original".
func (p PartsSource) Label(lang Lang) string { return label(lang, "label.parts.", string(p)) }

// WorkAnswer is the customer's answer to additional work: AddPending,
// AddApproved or AddDeclined (INT-6).
type WorkAnswer string

// Label returns the answer in lang: "客户同意" / "Approved".
func (a WorkAnswer) Label(lang Lang) string { return label(lang, "label.aw.", string(a)) }

// VehicleType is one of VehicleTypes, or "" when the type was not recorded.
type VehicleType string

// Label returns the vehicle type in lang: "面包车" / "Van", "未登记" / "Not
// recorded" for "".
func (t VehicleType) Label(lang Lang) string { return label(lang, "label.vtype.", string(t)) }
