package bot

import (
	"errors"
	"strings"
	"time"

	fo "frontoffice"
)

// linkStore is what linking a chat from the kiosk's QR code needs, with
// the survey of the linked visit (SUR-1).
type linkStore interface {
	CustomerByChat(chatID int64) (fo.Customer, error)
	Vehicles(customerID uint64) ([]fo.Vehicle, error)
	VehicleVisits(vehicleID uint64) ([]fo.Visit, error)
	RedeemLinkToken(token string, chatID int64, lang fo.Lang) (fo.Customer, error)
	VisitSurvey(visitID uint64) (fo.Survey, error)
	StartSurvey(visitID uint64) (fo.Survey, error)
}

// The kiosk's QR code opens the bot with a deep link,
// https://t.me/<bot>?start=<token>: Telegram sends "/start <token>". The
// token (store.CreateLinkToken) is opaque, single-use and expires; redeeming
// it links this chat to the customer's archive, so that pickup notices
// (DEL-2), additional-work questions (INT-6) and surveys (SUR-1) reach them
// here. The token is never logged.

// maxLinkToken is Telegram's limit on a deep-link payload.
const maxLinkToken = 64

// surveyCatchUp is how long after a delivery a survey skipped for want of
// a linked chat is still sent when the customer links one: within the
// first follow-up call's window (FU-2), which its answers feed (SUR-2).
const surveyCatchUp = fo.FirstCallToDay * 24 * time.Hour

// validLinkToken reports whether s can be a deep-link payload: 1 to 64
// characters of [A-Za-z0-9_-].
func validLinkToken(s string) bool {
	if s == "" || len(s) > maxLinkToken {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// link redeems a kiosk link token for this chat and tells the customer,
// greeting with the shop's name (REC-1), that this chat now gets their
// notices, naming their vehicles masked (never the phone). An unknown,
// used or expired token gets a clear message and the menu; when this chat
// is already linked (the same QR code scanned twice, or the update
// delivered again after a crash) the message says so. A survey skipped
// because the customer had no chat then is sent now (SUR-1).
func (t *turn) link(token string) error {
	shop := t.st.ShopName(t.lang)
	token = strings.TrimSpace(token)
	var c fo.Customer
	err := error(fo.ErrStale)
	if validLinkToken(token) {
		c, err = t.b.links.RedeemLinkToken(token, t.chatID, t.lang)
	}
	if errors.Is(err, fo.ErrStale) || errors.Is(err, fo.ErrNotFound) {
		linked, err := t.b.links.CustomerByChat(t.chatID)
		switch {
		case err == nil:
			plates, err := t.plates(linked.ID)
			if err != nil {
				return err
			}
			t.say(t.T("link.already", shop, plates), t.menu())
		case errors.Is(err, fo.ErrNotFound):
			t.say(t.T("link.used", shop), t.menu())
		default:
			return err
		}
		t.b.log.Info("link token refused", "chat", t.chatID)
		return nil
	}
	if err != nil {
		return err
	}
	plates, err := t.plates(c.ID)
	if err != nil {
		return err
	}
	t.b.log.Info("chat linked from the kiosk", "chat", t.chatID, "customer", c.ID)
	t.say(t.T("link.done", shop, plates), t.menu())
	return t.startSkippedSurveys(c.ID)
}

// plates lists the customer's vehicles, masked (京A·***45), for the
// customer's own eyes.
func (t *turn) plates(customerID uint64) (string, error) {
	vs, err := t.b.links.Vehicles(customerID)
	if err != nil {
		return "", err
	}
	var out []string
	for _, v := range vs {
		out = append(out, fo.MaskPlate(v.Plate))
	}
	if len(out) == 0 {
		return "—", nil
	}
	sep := "、"
	if t.lang == fo.EN {
		sep = ", "
	}
	return strings.Join(out, sep), nil
}

// startSkippedSurveys sends the surveys of the customer's visits delivered
// within surveyCatchUp that were skipped because no chat was linked when
// they were due (SUR-1, store.StartSurvey). Scheduled ones go out at their
// time anyway, now that the chat is linked. They are sent before this
// update's reply (the store commits them first), so the question may come
// just before the "linked" message.
func (t *turn) startSkippedSurveys(customerID uint64) error {
	vs, err := t.b.links.Vehicles(customerID)
	if err != nil {
		return err
	}
	for _, veh := range vs {
		visits, err := t.b.links.VehicleVisits(veh.ID)
		if err != nil {
			return err
		}
		for _, v := range visits {
			if v.DeliveredAt.IsZero() || t.now.Sub(v.DeliveredAt) > surveyCatchUp {
				continue
			}
			sv, err := t.b.links.VisitSurvey(v.ID)
			if errors.Is(err, fo.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if sv.Status != fo.SurveySkipped {
				continue
			}
			if _, err := t.b.links.StartSurvey(v.ID); err != nil && fo.ErrorCode(err) == fo.EINTERNAL {
				return err
			}
		}
	}
	return nil
}
