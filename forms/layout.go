package forms

import (
	"math"
	"strings"
)

// Align is the horizontal alignment of text in a cell.
type Align uint8

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Cell padding, in millimetres.
const (
	padX = 1.8
	padY = 1.2
)

// cell is one box of a row: its lines are already wrapped to its width.
type cell struct {
	x, w   float64
	lines  []string
	size   float64
	bold   bool
	align  Align
	middle bool // centre the lines vertically when the row is taller
	fill   *rgb
	color  rgb
}

// newCell wraps text to fit a cell of width w at size points.
func (d *Doc) newCell(x, w float64, text string, size float64, bold bool) cell {
	return cell{x: x, w: w, lines: d.wrap(clean(text), w-2*padX, size, bold), size: size, bold: bold, color: colText}
}

// wrap breaks text into lines no wider than w millimetres at size points
// (see wrap.go for the rules).
func (d *Doc) wrap(text string, w, size float64, bold bool) []string {
	maxW := int64(w / (size * ptToMM) * 1000)
	fs := d.e.fonts
	return wrap(text, maxW, func(r rune) int32 { return fs.runeWidth(r, bold) })
}

// row draws cells side by side as one bordered row at the cursor and moves
// the cursor under it. The row is as tall as its tallest cell and at least
// minH. A row that does not fit below the cursor moves to a new page; a row
// taller than a whole page is split between lines over pages, so that no
// line is ever cut off.
func (d *Doc) row(cells []cell, minH float64) {
	offs := make([]int, len(cells))
	first := true
	for {
		need := minH
		if !first {
			need = 0
		}
		for i, c := range cells {
			need = max(need, float64(len(c.lines)-offs[i])*lineHeight(c.size)+2*padY)
		}
		avail := d.Bottom() - d.y
		if need <= avail+1e-6 {
			d.drawCells(cells, offs, nil, need)
			d.y += need
			return
		}
		minLines := math.MaxFloat64
		for _, c := range cells {
			minLines = min(minLines, 3*lineHeight(c.size)+2*padY)
		}
		if d.y > d.top+0.5 && (need <= d.freshRoom() || avail < minLines) {
			// Not at the top of a page and it fits on a fresh one (or
			// hardly a line fits here): move the row over.
			d.Ensure(math.MaxFloat64)
			continue
		}
		// Taller than a page: draw the lines that fit, continue overleaf.
		take := make([]int, len(cells))
		progress := false
		for i, c := range cells {
			n := int((avail - 2*padY) / lineHeight(c.size))
			take[i] = max(0, min(n, len(c.lines)-offs[i]))
			progress = progress || take[i] > 0
		}
		if !progress {
			return // cannot happen on a page that has room for one line
		}
		d.drawCells(cells, offs, take, avail)
		for i := range offs {
			offs[i] += take[i]
		}
		first = false
		d.y += avail
		d.Ensure(math.MaxFloat64)
	}
}

// drawCells draws cells h tall at the cursor with lines [offs[i],
// offs[i]+take[i]) of each (all remaining lines when take is nil).
func (d *Doc) drawCells(cells []cell, offs, take []int, h float64) {
	for i, c := range cells {
		d.rect(c.x, d.y, c.w, h, c.fill, &colGrid, 0.2)
		lines := c.lines[offs[i]:]
		if take != nil {
			lines = lines[:take[i]]
		}
		lh := lineHeight(c.size)
		top := d.y + padY
		if c.middle && take == nil {
			top = d.y + (h-float64(len(lines))*lh)/2
		}
		for j, l := range lines {
			l = strings.TrimRight(l, " \u3000")
			x := c.x + padX
			switch c.align {
			case Center:
				x = c.x + (c.w-d.Width(l, c.size, c.bold))/2
			case Right:
				x = c.x + c.w - padX - d.Width(l, c.size, c.bold)
			}
			d.text(x, baseline(top+float64(j)*lh, c.size), l, c.size, c.bold, c.color)
		}
	}
}

// Field is a label and its value in a field grid.
type Field struct {
	Label string
	Value string
	// Span is how many of the grid's columns the field takes (default 1);
	// the last field of a row is widened to fill it.
	Span int
	// Strong sets the value large and bold (a booking code, a total).
	Strong bool
	// Lines is the least number of lines the value's box is tall: room to
	// write by hand (a customer's remarks).
	Lines int
}

// Fields draws a grid of label–value boxes across the content width, cols
// fields to a row. Labels are shaded; values wrap inside their box.
func (d *Doc) Fields(cols int, fields ...Field) {
	d.FieldsAt(MarginLeft, ContentWidth, cols, fields...)
}

