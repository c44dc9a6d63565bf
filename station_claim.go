package frontoffice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Cost claims of service stations (NET-2): a station claims its costs —
// labour by the shop's labour-hour standards (Settings.LabourCost at the
// station's region rate), parts and travel — the supervisor audits each
// claim (approve, adjust with a reason, refuse with a reason), and the
// audited claims are settled monthly with a settlement statement per
// station, sent to the station and to finance (RoleFinance).

// ClaimStatus is where a claim stands.
type ClaimStatus string

// Claim statuses: submitted → approved | adjusted | refused → settled
// (approved and adjusted claims are paid in the month's settlement; a
// refused one is listed there at zero).
const (
	ClaimSubmitted ClaimStatus = "submitted"
	ClaimApproved  ClaimStatus = "approved"
	ClaimAdjusted  ClaimStatus = "adjusted"
	ClaimRefused   ClaimStatus = "refused"
	ClaimSettled   ClaimStatus = "settled"
)

// Claim line kinds.
const (
	ClaimLabour = "labour"
	ClaimParts  = "parts"
	ClaimTravel = "travel"
)

// ClaimLine is one line of a cost claim. A labour line names the labour
// standard (Code), install or repair, and a quantity; its amount is priced
// by the standards. Parts and travel lines state their amount.
type ClaimLine struct {
	Kind    string `json:"kind"`
	Code    string `json:"code,omitempty"`
	Repair  bool   `json:"repair,omitempty"`
	Qty     int    `json:"qty,omitempty"`
	Minutes int    `json:"minutes,omitempty"` // labour: standard minutes × qty
	Text    string `json:"text,omitempty"`
	Amount  Money  `json:"amount"`
}

// StationClaim is a station's cost claim (NET-2).
type StationClaim struct {
	ID        uint64      `json:"id"`
	No        string      `json:"no"` // SC-000012
	StationID uint64      `json:"station_id"`
	Lines     []ClaimLine `json:"lines"`
	Claimed   Money       `json:"claimed"`
	Status    ClaimStatus `json:"status"`

	SubmittedBy string    `json:"submitted_by"`
	SubmittedAt time.Time `json:"submitted_at"`

	// The audit: the approved amount (the claimed one when approved, 0
	// when refused), why it was adjusted or refused, by whom and when.
	Approved  Money     `json:"approved"`
	Reason    string    `json:"reason,omitempty"`
	AuditedBy string    `json:"audited_by,omitempty"`
	AuditedAt time.Time `json:"audited_at,omitzero"`

	SettlementID uint64    `json:"settlement_id,omitempty"`
	SettledAt    time.Time `json:"settled_at,omitzero"`

	History []StationEvent `json:"history"`
}

// Claim audit actions, the callback data "scl:<action>:<id>" (ClaimData,
// ParseClaimData).
const (
	ClaimApprove = "ok"
	ClaimAdjust  = "adj"
	ClaimRefuse  = "no"
)

// ClaimData returns the callback data of a claim's audit button.
func ClaimData(action string, id uint64) string { return fmt.Sprintf("scl:%s:%d", action, id) }

// ParseClaimData parses "scl:<action>:<id>"; it accepts only what
// ClaimData writes.
func ParseClaimData(s string) (action string, id uint64, ok bool) {
	return parseActionData(s, "scl", ClaimApprove, ClaimAdjust, ClaimRefuse)
}

// ClaimNo formats a claim's number.
func ClaimNo(id uint64) string { return fmt.Sprintf("SC-%06d", id) }

// Limits of claims.
const (
	MaxClaimLines  = 20
	MaxClaimQty    = 99
	MaxClaimText   = 200
	MaxClaimReason = 500
)

