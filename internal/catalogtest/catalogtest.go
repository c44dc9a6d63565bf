// Package catalogtest checks a package's text catalog the same way in every
// package that has one (bot, kiosk, console, internal/web, forms and the
// domain): no key defined twice, none missing a language, none used but not
// defined, none defined but never used. It is imported by tests only.
// The domain's own tests (package frontoffice) cannot import it and keep
// the same checks in catalog_test.go.
package catalogtest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	fo "frontoffice"
)

// Check describes one package's catalog.
type Check struct {
	// Own is the package's own catalog (not the domain's it merges over).
	Own fo.Catalog
	// Parts are the catalogs Own is made of, to find a key defined in two.
	Parts []fo.Catalog
	// All is the package's merged catalog (its own plus the domain's):
	// what a use must find.
	All fo.Catalog
	// Dirs are the package's folders whose non-test .go files and
	// templates (.html) are read for uses of the package's keys.
	Dirs []string
	// Module is the module's root: a key counts as used when it appears
	// as a string literal anywhere in the module's non-test code or
	// templates (a domain key may be used by any door).
	Module string
	// Dynamic are key prefixes the code completes at run time ("cmp.cat."
	// + category): keys under them count as used, and uses of them are
	// not checked one by one.
	Dynamic []string
}

// keyLit is a quoted key-like string: dotted lower-case words. A catalog's
// own definition is one followed by a colon.
var keyLit = regexp.MustCompile(`"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"(\s*:)?`)

// Run checks c and reports every finding as a test error.
func Run(t *testing.T, c Check) {
	t.Helper()
	if len(c.Own) == 0 {
		t.Fatal("empty catalog: is the check wired to the right one?")
	}
	// Defined twice.
	seen := map[string]int{}
	for _, p := range c.Parts {
		for k := range p {
			seen[k]++
		}
	}
	for _, k := range sortedKeys(seen) {
		if seen[k] > 1 {
			t.Errorf("key %q defined in %d catalogs", k, seen[k])
		}
	}
	// Missing a language, or the two languages taking different values.
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	for _, k := range sortedKeys(c.Own) {
		v := c.Own[k]
		if strings.TrimSpace(v.Zh) == "" || strings.TrimSpace(v.En) == "" {
			t.Errorf("key %q lacks a language", k)
			continue
		}
		if a, b := verbs.FindAllString(v.Zh, -1), verbs.FindAllString(v.En, -1); !slices.Equal(a, b) {
			t.Errorf("key %q: values %v in Chinese, %v in English", k, a, b)
		}
	}
	// Used but not defined: a literal in the package under one of its own
	// namespaces (the first word of its keys).
	spaces := map[string]bool{}
	for k := range c.Own {
		spaces[k[:strings.IndexByte(k+".", '.')]] = true
	}
	for _, dir := range c.Dirs {
		for f, keys := range literals(t, dir, false) {
			for _, k := range keys {
				ns := k[:strings.IndexByte(k, '.')]
				if !spaces[ns] || c.dynamic(k) || c.has(k) {
					continue
				}
				t.Errorf("%s: key %q used but not defined", f, k)
			}
		}
	}
	// Defined but never used anywhere in the module.
	used := map[string]bool{}
	for _, keys := range literals(t, c.Module, true) {
		for _, k := range keys {
			used[k] = true
		}
	}
	for _, k := range sortedKeys(c.Own) {
		if !used[k] && !c.dynamic(k) {
			t.Errorf("key %q defined but never used", k)
		}
	}
}

func (c Check) has(k string) bool { _, ok := c.All[k]; return ok }

func (c Check) dynamic(k string) bool {
	return slices.ContainsFunc(c.Dynamic, func(p string) bool { return strings.HasPrefix(k, p) })
}

// literals returns, per file, the key-like string literals of the non-test
// Go files and templates under dir (all folders below it when deep),
// leaving out catalog definitions ("key": {...}).
func literals(t *testing.T, dir string, deep bool) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != dir && (!deep || strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyLit.FindAllStringSubmatch(string(b), -1) {
			if m[2] == "" && !strings.HasSuffix(m[1], "_") {
				out[path] = append(out[path], m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Templates live one folder down.
	if !deep {
		tpl, _ := filepath.Glob(filepath.Join(dir, "templates", "*.html"))
		for _, f := range tpl {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyLit.FindAllStringSubmatch(string(b), -1) {
				if m[2] == "" {
					out[f] = append(out[f], m[1])
				}
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
