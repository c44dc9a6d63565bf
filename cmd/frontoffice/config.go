package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"frontoffice/internal/web"
)

// Config is everything the process needs to start, from flags and the
// environment (flags win). Secrets may come from NAME_FILE.
type Config struct {
	DataPath         string // FRONTOFFICE_DATA, -data
	Addr             string // FRONTOFFICE_ADDR, -addr
	TimeZone         string // FRONTOFFICE_TZ, -tz; empty: the shop's setting
	TelegramToken    string // TELEGRAM_BOT_TOKEN(_FILE), -telegram-token
	TelegramEndpoint string // TELEGRAM_API_ENDPOINT, -telegram-endpoint
	LogLevel         string // FRONTOFFICE_LOG_LEVEL, -log-level
	// SecureCookies marks console session cookies Secure, for a shop that
	// serves the console behind HTTPS (FRONTOFFICE_SECURE_COOKIES,
	// -secure-cookies); on by default when the server serves TLS itself.
	SecureCookies bool
	// TLSCertFile and TLSKeyFile, both or neither, make the server serve
	// HTTPS itself (FRONTOFFICE_TLS_CERT_FILE, FRONTOFFICE_TLS_KEY_FILE,
	// -tls-cert-file, -tls-key-file).
	TLSCertFile, TLSKeyFile string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (FRONTOFFICE_TRUSTED_PROXIES, -trusted-proxies: addresses
	// and CIDRs); none by default.
	TrustedProxies []netip.Prefix
	// MetricsAllow are the networks besides the loopback that may read
	// /metrics (FRONTOFFICE_METRICS_ALLOW, -metrics-allow: CIDRs).
	MetricsAllow []netip.Prefix
	// Init lets serve create a new data file where it would refuse to: in a
	// missing folder, over a 0-byte file, or where a previous run left its
	// secret or backups (FRONTOFFICE_INIT=1, -init).
	Init bool
	// BackupDir is the nightly backups' folder (FRONTOFFICE_BACKUP_DIR,
	// -backup-dir; default: "<data>.backups" beside the data file).
	BackupDir string
	// BackupDays and BackupMonths are how many daily and monthly backups
	// the folder keeps (FRONTOFFICE_BACKUP_DAYS, _MONTHS; 7 and 12).
	BackupDays, BackupMonths int
	// PublicURL is the address customers' phones reach the shop at,
	// "https://shop.example.com" (FRONTOFFICE_PUBLIC_URL, -public-url): the
	// field acceptance signature links (FLD-5) are made from it; none are
	// made without it (the technician then uses paper).
	PublicURL string
}

// Defaults.
const (
	defaultData     = "frontoffice.db"
	defaultAddr     = ":8080"
	defaultEndpoint = "https://api.telegram.org/bot%s/%s"
)

// loadConfig reads flags from args (after the subcommand) and the
// environment from getenv, and validates the result. Messages name the
// variable or flag at fault.
func loadConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (Config, []string, error) {
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		DataPath:         env("FRONTOFFICE_DATA", defaultData),
		Addr:             env("FRONTOFFICE_ADDR", defaultAddr),
		TimeZone:         env("FRONTOFFICE_TZ", ""),
		TelegramEndpoint: env("TELEGRAM_API_ENDPOINT", defaultEndpoint),
		LogLevel:         env("FRONTOFFICE_LOG_LEVEL", "info"),
	}
	secureSet := true
	switch v := strings.ToLower(env("FRONTOFFICE_SECURE_COOKIES", "")); v {
	case "1", "true", "yes":
		c.SecureCookies = true
	case "0", "false", "no":
	case "":
		secureSet = false
	default:
		return c, nil, fmt.Errorf("FRONTOFFICE_SECURE_COOKIES %q is not true or false", v)
	}
	c.TLSCertFile = env("FRONTOFFICE_TLS_CERT_FILE", "")
	c.TLSKeyFile = env("FRONTOFFICE_TLS_KEY_FILE", "")
	proxies := env("FRONTOFFICE_TRUSTED_PROXIES", "")
	metricsAllow := env("FRONTOFFICE_METRICS_ALLOW", "")
	switch v := strings.ToLower(env("FRONTOFFICE_INIT", "false")); v {
	case "1", "true", "yes":
		c.Init = true
	case "0", "false", "no":
	default:
		return c, nil, fmt.Errorf("FRONTOFFICE_INIT %q is not true or false", v)
	}
	c.BackupDir = env("FRONTOFFICE_BACKUP_DIR", "")
	c.PublicURL = strings.TrimRight(env("FRONTOFFICE_PUBLIC_URL", ""), "/") // FLD-5
	for _, n := range []struct {
		name string
		to   *int
		def  int
	}{{"FRONTOFFICE_BACKUP_DAYS", &c.BackupDays, 7}, {"FRONTOFFICE_BACKUP_MONTHS", &c.BackupMonths, 12}} {
		v, err := strconv.Atoi(env(n.name, strconv.Itoa(n.def)))
		if err != nil {
			return c, nil, fmt.Errorf("%s is not a number", n.name)
		}
		*n.to = v
	}
	token, err := secret(getenv, "TELEGRAM_BOT_TOKEN")
	if err != nil {
		return c, nil, err
	}
	c.TelegramToken = token

	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.DataPath, "data", c.DataPath, "bbolt data file (FRONTOFFICE_DATA)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "HTTP listen address (FRONTOFFICE_ADDR)")
	fs.StringVar(&c.TimeZone, "tz", c.TimeZone, "time zone of a new data file; an existing file keeps its settings' zone (FRONTOFFICE_TZ)")
	tokenFile := fs.String("telegram-token-file", "", "file holding the bot token (TELEGRAM_BOT_TOKEN_FILE)")
	fs.StringVar(&c.TelegramEndpoint, "telegram-endpoint", c.TelegramEndpoint, "Bot API endpoint, %s/%s form (TELEGRAM_API_ENDPOINT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (FRONTOFFICE_LOG_LEVEL)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "console cookies only over HTTPS; on by default with TLS (FRONTOFFICE_SECURE_COOKIES)")
	fs.StringVar(&c.TLSCertFile, "tls-cert-file", c.TLSCertFile, "PEM certificate (chain) to serve HTTPS with (FRONTOFFICE_TLS_CERT_FILE)")
	fs.StringVar(&c.TLSKeyFile, "tls-key-file", c.TLSKeyFile, "PEM private key of the certificate (FRONTOFFICE_TLS_KEY_FILE)")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "reverse proxies whose X-Forwarded-For is believed, addresses or CIDRs (FRONTOFFICE_TRUSTED_PROXIES)")
	fs.StringVar(&metricsAllow, "metrics-allow", metricsAllow, "networks besides the loopback that may read /metrics, CIDRs (FRONTOFFICE_METRICS_ALLOW)")
	fs.BoolVar(&c.Init, "init", c.Init, "create a new data file where a missing or empty one is refused (FRONTOFFICE_INIT)")
	fs.StringVar(&c.BackupDir, "backup-dir", c.BackupDir, "nightly backups' folder (FRONTOFFICE_BACKUP_DIR; default <data>.backups)")
	fs.IntVar(&c.BackupDays, "backup-days", c.BackupDays, "daily backups kept (FRONTOFFICE_BACKUP_DAYS)")
	fs.IntVar(&c.BackupMonths, "backup-months", c.BackupMonths, "monthly backups kept (FRONTOFFICE_BACKUP_MONTHS)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "address customers' phones reach the shop at, for signature links (FRONTOFFICE_PUBLIC_URL)")
	// Flags may come before or after the command's own arguments.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return c, nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "secure-cookies" {
			secureSet = true
		}
	})
	if !secureSet && c.TLSCertFile != "" {
		c.SecureCookies = true
	}
	var errs []error
	if c.TrustedProxies, err = web.ParsePrefixes(proxies); err != nil {
		errs = append(errs, fmt.Errorf("FRONTOFFICE_TRUSTED_PROXIES (-trusted-proxies): %w", err))
	}
	if c.MetricsAllow, err = web.ParsePrefixes(metricsAllow); err != nil {
		errs = append(errs, fmt.Errorf("FRONTOFFICE_METRICS_ALLOW (-metrics-allow): %w", err))
	}
	if len(errs) > 0 {
		return c, nil, errors.Join(errs...)
	}
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return c, nil, fmt.Errorf("-telegram-token-file: %w", err)
		}
		c.TelegramToken = strings.TrimSpace(string(b))
	}
	if c.BackupDir == "" {
		c.BackupDir = c.DataPath + ".backups"
	}
	return c, pos, c.validate()
}