// ParseClaimLines reads a claim as a station types it, one line each:
//
//	工时 A01 安装 2     / labour A01 install 2   (standard, install|repair, qty)
//	配件 120.00 支架    / parts 120.00 bracket   (amount, what)
//	差旅 80 往返        / travel 80 round trip   (amount, what)
//
// The quantity defaults to 1. Labour lines are priced later (PriceClaim).
// A line that cannot be read is an EINVALID *Error naming its number.
func ParseClaimLines(text string) ([]ClaimLine, error) {
	var out []ClaimLine
	for i, raw := range strings.Split(text, "\n") {
		f := strings.Fields(raw)
		if len(f) == 0 {
			continue
		}
		n := i + 1
		kind := claimKindWord(f[0])
		var l ClaimLine
		switch kind {
		case ClaimLabour:
			if len(f) < 2 || len(f) > 4 {
				return nil, Errorf(EINVALID, "err.claim.line", n)
			}
			l = ClaimLine{Kind: kind, Code: strings.ToUpper(f[1]), Qty: 1}
			rest := f[2:]
			if len(rest) > 0 {
				switch strings.ToLower(rest[0]) {
				case "维修", "repair":
					l.Repair, rest = true, rest[1:]
				case "安装", "install":
					rest = rest[1:]
				}
			}
			if len(rest) == 1 {
				q, err := strconv.Atoi(rest[0])
				if err != nil || q < 1 || q > MaxClaimQty {
					return nil, Errorf(EINVALID, "err.claim.line", n)
				}
				l.Qty = q
			} else if len(rest) > 1 {
				return nil, Errorf(EINVALID, "err.claim.line", n)
			}
		case ClaimParts, ClaimTravel:
			if len(f) < 3 {
				return nil, Errorf(EINVALID, "err.claim.line", n)
			}
			m, err := ParseMoney(f[1])
			if err != nil || m <= 0 || !amountOK(m) {
				return nil, Errorf(EINVALID, "err.claim.line", n)
			}
			what := strings.Join(f[2:], " ")
			if len([]rune(what)) > MaxClaimText {
				return nil, Errorf(EINVALID, "err.too_long", MaxClaimText)
			}
			l = ClaimLine{Kind: kind, Amount: m, Text: what}
		default:
			return nil, Errorf(EINVALID, "err.claim.line", n)
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "err.empty")
	}
	if len(out) > MaxClaimLines {
		return nil, Errorf(EINVALID, "err.claim.lines", MaxClaimLines)
	}
	return out, nil
}

func claimKindWord(w string) string {
	switch strings.ToLower(w) {
	case "工时", "labour", "labor":
		return ClaimLabour
	case "配件", "parts", "part":
		return ClaimParts
	case "差旅", "travel":
		return ClaimTravel
	}
	return ""
}

// PriceClaim prices the labour lines of a claim by the labour-hour
// standards at the station's region rate (Settings.LabourCost) and returns
// the lines and their total. An unknown standard, or no rate, is an
// EINVALID *Error naming the code.
func PriceClaim(st *Settings, s Station, lines []ClaimLine) ([]ClaimLine, Money, error) {
	out := make([]ClaimLine, len(lines))
	var total Money
	for i, l := range lines {
		if l.Kind == ClaimLabour {
			cost, d, ok := st.LabourCost(l.Code, s.Region, l.Repair)
			if !ok {
				return nil, 0, Errorf(EINVALID, "err.claim.code", l.Code)
			}
			std, _ := st.LabourStandardByCode(l.Code)
			l.Amount, l.Minutes, l.Text = cost*Money(l.Qty), int(d/time.Minute)*l.Qty, std.NameZh
		}
		out[i] = l
		total += l.Amount
	}
	if !amountOK(total) {
		return nil, 0, Errorf(EINVALID, "err.money")
	}
	return out, total, nil
}

