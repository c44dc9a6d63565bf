package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// artifacts is where the tests leave PDFs and their PNG renderings for a
// person to look at (git-ignored).
const artifacts = "testdata/artifacts"

// pdfText returns the text of a PDF as pdftotext (poppler-utils) reads it.
// The test fails, not skips, when pdftotext is missing: reading the
// documents back is how the forms are tested.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (apt-get install -y poppler-utils) to test the PDF forms")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	if strings.TrimSpace(stderr.String()) != "" {
		t.Errorf("pdftotext complained: %s", stderr.String())
	}
	return string(out)
}

// squash removes all white space, so that text can be compared whatever
// the line breaks.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// wantText checks that every string in want appears in the PDF's text.
func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	all := squash(text)
	for _, w := range want {
		if !strings.Contains(all, squash(w)) {
			t.Errorf("PDF text lacks %q\n--- text ---\n%s", w, text)
		}
	}
}

// savePNG writes the PDF and its pages as PNG (pdftoppm -png -r 80) under
// testdata/artifacts as name.pdf and name-N.png, and returns the PNG paths.
func savePNG(t *testing.T, pdf []byte, name string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm not found: install poppler-utils (apt-get install -y poppler-utils)")
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(artifacts, name)
	old, _ := filepath.Glob(base + "-*.png")
	for _, f := range old {
		os.Remove(f)
	}
	if err := os.WriteFile(base+".pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "80", base+".pdf", base).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pngs, _ := filepath.Glob(base + "-*.png")
	if len(pngs) == 0 {
		t.Fatalf("pdftoppm made no page of %s", name)
	}
	return pngs
}

func contains(s, sub string) bool { return strings.Contains(squash(s), squash(sub)) }