// secret reads NAME, or the file named by NAME_FILE.
func secret(getenv func(string) string, name string) (string, error) {
	v := strings.TrimSpace(getenv(name))
	f := strings.TrimSpace(getenv(name + "_FILE"))
	switch {
	case v != "" && f != "":
		return "", fmt.Errorf("set %s or %s_FILE, not both", name, name)
	case f != "":
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return v, nil
}

func (c Config) validate() error {
	var errs []error
	if strings.TrimSpace(c.DataPath) == "" {
		errs = append(errs, errors.New("FRONTOFFICE_DATA (-data) is empty"))
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("FRONTOFFICE_ADDR (-addr) %q is not host:port, e.g. :8080 or 127.0.0.1:8080", c.Addr))
	}
	if c.TimeZone != "" {
		if _, err := time.LoadLocation(c.TimeZone); err != nil {
			errs = append(errs, fmt.Errorf("FRONTOFFICE_TZ (-tz) %q is not a time zone, e.g. Asia/Shanghai", c.TimeZone))
		}
	}
	if strings.Count(c.TelegramEndpoint, "%s") != 2 || !(strings.HasPrefix(c.TelegramEndpoint, "http://") || strings.HasPrefix(c.TelegramEndpoint, "https://")) {
		errs = append(errs, fmt.Errorf("TELEGRAM_API_ENDPOINT (-telegram-endpoint) %q must be an http(s) URL with two %%s, e.g. %s", c.TelegramEndpoint, defaultEndpoint))
	}
	if c.TelegramToken != "" && (strings.ContainsAny(c.TelegramToken, " /?#%") || !strings.Contains(c.TelegramToken, ":")) {
		errs = append(errs, errors.New("TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters, from @BotFather)"))
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		errs = append(errs, errors.New("FRONTOFFICE_TLS_CERT_FILE (-tls-cert-file) and FRONTOFFICE_TLS_KEY_FILE (-tls-key-file) go together: set both to serve HTTPS, or neither"))
	}
	if c.BackupDays < 1 || c.BackupMonths < 0 || c.BackupDays > 366 || c.BackupMonths > 120 {
		errs = append(errs, fmt.Errorf("FRONTOFFICE_BACKUP_DAYS (-backup-days) %d must be 1..366 and FRONTOFFICE_BACKUP_MONTHS (-backup-months) %d 0..120", c.BackupDays, c.BackupMonths))
	}
	if u, err := url.Parse(c.PublicURL); c.PublicURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "") {
		errs = append(errs, fmt.Errorf("FRONTOFFICE_PUBLIC_URL (-public-url) %q must be an http(s) address, e.g. https://shop.example.com", c.PublicURL))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("FRONTOFFICE_LOG_LEVEL (-log-level) %q is not debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}
