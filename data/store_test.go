package data

import (
	"path/filepath"
	"testing"
	"time"

	fo "frontoffice"
	"frontoffice/internal/fakeclock"
)

// testStoreConfig is what newTestStore builds; storeOptions change it.
type testStoreConfig struct {
	now      time.Time
	noSync   bool
	settings func(st *fo.Settings) // nil: leave the defaults
}

// storeOption changes the store newTestStore builds.
type storeOption func(*testStoreConfig)

// startingAt sets the fake clock's start.
func startingAt(now time.Time) storeOption {
	return func(c *testStoreConfig) { c.now = now }
}

// noSync opens the store without fsync (simulations commit a lot).
func noSync() storeOption {
	return func(c *testStoreConfig) { c.noSync = true }
}

// shopDefaults keeps the default settings as Open writes them: no staff
// chat.
func shopDefaults() storeOption {
	return func(c *testStoreConfig) { c.settings = nil }
}

// followUpStaff sets the staff to a receptionist, two follow-up staff
// members and a supervisor, all on Telegram (chatLi, chatWang, chatLiu,
// chatZhao).
func followUpStaff() storeOption {
	return func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) {
			if prev != nil {
				prev(st)
			}
			st.Staff = []fo.StaffMember{
				{ID: "li", Name: "李娜", TelegramUserID: chatLi, Roles: []string{fo.RoleReception}},
				{ID: "wang", Name: "王强", TelegramUserID: chatWang, Roles: []string{fo.RoleFollowUp}},
				{ID: "liu", Name: "刘洋", TelegramUserID: chatLiu, Roles: []string{fo.RoleFollowUp}},
				{ID: "zhao", Name: "赵敏", TelegramUserID: chatZhao, Roles: []string{fo.RoleSupervisor}},
			}
		}
	}
}

// supervisorOnTelegram adds a supervisor ("sup", 周主管) with Telegram user
// 777 to the default staff.
func supervisorOnTelegram() storeOption {
	return func(c *testStoreConfig) {
		prev := c.settings
		c.settings = func(st *fo.Settings) {
			if prev != nil {
				prev(st)
			}
			st.Staff = append(st.Staff, fo.StaffMember{ID: "sup", Name: "周主管", TelegramUserID: 777, Roles: []string{fo.RoleSupervisor}})
		}
	}
}

// newTestStore is the one store builder of the data tests: a store in a
// temp dir, closed at the end of the test, on a fake clock standing at
// Friday 2026-11-27 09:00 Shanghai, with the default shop and one staff
// chat (-100); opts change any of it.
func newTestStore(t testing.TB, opts ...storeOption) (*Store, *fakeclock.Clock) {
	t.Helper()
	c := testStoreConfig{
		now:      at(2026, 11, 27, 9, 0),
		settings: func(st *fo.Settings) { st.StaffChats = []int64{-100} },
	}
	for _, o := range opts {
		o(&c)
	}
	clock := fakeclock.New(c.now)
	s, err := Open(filepath.Join(t.TempDir(), "f.db"), Options{Clock: clock, NoSync: c.noSync})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if c.settings != nil {
		st, err := s.Settings()
		if err != nil {
			t.Fatal(err)
		}
		c.settings(&st)
		if err := s.SaveSettings(st); err != nil {
			t.Fatal(err)
		}
	}
	return s, clock
}
