package bot

import (
	"slices"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
)

// commands are the customers' commands, as setMyCommands lists them.
var commands = []string{"start", "book", "my", "complaint", "stations", "help", "cancel"}

// staffCommands are the staff's own, listed in the staff chats and the
// staff members' private chats (after the customers' there). In a
// customer's chat they are unknown commands.
var staffCommands = []string{"calls", "complaints", "cancel"}

// setCommands registers the command lists: Chinese as the default, English
// for users whose language_code is "en" (Telegram matches the prefix of
// codes such as "en-GB" to it); the staff commands in the scope of each
// staff chat and each staff member's private chat. A failure is logged and
// the bot runs on: the commands work without the lists.
func (b *Bot) setCommands() {
	st, err := b.convs.Settings()
	if err != nil {
		b.log.Warn("setMyCommands: read settings", "err", err)
	}
	type scoped struct {
		scope tgbotapi.BotCommandScope
		cmds  []string
	}
	scopes := []scoped{{tgbotapi.NewBotCommandScopeDefault(), commands}}
	for _, chat := range st.StaffChats {
		scopes = append(scopes, scoped{tgbotapi.NewBotCommandScopeChat(chat), staffCommands})
	}
	// Each linked station group gets its own commands (station.go).
	if all, err := b.stations.Stations(); err == nil {
		for _, s := range all {
			if s.ChatID != 0 && s.Status != fo.StationEnded {
				scopes = append(scopes, scoped{tgbotapi.NewBotCommandScopeChat(s.ChatID), stationCommands})
			}
		}
	}
	private := append(slices.Clone(commands), "calls", "complaints")
	for _, m := range st.Staff {
		if m.TelegramUserID > 0 {
			scopes = append(scopes, scoped{tgbotapi.NewBotCommandScopeChat(m.TelegramUserID), private})
		}
	}
	for _, sc := range scopes {
		for _, lang := range []fo.Lang{fo.ZH, fo.EN} {
			var list []tgbotapi.BotCommand
			for _, c := range sc.cmds {
				list = append(list, tgbotapi.BotCommand{Command: c, Description: b.texts.T(lang, "cmd."+c)})
			}
			code := ""
			if lang == fo.EN {
				code = "en"
			}
			cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(sc.scope, code, list...)
			if _, err := b.request(cfg); err != nil {
				b.log.Warn("setMyCommands", "lang", lang, "scope", sc.scope.Type, "err", err)
			}
		}
	}
}

// menu is the main menu's keyboard.
func (t *turn) menu() [][]fo.Button {
	return [][]fo.Button{
		{button(t.T("menu.book"), dataMenuBook), button(t.T("menu.my"), dataMenuMy)},
		{button(t.T("menu.complaint"), dataMenuComplaint), button(t.T("menu.contact"), dataMenuContact)},
		{button(t.T("btn.menu.stations"), dataMenuStations)}, // station_customer.go (NET-1)
	}
}

// welcome greets with the shop's name and shows the menu (REC-1).
func (t *turn) welcome() {
	t.say(t.T("bot.welcome", t.st.ShopName(t.lang)), t.menu())
}

// contact sends the shop's name, phone, address and opening hours.
func (t *turn) contact() {
	t.say(t.T("bot.contact", t.st.ShopName(t.lang), t.st.Shop.Phone, t.st.ShopAddress(t.lang), t.hours()), nil)
}

// hours writes the opening hours compactly: "周一–周五 08:30–18:00，周六
// 09:00–17:00，周日 休息".
func (t *turn) hours() string {
	var parts []string
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	desc := func(d time.Weekday) string {
		h := t.st.Hours[d]
		if !h.IsOpen() {
			return t.T("bot.hours.closed")
		}
		return h.Open.String() + "–" + h.Close.String()
	}
	wd := func(d time.Weekday) string { return fo.Texts.T(t.lang, "wd."+string(rune('0'+d))) }
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && desc(order[j+1]) == desc(order[i]) {
			j++
		}
		name := wd(order[i])
		if j > i {
			name += "–" + wd(order[j])
		}
		parts = append(parts, name+" "+desc(order[i]))
		i = j + 1
	}
	sep := "，"
	if t.lang == fo.EN {
		sep = ", "
	}
	return strings.Join(parts, sep)
}
