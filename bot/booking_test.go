package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	fo "frontoffice"
	"frontoffice/internal/telegramtest"
)

// script is what a customer reads and types in one language.
type script struct {
	lang                                        string // language_code
	welcome, service, day, slot, plate, phone   string
	name, summary, deposit, code, address, shop string
	menuBook, confirm, moved, cancelAsk         string
	cancelYes, cancelled, staffNew, staffMoved  string
	staffCancelled, staffDeposit, movePrefix    string
	cancelPrefix                                string
}

var scriptZH = script{
	lang: "zh-hans", welcome: "您好，泰远汽车安装服务中心欢迎您", menuBook: "📅 预约",
	service: "请选择服务项目", day: "请选择日期", slot: "请选择时间", plate: "请输入车牌号",
	phone: "分享号码", name: "请输入您的姓名", summary: "请确认您的预约", deposit: "定金 ¥1,300.00",
	confirm: "✅ 确认预约", code: "预约号", address: "北京市朝阳区酒仙桥路 10 号", shop: "泰远汽车安装服务中心",
	moved: "已改到", cancelAsk: "确定要取消预约", cancelYes: "确定取消", cancelled: "已取消",
	staffNew: "新预约", staffMoved: "预约改期", staffCancelled: "预约取消", staffDeposit: "需收定金 ¥1,300.00",
	movePrefix: "改期 ", cancelPrefix: "取消 ",
}

var scriptEN = script{
	lang: "en-GB", welcome: "Hello, welcome to Taiyuan Auto Installation Center", menuBook: "📅 Book",
	service: "Please choose a service", day: "Please choose a day", slot: "Please choose a time",
	plate: "Please type the plate number", phone: "tap the button below to share it", name: "Please type your name",
	summary: "Please confirm your appointment", deposit: "deposit of ¥1,300.00", confirm: "✅ Confirm",
	code: "Booking code", address: "10 Jiuxianqiao Road, Chaoyang, Beijing", shop: "Taiyuan Auto Installation Center",
	moved: "has been moved to", cancelAsk: "Cancel appointment", cancelYes: "Yes, cancel it", cancelled: "is cancelled",
	staffNew: "新预约", staffMoved: "预约改期", staffCancelled: "预约取消", staffDeposit: "需收定金 ¥1,300.00",
	movePrefix: "Move ", cancelPrefix: "Cancel ",
}

// TestBookMoveCancel walks a whole booking of the collision service (which
// asks a deposit, APT-2) through the fake server in Chinese and in English,
// reads what the customer and the staff chat received (APT-1, APT-4,
// REC-1), then moves and cancels it from "My appointments".
func TestBookMoveCancel(t *testing.T) {
	for _, sc := range []script{scriptZH, scriptEN} {
		t.Run(sc.lang, func(t *testing.T) {
			h := newHarness(t)
			h.start()
			chat := int64(5001)
			u := telegramtest.Customer(chat, sc.lang)

			// REC-1: the first reply greets with the shop's name and ends
			// politely; the menu follows.
			h.text(chat, u, "/start")
			w := h.wait(chat, sc.welcome)
			if !strings.HasSuffix(w.Text, "谢谢！") && !strings.HasSuffix(w.Text, "Thank you!") {
				t.Errorf("REC-1: the greeting does not end politely: %q", w.Text)
			}

			code := bookCollision(t, h, chat, u, sc)

			// The confirmation (APT-1, APT-2) and the staff notice (APT-4).
			conf := h.wait(chat, sc.code, code)
			for _, part := range []string{sc.address, sc.deposit, sc.shop, "京A·12345"} {
				if !strings.Contains(conf.Text, part) {
					t.Errorf("confirmation lacks %q:\n%s", part, conf.Text)
				}
			}
			if !conf.HasButton("apt:mv:1") || !conf.HasButton("apt:cx:1") {
				t.Errorf("confirmation has no move/cancel buttons: %+v", conf.Buttons)
			}
			staff := h.wait(staffChat, sc.staffNew, code)
			if !strings.Contains(staff.Text, sc.staffDeposit) || !strings.Contains(staff.Text, "京A·12345") {
				t.Errorf("APT-4: staff notice lacks the deposit or plate:\n%s", staff.Text)
			}
			a, err := h.store.AppointmentByCode(code)
			if err != nil {
				t.Fatal(err)
			}
			if a.Lang != fo.ParseLang(sc.lang) || a.Deposit != 130000 || a.ChatID != chat {
				t.Errorf("appointment = %+v", a)
			}

			// Move from "My appointments": the next day's first slot.
			h.text(chat, u, "/my")
			h.wait(chat, code)
			h.press(chat, u, sc.movePrefix+code)
			h.pressPrefix(chat, u, "c:") // the first day offered
			h.pressPrefix(chat, u, "c:") // the first slot of that day
			h.wait(chat, sc.moved, code)
			h.wait(staffChat, sc.staffMoved, code)
			b, err := h.store.AppointmentByCode(code)
			if err != nil {
				t.Fatal(err)
			}
			if b.Start.Equal(a.Start) || b.Status != fo.AptBooked {
				t.Errorf("after the move: %v %s (was %v)", b.Start, b.Status, a.Start)
			}

			// Cancel from "My appointments", confirming.
			h.text(chat, u, "/my")
			h.press(chat, u, sc.cancelPrefix+code)
			h.wait(chat, sc.cancelAsk, code)
			h.press(chat, u, sc.cancelYes)
			h.wait(chat, sc.cancelled, code)
			h.wait(staffChat, sc.staffCancelled, code)
			c, err := h.store.AppointmentByCode(code)
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != fo.AptCancelled {
				t.Errorf("status after cancel = %s", c.Status)
			}
			// Each notice reached the staff once.
			for _, part := range []string{sc.staffNew, sc.staffMoved, sc.staffCancelled} {
				if n := h.count(staffChat, part); n != 1 {
					t.Errorf("staff got %q %d times", part, n)
				}
			}
		})
	}
}

