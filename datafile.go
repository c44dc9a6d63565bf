package frontoffice

import (
	"strconv"
	"time"
)

// DataFileStatus is what the staff console shows about the data file: the
// last good backup, the last backup's failure, the last check's failure and
// a write failure that put the shop in read-only mode.
type DataFileStatus struct {
	LastBackup     time.Time // zero: none yet
	LastBackupFile string
	BackupError    string // the last backup attempt failed
	CheckError     string // the last full check found damage
	WriteError     string // writes fail (disk full?): the shop runs read-only
}

// DataFileAlert is a finding about the data file for the supervisors: a
// full check that found damage ("check") or a backup that failed
// ("backup"). LastBackup names the backup to restore from ("" when none).
type DataFileAlert struct {
	Kind       string
	Err        string
	At         time.Time
	LastBackup string
	// Since keys the announcement: a failing backup is announced once per
	// streak of failures (Since is the last good backup's time).
	Since time.Time
}

// DataFileAlertMessages tell the supervisors that the data file failed its
// check or that the nightly backup failed, and what to do. A check failure
// is announced once per check; a backup failure once until a backup
// succeeds again.
func DataFileAlertMessages(st *Settings, a DataFileAlert) []Message {
	when := FormatWhen(ZH, a.At, st.Location())
	last := a.LastBackup
	if last == "" {
		last = Texts.T(ZH, "staff.datafile.nobackup")
	}
	var text, k string
	switch a.Kind {
	case "check":
		text = Texts.T(ZH, "staff.datafile.check", when, a.Err, last)
		k = "datafile:check:" + strconv.FormatInt(a.At.Unix(), 10)
	default:
		text = Texts.T(ZH, "staff.datafile.backup", when, a.Err, last)
		k = "datafile:backup:" + strconv.FormatInt(a.Since.Unix(), 10)
	}
	return toChats(st.SupervisorChats(), k, text, nil, time.Time{})
}

// dataFileTexts are the supervisors' notices about the data file and the
// error users see while it cannot be written.
var dataFileTexts = Catalog{
	"err.readonly": {"系统暂时无法保存（数据盘已满或出错）：可以查询，但不能办理新业务。请联系前台，我们正在处理。",
		"The system cannot save anything right now (the data disk is full or failing): you can look things up, but nothing new can be recorded. Please ask the desk; we are on it."},
	"staff.datafile.check": {"⚠️ 数据文件检查发现损坏（%s）：%s\n请尽快停止服务，用最近的备份恢复：frontoffice restore %s",
		"⚠️ The data file's check found damage (%s): %s\nStop the server soon and restore the last backup: frontoffice restore %s"},
	"staff.datafile.backup": {"⚠️ 数据自动备份失败（%s）：%s\n最近一次成功的备份：%s。请检查备份磁盘的空间和连接。",
		"⚠️ The automatic backup failed (%s): %s\nLast good backup: %s. Please check the backup disk's space and connection."},
	"staff.datafile.nobackup": {"（还没有备份）", "(no backup yet)"},
}
