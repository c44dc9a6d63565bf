package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// Service stations' group chats (NET-1, NET-4, issue 14 Security). A
// station's people work with the shop in their own Telegram group: the
// supervisor gives them a one-time code on the station's console page,
// they add the bot and send "/station CODE" there, and from then on the
// group is that station's. In it they report the jobs they did (/job, a
// short conversation: customer, phone, plate, work, day) and list them
// (/jobs).
//
// Isolation: a group reaches its own station's commands and buttons only.
// Every button the bot shows there carries the station's id
// (fo.StationData); a press whose station is not the group's own, or any
// other data (a customer's, a staff member's), is refused and changes
// nothing. Staff commands and customer flows do not exist in a station's
// group; groups that are no station's (nor a staff chat) are ignored but
// for "/station CODE".
//
// Each member's unfinished report is kept like a staff member's
// conversation (store.StaffConversation under the chat and the user), so
// that several people can report at once and a restart loses nothing. In
// a group the text a step waits for must be a reply to the bot's message
// (with Telegram's privacy mode the bot sees nothing else).

// stationStore is what the stations' chats, the customers' station
// search and the spot-check survey need of the store.
type stationStore interface {
	StationByChat(chatID int64) (fo.Station, error)
	LinkStationChat(code string, chatID int64, staffChat bool, by string) (fo.Station, error)
	AddStationJob(in fo.StationJobInput) (fo.StationJob, error)
	StationJobs(station uint64, from, to time.Time) ([]fo.StationJob, error)
	Stations() ([]fo.Station, error)
	AnswerStationCheck(id uint64, chatID int64, score int) (fo.StationJob, error)
	CommentStationCheck(id uint64, chatID int64, text string) (fo.StationJob, error)
}

// stationCommands are listed in each linked station group.
var stationCommands = []string{"job", "jobs", "cancel"}

// Steps of a job report.
const (
	ststepCustomer = "customer"
	ststepPhone    = "phone"
	ststepPlate    = "plate"
	ststepWork     = "work"
	ststepDay      = "day"
	ststepConfirm  = "confirm"
)

