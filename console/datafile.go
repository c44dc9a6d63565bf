package console

import fo "frontoffice"

// The data file's health on the settings page (admins): the last backup,
// a failed backup or check, and read-only mode after a failed write. The
// store tells it when it can (data.Store.DataFileStatus); the console
// declares the method it uses, so a store without it shows nothing.

type dataFileStore interface {
	DataFileStatus() fo.DataFileStatus
}

// statusLine is one line of the status: Error lines are shown as alerts.
type statusLine struct {
	Text  string
	Error bool
}

func (s *Server) dataFileLines(c *staffCtx) []statusLine {
	ds, ok := s.cfg.Store.(dataFileStore)
	if !ok {
		return nil
	}
	st := ds.DataFileStatus()
	t := func(key string, args ...any) string { return s.texts.T(c.lang, key, args...) }
	var out []statusLine
	if st.WriteError != "" {
		out = append(out, statusLine{Text: t("con.data.readonly", st.WriteError), Error: true})
	}
	if st.CheckError != "" {
		out = append(out, statusLine{Text: t("con.data.check_failed", st.CheckError), Error: true})
	}
	if st.BackupError != "" {
		out = append(out, statusLine{Text: t("con.data.backup_failed", st.BackupError), Error: true})
	}
	if st.LastBackup.IsZero() {
		out = append(out, statusLine{Text: t("con.data.no_backup")})
	} else {
		out = append(out, statusLine{Text: t("con.data.backup", fo.FormatWhen(c.lang, st.LastBackup, c.loc), st.LastBackupFile)})
	}
	return out
}

var dataFileTexts = fo.Catalog{
	"con.data.backup":        {Zh: "最近一次备份：%s（%s）", En: "Last backup: %s (%s)"},
	"con.data.no_backup":     {Zh: "还没有自动备份：每晚打烊半小时后自动备份。", En: "No automatic backup yet: one is made every night half an hour after closing."},
	"con.data.backup_failed": {Zh: "最近一次备份失败：%s", En: "The last backup failed: %s"},
	"con.data.check_failed":  {Zh: "数据文件检查发现损坏：%s。请停止服务，用 frontoffice restore 恢复最近的备份。", En: "The data file's check found damage: %s. Stop the server and restore the last backup with frontoffice restore."},
	"con.data.readonly":      {Zh: "数据文件无法写入（磁盘已满？），系统只读运行：%s", En: "The data file cannot be written (disk full?); the shop runs read-only: %s"},
}
