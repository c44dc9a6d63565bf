package frontoffice

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// dynamicPrefixes are the key prefixes the code completes at run time
// ("cmp.cat."+category, "wd."+weekday, prefix+code in the Label methods):
// a key under one of them counts as used, and a "prefix."+x expression
// passed to T must use one of them. Add a prefix here only together with
// the code that builds its keys.
var dynamicPrefixes = []string{
	"call.kind.",  // followup.go: the call's kind
	"cmp.cat.",    // complaint categories (ComplaintCategories)
	"cmp.ch.",     // complaint channels in the staff notice
	"cmp.st.",     // complaint statuses in bot and kiosk pages
	"err.wo.",     // visit.go: the work order field that failed validation
	"label.",      // labels.go: the enums' Label methods
	"queue.name.", // queue.go: the name of a parked entry's queue
	"ready.item.", // ready.go: the delivery checklist's items (DEL-1)
	"rep.",        // report.go: the report kind's name
	"sv.q.",       // survey.go: the survey's questions
	"topic.",      // followup.go: call topics (FU-4)
	"wd.",         // notify.go, report.go: weekday names
	// Field jobs (field_dispatch_message.go): tasks, steps, papers, stages.
	"btn.fld.", "fld.task.", "fld.ask.", "fld.warn.", "fld.step.", "fld.paper.", "fld.doc_in.", "fld.stage.", "fldb.filed.", "fldb.cust_filed.",
	"call.kind.",      // followup.go: the call's kind
	"cmp.cat.",        // complaint categories (ComplaintCategories)
	"cmp.ch.",         // complaint channels in the staff notice
	"cmp.st.",         // complaint statuses in bot and kiosk pages
	"err.wo.",         // visit.go: the work order field that failed validation
	"label.",          // labels.go: the enums' Label methods
	"queue.name.",     // queue.go: the name of a parked entry's queue
	"quality.class.",  // quality_report.go: QualityClass.Label (REP-2)
	"quality.source.", // quality_report.go: QualitySourceLabel (REP-2)
	"ready.item.",     // ready.go: the delivery checklist's items (DEL-1)
	"rep.",            // report.go: the report kind's name
	"sv.q.",           // survey.go: the survey's questions
	"topic.",          // followup.go: call topics (FU-4)
	"wd.",             // notify.go, report.go: weekday names

	// NET-2 (netb): claim statuses and score tiers.
	"net.claim.st.",
	"net.tier.",
}

// rootTexts is every catalog of the root package: Texts and the reports'
// chat texts kept apart from it.
func rootTexts() Catalog { return Texts.Merge(reportTexts) }

// The root package's catalogs share no key: MustMerge would panic at start
// for the ones merged into Texts, and the check is spelt out here so that
// the failure names them.
func TestTextsOnce(t *testing.T) {
	if dup := Duplicates(coreTexts, afterSalesTexts, labelTexts, reportTexts, dataFileTexts, queueTexts, icsTexts, moneyTexts, queueCallTexts, workshopTexts, readyTexts, auditTexts, signatureTexts, discountTexts, stationTexts, fieldTexts, fieldSiteTexts, qualityTexts, networkTexts); len(dup) > 0 {
		t.Errorf("keys defined twice: %v", dup)
	}
}

// Every text is there in Chinese and in English.
func TestTextsBothLanguages(t *testing.T) {
	if bad := rootTexts().Incomplete(); len(bad) > 0 {
		t.Errorf("keys missing a language: %v", bad)
	}
}

func TestCatalogChecks(t *testing.T) {
	a := Catalog{"x": {"甲", "A"}, "y": {"乙", ""}}
	b := Catalog{"x": {"丙", "C"}, "z": {" ", "Z"}}
	if got := Duplicates(a, b); !slices.Equal(got, []string{"x"}) {
		t.Errorf("Duplicates = %v, want [x]", got)
	}
	if got := Duplicates(a, Catalog{"w": {"丁", "D"}}); got != nil {
		t.Errorf("Duplicates = %v, want none", got)
	}
	if got := a.Merge(b).Incomplete(); !slices.Equal(got, []string{"y", "z"}) {
		t.Errorf("Incomplete = %v, want [y z]", got)
	}
	if got := a.Merge(b).T(EN, "x"); got != "C" {
		t.Errorf("Merge: later catalog should win, got %q", got)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "x") {
			t.Errorf("MustMerge of a shared key: recovered %v, want a panic naming x", r)
		}
	}()
	a.MustMerge(b)
}

// Every key the root package passes to T as a literal is defined, and every
// key built from a literal prefix uses one of dynamicPrefixes.
func TestTextsUsedAreDefined(t *testing.T) {
	for _, u := range textKeysUsed(t, ".") {
		if u.prefix {
			if !slices.Contains(dynamicPrefixes, u.key) {
				t.Errorf("%s: key built from prefix %q, which is not in dynamicPrefixes", u.pos, u.key)
			}
			continue
		}
		if _, ok := rootTexts()[u.key]; !ok {
			t.Errorf("%s: key %q used but not defined", u.pos, u.key)
		}
	}
}

// Every key of the root catalogs is used somewhere in the program: as a string literal
// in a non-test Go file or a template of any package (Texts is the domain's
// catalog; bot, kiosk, data and forms use it too), or under one of
// dynamicPrefixes.
func TestTextsDefinedAreUsed(t *testing.T) {
	used := literalsInModule(t, ".")
	for k := range rootTexts() {
		if used[k] || slices.ContainsFunc(dynamicPrefixes, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		t.Errorf("key %q defined but never used", k)
	}
}

// keyUse is a key passed to a T method: a literal, or the literal prefix of
// "prefix."+x.
type keyUse struct {
	pos    token.Position
	key    string
	prefix bool
}

// textKeysUsed returns the keys passed to X.T(lang, key, ...) in the
// non-test Go files of the package in dir.
func textKeysUsed(t *testing.T, dir string) []keyUse {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var uses []keyUse
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) < 2 {
				return true
			}
			if s, ok := c.Fun.(*ast.SelectorExpr); !ok || s.Sel.Name != "T" {
				return true
			}
			switch k := c.Args[1].(type) {
			case *ast.BasicLit:
				if v, err := strconv.Unquote(k.Value); err == nil && k.Kind == token.STRING {
					uses = append(uses, keyUse{fset.Position(k.Pos()), v, false})
				}
			case *ast.BinaryExpr:
				if l, ok := k.X.(*ast.BasicLit); ok && l.Kind == token.STRING && k.Op == token.ADD {
					v, _ := strconv.Unquote(l.Value)
					uses = append(uses, keyUse{fset.Position(l.Pos()), v, true})
				}
			}
			return true
		})
	}
	if len(uses) < 20 {
		t.Fatalf("only %d keys found in %s: is the scan broken?", len(uses), dir)
	}
	return uses
}

// keyLit is a quoted key-like string; a catalog's own definition is one
// followed by a colon, which literalsInModule skips.
var keyLit = regexp.MustCompile(`"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"(\s*:)?`)

// literalsInModule returns the key-like string literals of the non-test Go
// files and the templates under root, leaving out catalog definitions.
func literalsInModule(t *testing.T, root string) map[string]bool {
	t.Helper()
	used := make(map[string]bool)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
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
			if m[2] == "" {
				used[m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}
