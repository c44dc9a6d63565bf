package forms

import (
	"math"
	"strconv"
	"strings"
)

// Bar is one bar of a bar chart.
type Bar struct {
	Label string
	Value float64
	// Text is printed at the end of the bar; default the value itself.
	Text string
}

// BarChart is a horizontal bar chart drawn with rectangles.
type BarChart struct {
	Title string
	Bars  []Bar
	// Empty is printed instead of the bars when there are none or all are
	// zero ("当日无数据").
	Empty string
}

// BarChart draws c across the content width at the cursor: one bar per
// row, labels on the left, values at the bar ends, a light scale behind.
// Negative values are drawn as zero. The chart breaks pages between bars.
func (d *Doc) BarChart(c BarChart) {
	const size, barH, gap = 9.0, 5.0, 2.2
	if c.Title != "" {
		d.Heading(c.Title, barH+gap+6)
	}
	top := 0.0
	for _, b := range c.Bars {
		top = max(top, b.Value)
	}
	if len(c.Bars) == 0 || top <= 0 {
		if c.Empty != "" {
			d.Paragraph(c.Empty, Style{Size: size, Muted: true, Indent: 3})
		}
		return
	}
	scale := niceCeil(top)
	labelW := 0.0
	texts := make([]string, len(c.Bars))
	textW := 0.0
	for i, b := range c.Bars {
		labelW = max(labelW, d.Width(b.Label, size, false))
		texts[i] = b.Text
		if texts[i] == "" {
			texts[i] = formatNumber(b.Value)
		}
		textW = max(textW, d.Width(texts[i], size, false))
	}
	labelW = min(labelW+2, ContentWidth*0.35)
	x0 := MarginLeft + 3 + labelW
	areaW := MarginLeft + ContentWidth - x0 - textW - 3
	drawScale := func(y0, y1 float64) {
		for k := 0; k <= 4; k++ {
			gx := x0 + areaW*float64(k)/4
			d.line(gx, y0, gx, y1, colGridLight, 0.15)
			t := formatNumber(scale * float64(k) / 4)
			d.text(gx-d.Width(t, 7, false)/2, y1+3, t, 7, false, colMuted)
		}
	}
	d.Ensure(min(float64(len(c.Bars))*(barH+gap)+6, d.Bottom()-d.top))
	start := d.y
	for i, b := range c.Bars {
		if d.Ensure(barH + gap + 5) {
			start = d.y
		}
		label := b.Label
		if lines := d.wrap(label, labelW-1, size, false); len(lines) > 1 {
			label = strings.TrimSpace(lines[0]) + "…"
		}
		d.text(x0-2-d.Width(label, size, false), baseline(d.y, size)+0.2, label, size, false, colText)
		w := areaW * max(b.Value, 0) / scale
		if w > 0 {
			d.rect(x0, d.y+0.6, w, barH, &colBar, nil, 0)
		}
		d.text(x0+w+1.5, baseline(d.y, size)+0.2, texts[i], size, false, colText)
		d.y += barH + gap
		if i == len(c.Bars)-1 || d.y+barH+gap+5 > d.Bottom() {
			drawScale(start, d.y)
			d.y += 5
		}
	}
}

var colGridLight = rgb{205, 210, 218}

// niceCeil returns the smallest of 1, 2, 2.5, 5 × 10^k not below v (v > 0),
// so that the chart's scale reads in round numbers.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*p >= v {
			return f * p
		}
	}
	return 10 * p
}

// formatNumber prints v without a fraction when it is whole, else with up
// to two decimals.
func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}