// FieldsAt draws a field grid (see Fields) w millimetres wide starting at x,
// leaving the rest of the line free (for a QR code beside it).
func (d *Doc) FieldsAt(x, w float64, cols int, fields ...Field) {
	const labelSize, valueSize, strongSize = 9, 10.5, 15
	cols = max(cols, 1)
	pw := w / float64(cols)
	labelW := 0.0
	for _, f := range fields {
		labelW = max(labelW, d.Width(f.Label, labelSize, false)+2*padX+0.5)
	}
	labelW = min(max(labelW, 18), pw*0.45)

	var rowFields []Field
	used := 0
	flush := func() {
		if len(rowFields) == 0 {
			return
		}
		rowFields[len(rowFields)-1].Span += cols - used
		var cells []cell
		cx := x
		for _, f := range rowFields {
			fw := pw * float64(f.Span)
			l := d.newCell(cx, labelW, f.Label, labelSize, false)
			l.fill, l.color, l.middle = &colShade, colMuted, true
			size, bold := valueSize, false
			if f.Strong {
				size, bold = strongSize, true
			}
			v := d.newCell(cx+labelW, fw-labelW, f.Value, size, bold)
			v.middle = f.Lines == 0
			for len(v.lines) < f.Lines {
				v.lines = append(v.lines, "")
			}
			cells = append(cells, l, v)
			cx += fw
		}
		d.row(cells, lineHeight(valueSize)+2*padY+1)
		rowFields, used = rowFields[:0], 0
	}
	for _, f := range fields {
		f.Span = min(max(f.Span, 1), cols)
		if used+f.Span > cols {
			flush()
		}
		rowFields = append(rowFields, f)
		used += f.Span
	}
	flush()
}

// Column is a table column.
type Column struct {
	Title string
	// Width is the column's share of the table's width, relative to the
	// other columns' (0 counts as 1).
	Width float64
	Align Align
}

// Table is a table with a header row that repeats on every page it runs
// over.
type Table struct {
	Columns []Column
	Rows    [][]string
	// Footer is an optional last row set in bold (totals).
	Footer []string
	// Empty is printed across the table when it has no rows ("无记录").
	Empty string
	// Size is the font size of the cells; default 9.5 points.
	Size float64
}

// Table draws t across the content width at the cursor. Cells wrap; a row
// that does not fit moves to the next page under a repeated header row.
func (d *Doc) Table(t Table) {
	size := t.Size
	if size == 0 {
		size = 9.5
	}
	total := 0.0
	for _, c := range t.Columns {
		total += colWeight(c)
	}
	xs := make([]float64, len(t.Columns)+1)
	xs[0] = MarginLeft
	for i, c := range t.Columns {
		xs[i+1] = xs[i] + ContentWidth*colWeight(c)/total
	}
	mk := func(vals []string, bold bool, fill *rgb, header bool) []cell {
		cells := make([]cell, len(t.Columns))
		for i, c := range t.Columns {
			v := ""
			if i < len(vals) {
				v = vals[i]
			}
			cells[i] = d.newCell(xs[i], xs[i+1]-xs[i], v, size, bold)
			cells[i].align, cells[i].fill, cells[i].middle = c.Align, fill, true
			if header {
				cells[i].align = Center
			}
		}
		return cells
	}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	header := func() { d.row(mk(titles, true, &colHead, true), 0) }
	headerH := 0.0
	for _, c := range mk(titles, true, nil, true) {
		headerH = max(headerH, float64(len(c.lines))*lineHeight(c.size)+2*padY)
	}

	// Keep the header with the first row.
	d.Ensure(2 * (lineHeight(size) + 2*padY))
	header()
	prev, prevH := d.onBreak, d.breakH
	d.onBreak = func() {
		if prev != nil {
			prev()
		}
		header()
	}
	d.breakH += headerH
	defer func() { d.onBreak, d.breakH = prev, prevH }()

	if len(t.Rows) == 0 && t.Empty != "" {
		c := d.newCell(MarginLeft, ContentWidth, t.Empty, size, false)
		c.align, c.color = Center, colMuted
		d.row([]cell{c}, 0)
	}
	for i, r := range t.Rows {
		var fill *rgb
		if i%2 == 1 {
			fill = &colZebra
		}
		d.row(mk(r, false, fill, false), 0)
	}
	if t.Footer != nil {
		d.row(mk(t.Footer, true, &colShade, false), 0)
	}
}

var colZebra = rgb{248, 249, 251}

func colWeight(c Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
}

// Style is how a paragraph is set.
type Style struct {
	Size  float64 // points; default 10
	Bold  bool
	Muted bool // grey
	Align Align
	// Indent moves the paragraph right by this many millimetres.
	Indent float64
}

