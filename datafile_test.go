package frontoffice

import (
	"strings"
	"testing"
	"time"
)

// A check failure is announced per check; a backup failure once per streak
// (keyed by the last good backup); both go to the supervisor's chats and
// name the backup to restore from.
func TestDataFileAlertMessages(t *testing.T) {
	st := DefaultSettings()
	st.StaffChats = []int64{-100}
	at := time.Date(2026, 11, 27, 18, 30, 0, 0, st.Location())
	good := at.Add(-24 * time.Hour)
	first := DataFileAlertMessages(&st, DataFileAlert{Kind: "backup", Err: "no space", At: at, LastBackup: "/b/f-2026-11-26.db", Since: good})
	again := DataFileAlertMessages(&st, DataFileAlert{Kind: "backup", Err: "no space", At: at.Add(24 * time.Hour), Since: good})
	if len(first) != 1 || first[0].ChatID != -100 || first[0].Key != again[0].Key {
		t.Fatalf("backup failures: %+v / %+v: want one message per streak", first, again)
	}
	if !strings.Contains(first[0].Text, "/b/f-2026-11-26.db") || !strings.Contains(again[0].Text, "还没有备份") {
		t.Fatalf("texts %q / %q", first[0].Text, again[0].Text)
	}
	c1 := DataFileAlertMessages(&st, DataFileAlert{Kind: "check", Err: "page 7", At: at, LastBackup: "/b/x.db"})
	c2 := DataFileAlertMessages(&st, DataFileAlert{Kind: "check", Err: "page 7", At: at.Add(time.Hour), LastBackup: "/b/x.db"})
	if c1[0].Key == c2[0].Key || !strings.Contains(c1[0].Text, "frontoffice restore /b/x.db") {
		t.Fatalf("check failures: %+v %+v", c1, c2)
	}
}
