package forms

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	fo "frontoffice"
)

// formsDynamicPrefixes are the prefixes of keys the forms complete at run
// time; a key under one counts as used. Add one only together with the
// code that builds its keys.
var formsDynamicPrefixes = []string{
	"form.action.",   // label.go: registerAction, the register's action
	"form.entry.",    // calls.go: register entries that are not call kinds
	"form.sign.via.", // signature.go: how a signature was given (fo.SignedOnPad …)
	// field_dispatch.go: the approval steps and how a document came (FLD-2, FLD-3).
	"form.field.step.", "form.field.on_file.",

	"form.net.tier.", // station_score.go: the score's tier (NET-2, netb)
}

// The forms' catalog: every key in both languages with the same
// arguments, none also in the domain's Texts (a key written twice in
// texts.go does not compile), used by the
// forms, and every key the forms look up defined — in Texts for d.T, in
// fo.Texts for fo.Texts.T.
func TestFormsTexts(t *testing.T) {
	if bad := Texts.Incomplete(); len(bad) > 0 {
		t.Errorf("keys missing a language: %v", bad)
	}
	if dup := fo.Duplicates(Texts, fo.Texts); len(dup) > 0 {
		t.Errorf("keys defined in forms and in frontoffice: %v", dup)
	}
	for k, v := range Texts {
		if !strings.HasPrefix(k, "form.") {
			t.Errorf("key %q outside the form. namespace", k)
		}
		if strings.Count(v.Zh, "%") != strings.Count(v.En, "%") {
			t.Errorf("key %q: zh and en take different arguments", k)
		}
	}

	used := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "texts.go" {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(nd ast.Node) bool {
			switch x := nd.(type) {
			case *ast.BasicLit:
				// Every "form.…" literal is a key: d.T's argument, a title
				// for titleOf, or a value of a key table.
				if v, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING && strings.HasPrefix(v, "form.") {
					if strings.HasSuffix(v, ".") {
						if !slices.Contains(formsDynamicPrefixes, v) {
							t.Errorf("%s: key prefix %q not in formsDynamicPrefixes", fset.Position(x.Pos()), v)
						}
						return true
					}
					n++
					used[v] = true
					if _, ok := Texts[v]; !ok {
						t.Errorf("%s: key %q used but not defined", fset.Position(x.Pos()), v)
					}
				}
			case *ast.CallExpr:
				// fo.Texts.T(lang, "key") looks up the domain's catalog.
				s, ok := x.Fun.(*ast.SelectorExpr)
				if !ok || s.Sel.Name != "T" || len(x.Args) < 2 {
					return true
				}
				if inner, ok := s.X.(*ast.SelectorExpr); !ok || inner.Sel.Name != "Texts" {
					return true
				}
				if l, ok := x.Args[1].(*ast.BasicLit); ok && l.Kind == token.STRING {
					v, _ := strconv.Unquote(l.Value)
					if _, ok := fo.Texts[v]; !ok {
						t.Errorf("%s: key %q not in frontoffice.Texts", fset.Position(l.Pos()), v)
					}
				}
			}
			return true
		})
	}
	if n < 200 {
		t.Errorf("only %d keys found in the forms' source: is the scan broken?", n)
	}
	for k := range Texts {
		if !used[k] && !slices.ContainsFunc(formsDynamicPrefixes, func(p string) bool { return strings.HasPrefix(k, p) }) {
			t.Errorf("key %q defined but never used", k)
		}
	}
}