// bookCollision books the collision service for tomorrow's first slot as a
// new customer sharing their contact, and returns the booking code.
func bookCollision(t *testing.T, h *harness, chat int64, u tgbotapi.User, sc script) string {
	t.Helper()
	h.press(chat, u, sc.menuBook)
	svc := h.wait(chat, sc.service)
	st := h.settings()
	sv, _ := st.Service("collision")
	if !svc.HasButton(serviceLabel(sv, fo.ParseLang(sc.lang))) {
		t.Fatalf("REC-1: no button with the official price %q:\n%s", serviceLabel(sv, fo.ParseLang(sc.lang)), h.dump(chat))
	}
	h.press(chat, u, serviceLabel(sv, fo.ParseLang(sc.lang)))
	dayMsg := h.wait(chat, sc.day)
	if dayMsg.ID != svc.ID {
		t.Errorf("the day list is a new message (%d), not the service list edited (%d)", dayMsg.ID, svc.ID)
	}
	tomorrow := dayKey(monday0900.AddDate(0, 0, 1), st.Location())
	h.pressPrefix(chat, u, "c:"+nonceOf(t, dayMsg)+":d:"+tomorrow)
	h.wait(chat, sc.slot)
	h.pressPrefix(chat, u, "c:"+nonceOf(t, dayMsg)+":t:")
	h.wait(chat, sc.plate)
	h.text(chat, u, "京a 12345")
	ask := h.waitMsg(chat, "contact keyboard", func(m telegramtest.Message) bool { return m.AskContact })
	if !strings.Contains(ask.Text, sc.phone) {
		t.Errorf("phone prompt = %q", ask.Text)
	}
	h.srv.ShareContact(chat, u, "+86 138 1234 5678")
	nm := h.wait(chat, sc.name)
	if !nm.RemoveKeyboard {
		t.Errorf("the name prompt does not remove the contact keyboard")
	}
	h.text(chat, u, "张伟")
	sum := h.wait(chat, sc.summary)
	for _, part := range []string{sc.deposit, "138****5678", "张伟", sv.Price.String(), sc.address} {
		if !strings.Contains(sum.Text, part) {
			t.Errorf("APT-1/APT-2: summary lacks %q:\n%s", part, sum.Text)
		}
	}
	if strings.Contains(sum.Text, "13812345678") {
		t.Errorf("summary shows the phone unmasked")
	}
	h.press(chat, u, sc.confirm)
	conf := h.wait(chat, sc.code, sc.address)
	for _, f := range strings.Fields(strings.ReplaceAll(conf.Text, "：", ": ")) {
		if len(f) == fo.BookingCodeLen && fo.NormalizeBookingCode(f) == f {
			return f
		}
	}
	t.Fatalf("no booking code in %q", conf.Text)
	return ""
}

// nonceOf reads the conversation nonce from a message's buttons.
func nonceOf(t *testing.T, m telegramtest.Message) string {
	t.Helper()
	if b, ok := m.ButtonWithPrefix("c:"); ok {
		if a, ok := parseConvData(b.Data); ok {
			return a.nonce
		}
	}
	t.Fatalf("no conversation button on %q", m.Text)
	return ""
}

// TestKnownCustomerUsesPhoneOnFile: a chat linked to a customer is
// offered the masked number on file; choosing it skips the name and books
// for the same customer (REC-2: nothing asked twice).
func TestKnownCustomerUsesPhoneOnFile(t *testing.T) {
	h := newHarness(t)
	h.start()
	chat := int64(5201)
	u := telegramtest.Customer(chat, "zh")
	first, err := h.store.Book(fo.BookRequest{ServiceID: "inspect", Start: monday0900.Add(26 * time.Hour), Source: "kiosk", By: "customer:kiosk",
		Plate: "京A54321", Customer: fo.CustomerInput{Name: "周杰", Phone: "13912345678", ChatID: chat}})
	if err != nil {
		t.Fatal(err)
	}
	h.drained()
	toPlate(t, h, chat, u, "maint")
	h.text(chat, u, "京A54321")
	prompt := h.wait(chat, "使用您登记过的号码")
	if prompt.AskContact || !prompt.HasButton("使用 139****5678") {
		t.Fatalf("prompt = %+v", prompt)
	}
	h.press(chat, u, "使用 139****5678")
	sum := h.wait(chat, "请确认您的预约", "139****5678")
	if sum.ID != prompt.ID {
		t.Errorf("the summary is a new message, not the prompt edited")
	}
	if strings.Contains(sum.Text, "姓名") {
		t.Errorf("a known customer is shown a name line: %q", sum.Text)
	}
	h.press(chat, u, "✅ 确认预约")
	h.wait(chat, "预约号", "定期保养")
	apts, err := h.store.CustomerAppointments(first.CustomerID, monday0900)
	if err != nil || len(apts) != 2 {
		t.Errorf("the customer has %d appointments (%v), want 2", len(apts), err)
	}
}