// Paragraph sets text across the content width, wrapped with the engine's
// rules (no character dropped, no line starting with closing punctuation);
// a newline starts a new line. It breaks pages between lines.
func (d *Doc) Paragraph(text string, st Style) {
	if st.Size == 0 {
		st.Size = 10
	}
	c := colText
	if st.Muted {
		c = colMuted
	}
	x, w := MarginLeft+st.Indent, ContentWidth-st.Indent
	lh := lineHeight(st.Size)
	for _, l := range d.wrap(clean(text), w, st.Size, st.Bold) {
		d.Ensure(lh)
		l = strings.TrimRight(l, " \u3000")
		lx := x
		switch st.Align {
		case Center:
			lx = x + (w-d.Width(l, st.Size, st.Bold))/2
		case Right:
			lx = x + w - d.Width(l, st.Size, st.Bold)
		}
		d.text(lx, baseline(d.y, st.Size), l, st.Size, st.Bold, c)
		d.y += lh
	}
}

// Heading starts a section: bold text with an accent bar, kept on the same
// page as at least keep millimetres of what follows.
func (d *Doc) Heading(text string, keep float64) {
	const size = 11.5
	lh := lineHeight(size)
	d.Ensure(lh + 2 + keep)
	d.y += 1
	d.rect(MarginLeft, d.y+1, 1.2, lh-2, &colAccent, nil, 0)
	d.text(MarginLeft+3, baseline(d.y, size), strings.ReplaceAll(clean(text), "\n", " "), size, true, colText)
	d.y += lh + 1
}

// Signatures draws a row of signature boxes across the content width, one
// per label ("客户签字 Customer"), each with a line to sign on and a place
// for the date. The boxes stay together on one page.
func (d *Doc) Signatures(labels ...string) {
	if len(labels) == 0 {
		return
	}
	const gap, size = 4.0, 9.5
	w := (ContentWidth - gap*float64(len(labels)-1)) / float64(len(labels))
	wrapped := make([][]string, len(labels))
	h := 26.0
	for i, l := range labels {
		wrapped[i] = d.wrap(clean(l), w-6, size, true)
		h = max(h, 18+float64(len(wrapped[i]))*lineHeight(size))
	}
	d.Ensure(h)
	for i, lines := range wrapped {
		x := MarginLeft + float64(i)*(w+gap)
		d.rect(x, d.y, w, h, nil, &colGrid, 0.3)
		for j, line := range lines {
			d.text(x+3, baseline(d.y+2+float64(j)*lineHeight(size), size), strings.TrimRight(line, " "), size, true, colText)
		}
		d.line(x+3, d.y+h-8, x+w-3, d.y+h-8, colRule, 0.3)
		sign := d.T("form.layout.signature")
		date := d.T("form.layout.date")
		d.text(x+3, d.y+h-3.5, sign, 8, false, colMuted)
		d.text(x+w-3-d.Width(date, 8, false), d.y+h-3.5, date, 8, false, colMuted)
	}
	d.y += h
}

// Check is one item of a checklist.
type Check struct {
	Label   string
	Checked bool
}

// Checklist draws items in cols columns across the content width, each a
// box (ticked when Checked, drawn with lines: the fonts have no ☑) and its
// label. Used for lists to tick on paper, such as the belongings list
// 随车物品清单 (INT-5). It breaks pages between rows.
func (d *Doc) Checklist(cols int, items ...Check) {
	const size, box = 10.0, 3.4
	cols = max(cols, 1)
	cw := ContentWidth / float64(cols)
	lh := lineHeight(size) + 1.2
	for i := 0; i < len(items); i += cols {
		row := items[i:min(i+cols, len(items))]
		lines := make([][]string, len(row))
		h := lh
		for j, it := range row {
			lines[j] = d.wrap(clean(it.Label), cw-box-4, size, false)
			h = max(h, float64(len(lines[j]))*lineHeight(size)+1.2)
		}
		d.Ensure(h)
		for j, it := range row {
			x := MarginLeft + float64(j)*cw
			by := d.y + (lineHeight(size)-box)/2
			d.rect(x+0.5, by, box, box, nil, &colRule, 0.3)
			if it.Checked {
				d.line(x+0.5+box*0.18, by+box*0.52, x+0.5+box*0.42, by+box*0.78, colText, 0.45)
				d.line(x+0.5+box*0.42, by+box*0.78, x+0.5+box*0.85, by+box*0.2, colText, 0.45)
			}
			for k, l := range lines[j] {
				d.text(x+box+2.5, baseline(d.y+float64(k)*lineHeight(size), size), strings.TrimRight(l, " "), size, false, colText)
			}
		}
		d.y += h
	}
}
