package bot

import (
	"errors"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// Cost claims in Telegram (NET-2).
//
// The station's side, in its chat: /claim asks for the claim's lines in
// a reply, one a line ("工时 A01 安装 2", "配件 120 支架", "差旅 80 往返",
// fo.ParseClaimLines); the bot prices them by the labour-hour standards
// and shows the claim with "submit" and "cancel"; submit is
// store.SubmitClaim, which brings it to the supervisor with "approve /
// adjust / refuse" buttons ("scl:<action>:<id>").
//
// The supervisor's side, in a staff chat or their private chat: approve
// is store.AuditClaim at once; adjust asks for the approved amount and the
// reason ("400 差旅按标准"), refuse for the reason, each in a reply. The
// station is told the audit. Only a supervisor may audit (the store
// refuses anyone else); a station's chat never can.

// startClaim asks a station member for the claim's lines.
func (t *turn) startClaim(s fo.Station) (*stationConv, error) {
	conv := &stationConv{Flow: nflowClaim, Nonce: newNonce(), Station: s.ID}
	t.say(t.T("net.claim.ask", t.fromName(), fo.MaxClaimLines), [][]fo.Button{{button(t.T("btn.abort"), prefixStaff+conv.Nonce+":x")}})
	return conv, nil
}

// claimText reads the claim's lines and shows the priced claim to submit.
func (t *turn) claimText(s fo.Station, conv *stationConv, text string) (*stationConv, error) {
	lines, err := fo.ParseClaimLines(text)
	if err == nil {
		lines, _, err = fo.PriceClaim(&t.st, s, lines)
	}
	if fo.ErrorCode(err) == fo.EINVALID {
		t.say(fo.ErrorText(t.lang, err), nil)
		return conv, nil
	}
	if err != nil {
		return conv, err
	}
	priced, total, _ := fo.PriceClaim(&t.st, s, lines)
	conv.Lines = priced
	preview := fo.StationClaim{No: "—", Lines: priced, Claimed: total, Status: fo.ClaimSubmitted}
	t.say(fo.ClaimText(preview, s)+"\n\n"+t.T("net.claim.confirm"), [][]fo.Button{{
		button(t.T("btn.net.claim_send"), prefixStaff+conv.Nonce+":send"),
		button(t.T("btn.abort"), prefixStaff+conv.Nonce+":x"),
	}})
	return conv, nil
}

// claimButton submits or drops the presser's claim.
func (t *turn) claimButton(cq *tgbotapi.CallbackQuery, s fo.Station, conv *stationConv, action string) (*stationConv, error) {
	t.editID = cq.Message.MessageID
	if action == "x" {
		t.show(t.T("staff.aborted"), nil)
		return nil, nil
	}
	if action != "send" || len(conv.Lines) == 0 {
		t.stale()
		return conv, nil
	}
	c, err := t.b.network.SubmitClaim(fo.ClaimRequest{StationID: s.ID, Lines: conv.Lines,
		By: "tg:" + strconv.FormatInt(t.from.ID, 10), Idem: t.idem()})
	if err != nil {
		return conv, err
	}
	t.show(fo.ClaimText(c, s)+"\n\n"+t.T("net.claim.sent"), nil)
	return nil, nil
}

// sflowClaim is the supervisor's audit of a claim waiting for the
// amount and reason (adjust) or the reason (refuse).
const sflowClaim = "claim"

// claimAudit handles "scl:<action>:<id>" pressed by a staff member.
func (t *turn) claimAudit(cq *tgbotapi.CallbackQuery, action string, id uint64) error {
	c, err := t.b.network.Claim(id)
	if errors.Is(err, fo.ErrNotFound) {
		t.stale()
		return nil
	}
	if err != nil {
		return err
	}
	if !t.member.Has(fo.RoleSupervisor) {
		t.answer(fo.ErrorText(t.lang, fo.ErrForbidden))
		return nil
	}
	if c.Status != fo.ClaimSubmitted {
		t.answer(t.T("net.claim.done", c.No, fo.ClaimStatusText(c.Status)))
		return nil
	}
	if action == fo.ClaimApprove {
		return t.auditClaim(c, action, 0, "")
	}
	t.sconv = &staffConv{Flow: sflowClaim, Step: sstepText, Nonce: newNonce(), Claim: c.ID, ClaimAction: action}
	key := "net.claim.ask_refuse"
	if action == fo.ClaimAdjust {
		key = "net.claim.ask_adjust"
	}
	t.say(t.T(key, t.member.Name, c.No, c.Claimed), [][]fo.Button{{button(t.T("btn.abort"), t.sconv.data("x"))}})
	return nil
}

// claimAuditText reads the supervisor's amount and reason (adjust) or
// reason (refuse) and audits the claim.
func (t *turn) claimAuditText(text string) error {
	var amount fo.Money
	reason := strings.TrimSpace(text)
	if t.sconv.ClaimAction == fo.ClaimAdjust {
		first, rest, _ := strings.Cut(reason, " ")
		m, err := fo.ParseMoney(first)
		if err != nil {
			t.say(t.T("net.claim.ask_adjust_again"), nil)
			return nil
		}
		amount, reason = m, strings.TrimSpace(rest)
	}
	c, err := t.b.network.Claim(t.sconv.Claim)
	if err != nil {
		return err
	}
	return t.auditClaim(c, t.sconv.ClaimAction, amount, reason)
}

// auditClaim records the audit (store.AuditClaim) and tells the
// supervisor the result; bad input keeps the conversation for another try.
func (t *turn) auditClaim(c fo.StationClaim, action string, amount fo.Money, reason string) error {
	got, err := t.b.network.AuditClaim(fo.ClaimAuditRequest{ID: c.ID, Action: action, Amount: amount, Reason: reason,
		Staff: t.member.ID, Idem: t.idem()}, "")
	switch {
	case errors.Is(err, fo.ErrStale):
		t.sconv = nil
		cur, _ := t.b.network.Claim(c.ID)
		t.say(t.T("net.claim.done", cur.No, fo.ClaimStatusText(cur.Status)), nil)
		return nil
	case fo.ErrorCode(err) == fo.EINVALID:
		t.say(fo.ErrorText(t.lang, err), nil)
		return nil
	case err != nil:
		return err
	}
	t.sconv = nil
	s, err := t.b.network.Station(got.StationID)
	if err != nil {
		return err
	}
	t.say(t.T("net.claim.audited_staff")+"\n"+fo.ClaimText(got, s), nil)
	return nil
}
