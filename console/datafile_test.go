package console

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontoffice/data"
)

// The settings page tells the admin when the last backup was made and
// that the last one failed.
func TestSettingsShowsBackupStatus(t *testing.T) {
	h := newConHarness(t)
	admin := h.login("admin")
	if r := admin.get("/staff/settings"); !strings.Contains(r.body, "还没有自动备份") {
		t.Fatalf("no backup yet not shown: %s", excerpt(r.body))
	}
	dir := filepath.Join(t.TempDir(), "backups")
	path, err := h.store.DailyBackup(dir, h.clock.Now(), data.DefaultKeep)
	if err != nil {
		t.Fatal(err)
	}
	r := admin.get("/staff/settings")
	if !strings.Contains(r.body, "最近一次备份：11月27日 周五 09:00（"+path+"）") {
		t.Fatalf("last backup not shown: %s", excerpt(partUntil(r.body, `data-status`, "</p>")))
	}
	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o600)
	if _, err := h.store.DailyBackup(filepath.Join(blocked, "x"), h.clock.Now(), data.DefaultKeep); err == nil {
		t.Fatal("backup into a file succeeded")
	}
	r = admin.get("/staff/settings")
	if !strings.Contains(r.body, `role="alert" data-status="datafile">最近一次备份失败：`) || !strings.Contains(r.body, "最近一次备份：") {
		t.Fatalf("failed backup not shown: %s", excerpt(partUntil(r.body, `data-status`, "<form")))
	}
}
