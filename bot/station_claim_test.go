package bot

import (
	"strings"
	"testing"

	fo "frontoffice"
)

// TestStationClaimNET2: a station files a cost claim in its chat (/claim,
// the lines in a reply, the priced claim shown, submit); the supervisor
// gets it with approve / adjust / refuse buttons and adjusts it with an
// amount and a reason in a reply; the station is told. Nobody else can
// audit: a station's chat (its own or another's claim) and reception
// staff are refused. The month's settlement reaches the station's chat.
func TestStationClaimNET2(t *testing.T) {
	h := newHarness(t)
	h.afterSales()
	st := h.settings()
	st.Labour = []fo.LabourStandard{{Code: "A01", NameZh: "倒车雷达", InstallMinutes: 90, RepairMinutes: 30}}
	st.LabourRates = []fo.RegionRate{{Region: "", HourlyRate: 6000}}
	if err := h.store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	a, _ := h.seedStations()
	h.start()

	h.text(stationChatA, stationUserA, "/claim")
	ask := h.wait(stationChatA, "Chen", "工时 A01 安装 2")
	h.handled(h.srv.Reply(stationChatA, stationUserA, ask.ID, "工时 A01 安装 2\n配件 bad 支架"))
	h.wait(stationChatA, h.T(fo.ZH, "err.claim.line", 2))
	h.handled(h.srv.Reply(stationChatA, stationUserA, ask.ID, "工时 A01 安装 2\n配件 120 支架"))
	preview := h.wait(stationChatA, "¥180.00", "¥300.00", h.T(fo.ZH, "net.claim.confirm"))
	// B's people cannot submit A's claim.
	for _, row := range preview.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.Data, ":send") {
				h.handled(h.srv.Press(stationChatA, stationUserB, preview.ID, b.Data))
				if cs, _ := h.store.StationClaims(0); len(cs) != 0 {
					t.Errorf("another user submitted the claim: %+v", cs)
				}
			}
		}
	}
	h.press(stationChatA, stationUserA, h.T(fo.ZH, "btn.net.claim_send"))
	h.wait(stationChatA, h.T(fo.ZH, "net.claim.sent"))
	c, err := h.store.Claim(1)
	if err != nil || c.StationID != a.ID || c.Claimed != 30000 || c.Status != fo.ClaimSubmitted {
		t.Fatalf("claim %+v %v", c, err)
	}
	notice := h.wait(zhaoUser, "SC-000001", "¥300.00")
	if !notice.HasButton("scl:adj:1") || !notice.HasButton("scl:ok:1") || !notice.HasButton("scl:no:1") {
		t.Fatalf("supervisor's buttons %+v", notice.Buttons)
	}

	// Refused: the audit pressed in a station's chat, or by reception.
	for _, chat := range []int64{stationChatA, stationChatB} {
		up := h.srv.Press(chat, stationUserA, notice.ID, "scl:ok:1")
		h.handled(up)
	}
	up := h.srv.Press(staffChat, liTG, notice.ID, "scl:ok:1")
	h.handled(up)
	if got := h.answered(up); got != fo.ErrorText(fo.ZH, fo.ErrForbidden) {
		t.Errorf("reception's audit answered %q", got)
	}
	if c, _ := h.store.Claim(1); c.Status != fo.ClaimSubmitted {
		t.Fatalf("audited by someone else: %s", c.Status)
	}

	// The supervisor adjusts it.
	h.press(zhaoUser, zhaoTG, "scl:adj:1")
	h.wait(zhaoUser, "SC-000001", "核定金额")
	h.text(zhaoUser, zhaoTG, "250 支架按标准价")
	h.wait(zhaoUser, h.T(fo.ZH, "net.claim.audited_staff"), "¥250.00")
	h.wait(stationChatA, h.T(fo.ZH, "net.claim.audited"), "¥250.00", "支架按标准价")
	if c, _ := h.store.Claim(1); c.Status != fo.ClaimAdjusted || c.Approved != 25000 || c.AuditedBy != "staff:zhao" {
		t.Errorf("adjusted %+v", c)
	}
	// Pressed again: already audited.
	up = h.srv.Press(zhaoUser, zhaoTG, notice.ID, "scl:ok:1")
	h.handled(up)
	if got := h.answered(up); !strings.Contains(got, "SC-000001") {
		t.Errorf("second audit answered %q", got)
	}

	// The month's settlement: the statement to A's chat.
	sets, err := h.store.SettleStationClaims("2026-11")
	if err != nil || len(sets) != 1 || sets[0].Total != 25000 {
		t.Fatalf("settlement %+v %v", sets, err)
	}
	h.drained()
	h.wait(stationChatA, "2026-11", "ST-001", "¥250.00")
	for _, m := range h.srv.Messages(stationChatB) {
		if strings.Contains(m.Text, "SC-000001") || strings.Contains(m.Text, "¥250.00") {
			t.Errorf("station B saw: %s", m.Text)
		}
	}
}