// Audit applies the supervisor's audit to a submitted claim (NET-2):
// approve pays what was claimed; adjust pays amount (0 < amount, ≠ the
// claimed) and needs a reason; refuse pays nothing and needs a reason. A
// claim already audited is ErrStale; bad input EINVALID.
func (c *StationClaim) Audit(action string, amount Money, reason, by string, now time.Time) error {
	if c.Status != ClaimSubmitted {
		return ErrStale
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > MaxClaimReason {
		return Errorf(EINVALID, "err.too_long", MaxClaimReason)
	}
	switch action {
	case ClaimApprove:
		c.Status, c.Approved = ClaimApproved, c.Claimed
	case ClaimAdjust:
		if amount <= 0 || amount == c.Claimed || !amountOK(amount) {
			return Errorf(EINVALID, "err.claim.amount")
		}
		if reason == "" {
			return Errorf(EINVALID, "err.claim.reason")
		}
		c.Status, c.Approved = ClaimAdjusted, amount
	case ClaimRefuse:
		if reason == "" {
			return Errorf(EINVALID, "err.claim.reason")
		}
		c.Status, c.Approved = ClaimRefused, 0
	default:
		return Errorf(EINVALID, "err.claim.action")
	}
	c.Reason, c.AuditedBy, c.AuditedAt = reason, by, now
	c.History = append(c.History, StationEvent{At: now, By: by, Action: string(c.Status), Note: reason})
	return nil
}

// Audited reports whether the claim is audited and not yet settled.
func (c *StationClaim) Audited() bool {
	return c.SettlementID == 0 && (c.Status == ClaimApproved || c.Status == ClaimAdjusted || c.Status == ClaimRefused)
}

// ClaimRequest submits a station's cost claim.
type ClaimRequest struct {
	StationID uint64
	Lines     []ClaimLine
	By        string // "tg:<user id>" or "station:<login>"
	Idem      string
}

// ClaimAuditRequest is the supervisor's audit of a claim.
type ClaimAuditRequest struct {
	ID     uint64
	Action string // ClaimApprove, ClaimAdjust, ClaimRefuse
	Amount Money  // adjust: the amount approved
	Reason string
	Staff  string // staff id, or console login ("staff:<login>")
	Idem   string
}

// StationSettlement is the monthly settlement of a station's audited
// claims (NET-2): the statement sent to the station and to finance.
type StationSettlement struct {
	ID        uint64    `json:"id"`
	No        string    `json:"no"` // SS-202612-ST-001
	StationID uint64    `json:"station_id"`
	Month     string    `json:"month"` // "2026-12"
	Claims    []uint64  `json:"claims"`
	Claimed   Money     `json:"claimed"`
	Total     Money     `json:"total"` // what is paid
	At        time.Time `json:"at"`
}

// SettlementNo formats a settlement's number.
func SettlementNo(month, stationCode string) string {
	return "SS-" + strings.ReplaceAll(month, "-", "") + "-" + stationCode
}

// claimLineText is a claim line as the chats show it.
func claimLineText(l ClaimLine) string {
	switch l.Kind {
	case ClaimLabour:
		how := Texts.T(ZH, "net.claim.install")
		if l.Repair {
			how = Texts.T(ZH, "net.claim.repair")
		}
		return Texts.T(ZH, "net.claim.line_labour", l.Code, l.Text, how, l.Qty, l.Minutes, l.Amount)
	case ClaimParts:
		return Texts.T(ZH, "net.claim.line_parts", l.Text, l.Amount)
	}
	return Texts.T(ZH, "net.claim.line_travel", l.Text, l.Amount)
}

// ClaimText is a claim as the chats show it: number, station, lines and
// total.
func ClaimText(c StationClaim, s Station) string {
	var b strings.Builder
	b.WriteString(Texts.T(ZH, "net.claim.head", c.No, s.Code, s.Name, ClaimStatusText(c.Status)))
	for _, l := range c.Lines {
		b.WriteString("\n• " + claimLineText(l))
	}
	b.WriteString("\n" + Texts.T(ZH, "net.claim.total", c.Claimed))
	if c.Status != ClaimSubmitted {
		b.WriteString("\n" + Texts.T(ZH, "net.claim.approved", c.Approved))
		if c.Reason != "" {
			b.WriteString("\n" + Texts.T(ZH, "net.claim.reason", c.Reason))
		}
	}
	return b.String()
}

// ClaimStatusText names a claim status in Chinese for the chats.
func ClaimStatusText(s ClaimStatus) string { return Texts.T(ZH, "net.claim.st."+string(s)) }

// ClaimSubmittedMessages bring a new claim to the supervisor with the
// approve / adjust / refuse buttons (NET-2).
func ClaimSubmittedMessages(st *Settings, c StationClaim, s Station) []Message {
	buttons := [][]Button{{
		{Text: Texts.T(ZH, "btn.claim.ok"), Data: ClaimData(ClaimApprove, c.ID)},
		{Text: Texts.T(ZH, "btn.claim.adj"), Data: ClaimData(ClaimAdjust, c.ID)},
		{Text: Texts.T(ZH, "btn.claim.no"), Data: ClaimData(ClaimRefuse, c.ID)},
	}}
	k := "claim:" + strconv.FormatUint(c.ID, 10) + ":new"
	return toChats(st.SupervisorChats(), k, Texts.T(ZH, "staff.net.claim.new")+"\n"+ClaimText(c, s), buttons, time.Time{})
}

// ClaimAuditedMessages tell the station the audit of its claim (NET-2).
func ClaimAuditedMessages(c StationClaim, s Station) []Message {
	if s.ChatID == 0 {
		return nil
	}
	return []Message{{Key: "claim:" + strconv.FormatUint(c.ID, 10) + ":audited", ChatID: s.ChatID, Lang: ZH,
		Text: Texts.T(ZH, "net.claim.audited") + "\n" + ClaimText(c, s)}}
}

// SettlementMessages send the settlement statement to the station's chat
// and to finance (staff with RoleFinance; the supervisor's chats when no
// finance staff is on Telegram) (NET-2).
func SettlementMessages(st *Settings, set StationSettlement, s Station) []Message {
	doc := &Document{Kind: DocStationSettlement, Ref: set.ID, Name: set.No + ".pdf"}
	text := Texts.T(ZH, "net.settlement", set.Month, s.Code, s.Name, len(set.Claims), set.Total)
	k := "settle:" + strconv.FormatUint(set.ID, 10)
	var chats []int64
	for _, m := range st.StaffWith(RoleFinance) {
		if m.TelegramUserID != 0 {
			chats = appendNew(chats, m.TelegramUserID)
		}
	}
	if len(chats) == 0 {
		chats = st.SupervisorChats()
	}
	if s.ChatID != 0 {
		chats = appendNew(chats, s.ChatID)
	}
	msgs := toChats(chats, k, text, nil, time.Time{})
	for i := range msgs {
		msgs[i].Document = doc
	}
	return msgs
}

// Document kinds of the service network (NET-2).
const (
	DocStationSettlement = "station-settlement" // settlement statement; Ref: settlement id
	DocStationScore      = "station-score"      // monthly scorecard; Ref: ScoreRef(station, month)
)
