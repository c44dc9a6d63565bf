package frontoffice

import (
	"strings"
	"testing"
)

// SUR-2: 4-5 everywhere without a comment → a short call; 2 or less →
// a complaint, on the lowest question.
func TestSurveyResultSUR2(t *testing.T) {
	cases := []struct {
		r     SurveyResult
		short bool
		low   int
	}{
		{SurveyResult{Scores: [4]int{5, 4, 5, 4}}, true, -1},
		{SurveyResult{Scores: [4]int{5, 4, 5, 4}, Comment: "很好"}, false, -1},
		{SurveyResult{Scores: [4]int{5, 3, 5, 4}}, false, -1},
		{SurveyResult{Scores: [4]int{5, 2, 1, 4}}, false, QOnTime},
		{SurveyResult{Scores: [4]int{2, 4, 5, 4}}, false, QOverall},
		{SurveyResult{Scores: [4]int{0, 0, 0, 0}}, false, -1},
	}
	for _, c := range cases {
		q, low := c.r.Low()
		if c.r.Short() != c.short || q != c.low || low != (c.low >= 0) {
			t.Errorf("%+v: short %v low %d %v", c.r, c.r.Short(), q, low)
		}
	}
	if SurveyCategory(QOnTime) != "time" || SurveyCategory(QOverall) != "other" {
		t.Errorf("categories")
	}
	sv := Survey{ID: 9, Plate: "京B11111"}
	if sv.Next() != QOverall {
		t.Errorf("next %d", sv.Next())
	}
	sv.Scores = [4]int{5, 5, 5, 5}
	if sv.Next() != QComment {
		t.Errorf("next %d", sv.Next())
	}
	sv.Status = SurveyDone
	if sv.Next() != -1 {
		t.Errorf("next %d", sv.Next())
	}
	st := DefaultSettings()
	text, buttons := SurveyQuestion(&st, sv, QOverall, EN)
	if !strings.Contains(text, "京B·11111") || !strings.Contains(text, "(1/4)") || len(buttons[0]) != 5 || buttons[0][4].Data != "sv:9:0:5" {
		t.Errorf("question %q %+v", text, buttons)
	}
	if err := ValidateScores([4]int{1, 5, 3, 6}); err == nil {
		t.Errorf("score 6 accepted")
	}
}

// Callback data of survey buttons: what SurveyData writes parses back,
// nothing else does, never over 64 bytes.
func FuzzParseSurveyData(f *testing.F) {
	for _, s := range []string{"sv:1:0:5", "sv:1:4:0", "sv:1:4:1", "sv:1:3:6", "sv:0:0:1", "sv:1:0:5:", "sv:18446744073709551615:3:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, q, score, ok := ParseSurveyData(s)
		if !ok {
			return
		}
		if back := SurveyData(id, q, score); back != s || len(back) > MaxCallbackData || id == 0 {
			t.Errorf("%q parsed as %d %d %d, written back %q", s, id, q, score, back)
		}
	})
}
