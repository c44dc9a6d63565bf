package forms

import (
	"math"
	"slices"
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
	// Max, when set and no bar exceeds it, is where the scale ends (5 for
	// scores out of 5).
	Max float64
	// Dense sets the bars thinner and the labels smaller, for charts of
	// many bars (a month's days).
	Dense bool
}

// BarChart draws c across the content width at the cursor: one bar per
// row, labels on the left, values at the bar ends, a light scale behind.
// Negative values are drawn as zero. The chart breaks pages between bars.
func (d *Doc) BarChart(c BarChart) {
	size, barH, gap := 9.0, 5.0, 2.2
	if c.Dense {
		size, barH, gap = 8.0, 3.6, 1.1
	}
	top := 0.0
	for _, b := range c.Bars {
		top = max(top, b.Value)
	}
	if len(c.Bars) == 0 || top <= 0 {
		if c.Title != "" {
			d.Heading(c.Title, lineHeight(size))
		}
		if c.Empty != "" {
			d.Paragraph(c.Empty, Style{Size: size, Muted: true, Indent: 3})
		}
		return
	}
	whole := true
	for _, b := range c.Bars {
		whole = whole && b.Value == math.Trunc(b.Value)
	}
	scale, step := niceScale(top, whole)
	if c.Max >= top {
		scale, step = c.Max, maxStep(c.Max)
	}
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
	// The scale goes behind the bars: its ops are put where the page's
	// part of the chart began (at), once the part's height is known.
	drawScale := func(y0, y1 float64, at int) {
		p := d.cur()
		rest := slices.Clone(p.ops[at:])
		p.ops = p.ops[:at]
		for v := 0.0; v <= scale+step/2; v += step {
			gx := x0 + areaW*v/scale
			d.line(gx, y0, gx, y1, colGridLight, 0.15)
			t := formatNumber(v)
			d.text(gx-d.Width(t, 7, false)/2, y1+3, t, 7, false, colMuted)
		}
		p.ops = append(p.ops, rest...)
	}
	// Labels wrap (never cut) in their column; a row is as tall as its
	// label or its bar.
	labels := make([][]string, len(c.Bars))
	rowH := make([]float64, len(c.Bars))
	total := 0.0
	for i, b := range c.Bars {
		labels[i] = d.wrap(clean(b.Label), labelW-1, size, false)
		rowH[i] = max(barH, float64(len(labels[i]))*lineHeight(size)) + gap
		total += rowH[i]
	}
	// The title stays with the whole chart when that fits on a page, else
	// with its first bar.
	keep := total + 5
	if keep > d.freshRoom()-10 {
		keep = rowH[0] + 5
	}
	if c.Title != "" {
		d.Heading(c.Title, keep)
	} else {
		d.Ensure(keep)
	}
	start, at := d.y, len(d.cur().ops)
	for i, b := range c.Bars {
		if d.y+rowH[i]+5 > d.Bottom() {
			drawScale(start, d.y, at)
			d.Ensure(math.MaxFloat64)
			start, at = d.y, len(d.cur().ops)
		}
		mid := d.y + 0.6 + barH/2 // the bar's middle
		lh := lineHeight(size)
		ly := mid - float64(len(labels[i]))*lh/2
		for k, l := range labels[i] {
			l = strings.TrimRight(l, " ")
			d.text(x0-2-d.Width(l, size, false), baseline(ly+float64(k)*lh, size), l, size, false, colText)
		}
		w := areaW * max(b.Value, 0) / scale
		if w > 0 {
			d.rect(x0, d.y+0.6, w, barH, &colBar, nil, 0)
		}
		d.text(x0+w+1.5, baseline(mid-lh/2, size), texts[i], size, false, colText)
		d.y += rowH[i]
	}
	drawScale(start, d.y, at)
	d.y += 5
}

var colGridLight = rgb{205, 210, 218}

// niceScale returns the end of a chart's scale for values up to top (> 0)
// and the step of its ticks: the step is 1, 2, 2.5 or 5 × 10^k (at least 1
// for whole-number data) and about a quarter of top, the end a multiple of
// it, so that the scale reads in round numbers with three to five ticks.
func niceScale(top float64, whole bool) (end, step float64) {
	raw := top / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * p
	for _, f := range []float64{1, 2, 2.5, 5} {
		if f*p >= raw {
			step = f * p
			break
		}
	}
	if whole {
		step = max(step, 1)
	}
	return step * math.Ceil(top/step-1e-9), step
}

// maxStep returns the tick step of a scale that ends at end: the smallest
// 1, 2, 2.5 or 5 × 10^k of at least end/5 that divides end evenly (end
// itself when none does).
func maxStep(end float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(end/5)))
	for _, m := range []float64{1, 10, 100} {
		for _, f := range []float64{1, 2, 2.5, 5} {
			step := f * p * m
			if step >= end/5-1e-9 {
				if n := end / step; math.Abs(n-math.Round(n)) < 1e-9 {
					return step
				}
			}
		}
	}
	return end
}

// formatNumber prints v without a fraction when it is whole, else with up
// to two decimals.
func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}
