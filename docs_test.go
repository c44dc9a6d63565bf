package frontoffice

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rulesDoc is the catalogue of the manual's rules, relative to the module
// root (this package's directory).
const rulesDoc = "docs/rules.md"

var (
	// fencedBlock is a fenced code block; its backticks are not inline code.
	fencedBlock = regexp.MustCompile("(?ms)^```.*?^```[ \t]*$")
	// inlineCode is an inline code span, which may wrap across a line.
	inlineCode = regexp.MustCompile("`([^`]+)`")
	// docFile is a file named in a code span: "visit.go",
	// "console/static/console.js"; a name without a slash is in the root
	// package.
	docFile = regexp.MustCompile(`^[\w.-]+(/[\w.-]+)*\.(go|js|css|html|md)$`)
	// docDir is a directory named in a code span: "cmd/frontoffice".
	docDir = regexp.MustCompile(`^[\w.-]+(/[\w.-]+)+/?$`)
	// ruleHeading is the heading that defines a rule: "### APT-5 — ...".
	ruleHeading = regexp.MustCompile(`(?m)^### ([A-Z]+-[0-9]+)\b`)
	// anyHeading ends a rule's entry.
	anyHeading = regexp.MustCompile(`(?m)^#{1,3} `)
)

// TestRuleCatalogue keeps docs/rules.md from rotting as the code moves:
// every file or directory it names in backticks exists, and every rule it
// defines is cited in the code (a non-test .go file of the module) or says
// "Not yet built".
func TestRuleCatalogue(t *testing.T) {
	b, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)

	paths := docPaths(doc)
	if len(paths) < 50 {
		t.Fatalf("%s names %d files; the parser lost them", rulesDoc, len(paths))
	}
	for _, p := range paths {
		if _, err := os.Stat(filepath.FromSlash(strings.TrimSuffix(p, "/"))); err != nil {
			t.Errorf("%s names `%s`, which is not in the repository", rulesDoc, p)
		}
	}

	rules := docRules(doc)
	if len(rules) < 40 {
		t.Fatalf("%s defines %d rules; the parser lost them", rulesDoc, len(rules))
	}
	code := moduleCode(t)
	for _, r := range rules {
		if strings.Contains(r.entry, "Not yet built") {
			continue
		}
		cited := regexp.MustCompile(regexp.QuoteMeta(r.id) + `([^0-9]|$)`)
		if !cited.MatchString(code) {
			t.Errorf("%s: %s is neither cited in a non-test .go file nor marked \"Not yet built\"", rulesDoc, r.id)
		}
	}
}

// docPaths returns the files and directories the catalogue names in
// inline code, in order, each once.
func docPaths(doc string) []string {
	doc = fencedBlock.ReplaceAllString(doc, "")
	seen := map[string]bool{}
	var paths []string
	for _, m := range inlineCode.FindAllStringSubmatch(doc, -1) {
		s := strings.Join(strings.Fields(m[1]), " ")
		if (docFile.MatchString(s) || docDir.MatchString(s)) && !seen[s] {
			seen[s] = true
			paths = append(paths, s)
		}
	}
	return paths
}

type docRule struct {
	id    string
	entry string // the text from the heading to the next heading
}

// docRules returns the rules the catalogue defines by their headings.
func docRules(doc string) []docRule {
	var rules []docRule
	for _, loc := range ruleHeading.FindAllStringSubmatchIndex(doc, -1) {
		body := doc[loc[1]:]
		if next := anyHeading.FindStringIndex(body); next != nil {
			body = body[:next[0]]
		}
		rules = append(rules, docRule{id: doc[loc[2]:loc[3]], entry: body})
	}
	return rules
}

// moduleCode returns the text of the module's non-test .go files, leaving
// out testdata and hidden directories as the go tool does.
func moduleCode(t *testing.T) string {
	t.Helper()
	var sb strings.Builder
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sb.Write(b)
		sb.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sb.String()
}