// jobConv is a station member's unfinished job report.
type jobConv struct {
	Flow    string    `json:"flow"` // "job"
	Step    string    `json:"step"`
	Nonce   string    `json:"nonce"`
	Updated time.Time `json:"updated"`

	Customer string `json:"customer,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Plate    string `json:"plate,omitempty"`
	Work     string `json:"work,omitempty"`
	Day      string `json:"day,omitempty"` // YYYY-MM-DD
}

func decodeJobConv(raw []byte, now time.Time) *jobConv {
	if len(raw) == 0 {
		return nil
	}
	var c jobConv
	if err := json.Unmarshal(raw, &c); err != nil || c.Flow != "job" || now.Sub(c.Updated) > convTTL {
		return nil
	}
	return &c
}

func (c *jobConv) encode() []byte {
	if c == nil {
		return nil
	}
	raw, _ := json.Marshal(c)
	return raw
}

// stationActionFunc handles a button of a station's group whose station
// is the group's own: the action and its argument, with the station.
type stationActionFunc func(t *turn, cq *tgbotapi.CallbackQuery, st fo.Station, arg string) error

// stationActions are the buttons of a station's group beyond the job
// report's (other station work adds its actions here, in its own file's
// init). The station check is done before any of them runs.
var stationActions = map[string]stationActionFunc{}

// stationTurn is a turn in a station's group.
type stationTurn struct {
	*turn
	st   fo.Station
	conv *jobConv
}

// data is the callback data of a job report's button.
func (s *stationTurn) data(action, arg string) string {
	nonce := ""
	if s.conv != nil {
		nonce = s.conv.Nonce
	}
	if arg != "" {
		nonce += "." + arg
	}
	return fo.StationData(s.st.ID, action, nonce)
}

// groupChat handles an update in a group that is not a staff chat: a
// station's group, or a group linking itself with "/station CODE";
// anything else is not the bot's business.
func (t *turn) groupChat(u tgbotapi.Update, chat *tgbotapi.Chat) error {
	st, err := t.b.stations.StationByChat(chat.ID)
	if errors.Is(err, fo.ErrNotFound) {
		if m := u.Message; m != nil && m.IsCommand() && m.Command() == "station" {
			return t.finishGroup(u, t.linkStation(m))
		}
		_, err := t.b.convs.FinishUpdate(u.UpdateID, 0, nil, nil)
		return err
	}
	if err != nil {
		return fmt.Errorf("station of chat: %w", err)
	}
	if t.from == nil {
		_, err := t.b.convs.FinishUpdate(u.UpdateID, 0, nil, nil)
		return err
	}
	raw, err := t.b.convs.StaffConversation(chat.ID, t.from.ID)
	if err != nil {
		return fmt.Errorf("read station conversation: %w", err)
	}
	s := &stationTurn{turn: t, st: st, conv: decodeJobConv(raw, t.now)}
	before := s.conv
	if err := s.update(u); err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return err
		}
		t.replies, t.editID = nil, 0
		t.answer(msg)
		t.say(msg, nil)
	}
	save := s.conv.encode()
	switch {
	case s.conv != nil:
		s.conv.Updated = t.now
		save = s.conv.encode()
	case before == nil:
		save = raw // no report of ours: another flow's state in this chat stays as it was
	}
	_, err = t.b.convs.FinishStaffUpdate(u.UpdateID, chat.ID, t.from.ID, save, t.replies)
	return err
}

// finishGroup finishes an update of an unlinked group with its replies.
func (t *turn) finishGroup(u tgbotapi.Update, err error) error {
	if err != nil {
		msg, ok := t.userError(err)
		if !ok {
			return err
		}
		t.replies = nil
		t.say(msg, nil)
	}
	_, err = t.b.convs.FinishUpdate(u.UpdateID, 0, nil, t.replies)
	return err
}

// linkStation links the group with the code typed after /station.
func (t *turn) linkStation(m *tgbotapi.Message) error {
	code := strings.TrimSpace(m.CommandArguments())
	if code == "" {
		t.say(t.T("stbot.unlinked_help"), nil)
		return nil
	}
	by := fmt.Sprintf("tg:%d", t.from.ID)
	st, err := t.b.stations.LinkStationChat(code, m.Chat.ID, t.st.IsStaffChat(m.Chat.ID), by)
	if err != nil {
		t.b.log.Info("station chat not linked", "chat", m.Chat.ID, "err", err)
		return err
	}
	t.b.log.Info("station chat linked", "chat", m.Chat.ID, "station", st.Code)
	t.say(t.T("stbot.linked", st.Code, st.Name), nil)
	return nil
}

// update handles an update in the station's group.
func (s *stationTurn) update(u tgbotapi.Update) error {
	if cq := u.CallbackQuery; cq != nil {
		return s.callback(cq)
	}
	m := u.Message
	if m == nil {
		return nil
	}
	if m.IsCommand() {
		switch m.Command() {
		case "job":
			s.conv = &jobConv{Flow: "job", Step: ststepCustomer, Nonce: newNonce()}
			s.ask()
		case "jobs":
			return s.jobs()
		case "cancel":
			if s.conv != nil {
				s.conv = nil
				s.say(s.T("stbot.aborted"), nil)
			}
		case "station":
			if strings.TrimSpace(m.CommandArguments()) != "" {
				return s.linkStation(m)
			}
			s.help()
		case "start", "help":
			s.help()
		}
		return nil // other commands: not the station's
	}
	if s.conv == nil || m.Text == "" {
		return nil // the station's own talk
	}
	if m.ReplyToMessage == nil || m.ReplyToMessage.From == nil || !m.ReplyToMessage.From.IsBot {
		return nil // in a group, only a reply to the bot is input
	}
	if len([]rune(m.Text)) > MaxInputLen {
		s.say(fo.Texts.T(s.lang, "err.too_long", MaxInputLen), nil)
		return nil
	}
	return s.typed(m.Text)
}

func (s *stationTurn) help() { s.say(s.T("stbot.help", s.st.Code, s.st.Name), nil) }

// ask shows the question of the report's current step.
func (s *stationTurn) ask() {
	x := button(s.T("btn.stbot.x"), s.data("x", ""))
	switch s.conv.Step {
	case ststepCustomer:
		s.say(s.T("stbot.ask.customer"), [][]fo.Button{{x}})
	case ststepPhone:
		s.say(s.T("stbot.ask.phone"), [][]fo.Button{{x}})
	case ststepPlate:
		s.say(s.T("stbot.ask.plate"), [][]fo.Button{{button(s.T("btn.stbot.skip"), s.data("skip", "")), x}})
	case ststepWork:
		s.say(s.T("stbot.ask.work"), [][]fo.Button{{x}})
	case ststepDay:
		loc := s.settings().Location()
		today := fo.DayStart(s.now, loc)
		s.say(s.T("stbot.ask.day"), [][]fo.Button{{
			button(s.T("btn.stbot.today"), s.data("day", today.Format("20060102"))),
			button(s.T("btn.stbot.yesterday"), s.data("day", today.AddDate(0, 0, -1).Format("20060102"))), x}})
	case ststepConfirm:
		plate := s.T("stbot.no_plate")
		if s.conv.Plate != "" {
			plate = fo.FormatPlate(s.conv.Plate)
		}
		s.show(s.T("stbot.confirm", s.conv.Customer, s.conv.Phone, plate, s.conv.Work, s.conv.Day),
			[][]fo.Button{{button(s.T("btn.stbot.ok"), s.data("ok", "")), x}})
	}
}

// settings are the shop's settings (the turn's).
func (s *stationTurn) settings() *fo.Settings { return &s.turn.st }

// typed takes the text a step waits for; a bad one is answered with what
// is wrong, and the step waits on.
func (s *stationTurn) typed(text string) error {
	c := s.conv
	var err error
	switch c.Step {
	case ststepCustomer:
		if c.Customer, err = fo.ParseName(text); err == nil {
			c.Step = ststepPhone
		}
	case ststepPhone:
		if c.Phone, err = fo.ParsePhone(text); err == nil {
			c.Step = ststepPlate
		}
	case ststepPlate:
		if c.Plate, err = fo.ParsePlate(text); err == nil {
			c.Step = ststepWork
		}
	case ststepWork:
		if c.Work, err = fo.ParseNote(text, fo.MaxStationWork); err == nil {
			c.Step = ststepDay
		}
	case ststepDay:
		return s.setDay(strings.TrimSpace(text))
	default:
		s.say(s.T("bot.use_buttons"), nil)
		return nil
	}
	if err != nil {
		s.say(fo.ErrorText(s.lang, err), nil)
		return nil
	}
	s.ask()
	return nil
}

// setDay takes the job's day (YYYY-MM-DD) when the whole report passes
// the domain's check (fo.StationJobInput.Parse), then asks to confirm.
func (s *stationTurn) setDay(day string) error {
	in := s.input()
	in.Day = day
	if _, err := in.Parse(s.now, s.settings().Location()); err != nil {
		s.say(fo.ErrorText(s.lang, err), nil)
		return nil
	}
	s.conv.Day, s.conv.Step = day, ststepConfirm
	s.editID = 0
	s.ask()
	return nil
}

func (s *stationTurn) input() fo.StationJobInput {
	c := s.conv
	return fo.StationJobInput{Idem: s.idem(), StationID: s.st.ID, Customer: c.Customer, Phone: c.Phone, Plate: c.Plate,
		Work: c.Work, Day: c.Day, By: fmt.Sprintf("tg:%d", s.from.ID)}
}

// callback handles a button in the station's group: only the group's own
// station's (issue 14 Security).
func (s *stationTurn) callback(cq *tgbotapi.CallbackQuery) error {
	id, action, arg, ok := fo.ParseStationData(cq.Data)
	if !ok || id != s.st.ID {
		s.b.log.Warn("station group: refused a button not of its station", "chat", s.chatID, "station", s.st.Code, "user", cq.From.ID)
		s.stale()
		return nil
	}
	if f, ok := stationActions[action]; ok {
		return f(s.turn, cq, s.st, arg)
	}
	nonce, value, _ := strings.Cut(arg, ".")
	if s.conv == nil || nonce != s.conv.Nonce {
		s.stale() // another member's report, an older one, or forged
		return nil
	}
	if cq.Message != nil {
		s.editID = cq.Message.MessageID
	}
	switch {
	case action == "x":
		s.conv = nil
		s.show(s.T("stbot.aborted"), nil)
	case action == "skip" && s.conv.Step == ststepPlate:
		s.conv.Plate, s.conv.Step = "", ststepWork
		s.editID = 0
		s.ask()
	case action == "day" && s.conv.Step == ststepDay:
		d, ok := parseDay(value, s.settings().Location())
		if !ok {
			s.stale()
			return nil
		}
		return s.setDay(d.Format(time.DateOnly))
	case action == "ok" && s.conv.Step == ststepConfirm:
		j, err := s.b.stations.AddStationJob(s.input())
		if err != nil {
			return err
		}
		s.conv = nil
		s.show(s.T("stbot.saved", j.ID), nil)
	default:
		s.stale()
	}
	return nil
}

// jobs lists the jobs the station reported this month, newest last.
func (s *stationTurn) jobs() error {
	loc := s.settings().Location()
	today := fo.DayStart(s.now, loc)
	first := today.AddDate(0, 0, 1-today.Day())
	list, err := s.b.stations.StationJobs(s.st.ID, first, today.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	if len(list) == 0 {
		s.say(s.T("stbot.jobs.none"), nil)
		return nil
	}
	var b strings.Builder
	b.WriteString(s.T("stbot.jobs.head", len(list)))
	for _, j := range list[max(0, len(list)-30):] {
		b.WriteString("\n")
		b.WriteString(s.T("stbot.jobs.line", j.ID, j.Day, j.Customer, fo.MaskPhone(j.Phone), j.Work))
	}
	s.say(b.String(), nil)
	return nil
}
