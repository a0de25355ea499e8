package pdf

import (
	"secretariat/internal/report"
)

// table is a table of a section: a caption (may be empty), columns and rows of text.
type table struct {
	caption string
	cols    []column
	rows    []row
}

// column is a table column: its heading, its share of the text width, and whether its
// figures are set flush right.
type column struct {
	head  string
	share float64
	right bool
}

// row is a table row. beside marks a figure shown beside the counted one, set apart as
// on the HTML page.
type row struct {
	cells  []string
	beside bool
}

// tableOf converts a table of the composed review.
func tableOf(t *report.Table) table {
	out := table{caption: t.Caption}
	for _, c := range t.Columns {
		out.cols = append(out.cols, column{head: c.Head, share: c.Share, right: c.Right})
	}
	for _, r := range t.Rows {
		out.rows = append(out.rows, row{cells: r.Cells, beside: r.Marked})
	}
	return out
}

// table draws a table across the text width. Cell text wraps within its column and rows
// grow to fit; a row that does not fit on the rest of the page moves to the next, under
// a repeated heading row, and only a row taller than a whole page is split.
func (d *doc) table(t table) {
	if len(t.cols) == 0 {
		return
	}
	body := style{size: tableSize, color: inkColor}
	head := style{size: tableSize, bold: true, color: inkColor}
	widths := make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = c.share * textW
	}
	cellLines := func(cells []string, st style) [][][]token {
		out := make([][][]token, len(t.cols))
		for i := range t.cols {
			if i < len(cells) {
				out[i] = d.layout(tokenize([]span{{cells[i], st}}), widths[i]-2*tablePad)
			}
		}
		return out
	}
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	headLines := cellLines(heads, head)
	headH := float64(maxLines(headLines))*tableLead + 2*tablePad
	drawHead := func() {
		d.fillRect(margin, d.y, textW, headH, headFill)
		d.cells(t.cols, widths, headLines, head, 0, maxLines(headLines))
		d.y += headH
		d.f.SetDrawColor(0x99, 0x99, 0x99)
		d.f.SetLineWidth(0.6)
		d.f.Line(margin, d.y, margin+textW, d.y)
	}
	captionH := 0.0
	if t.caption != "" {
		captionH = smallLead + 2
	}
	// The caption and the heading row stay with the first row, or its first lines.
	first := 1
	if len(t.rows) > 0 {
		first = min(maxLines(cellLines(t.rows[0].cells, body)), 3)
	}
	d.room(captionH + headH + float64(first)*tableLead + 2*tablePad)
	if t.caption != "" {
		d.flow([]span{{t.caption, style{size: smallSize, bold: true, color: mutedColor}}}, margin, textW, smallLead, nil)
		d.y += 2
	}
	drawHead()
	fullPage := int((bottom - top - headH - 2*tablePad) / tableLead)
	for _, rw := range t.rows {
		st := body
		if rw.beside {
			st.color = besideColor
		}
		lines := cellLines(rw.cells, st)
		done, total := 0, maxLines(lines)
		for done < total || total == 0 {
			left := total - done
			fit := int((bottom - d.y - 2*tablePad) / tableLead)
			n := left
			if left > fit {
				if left <= fullPage || fit < 1 {
					// The row fits on a page of its own: move it whole.
					d.newPage()
					drawHead()
					continue
				}
				n = fit
			}
			h := float64(max(n, 1))*tableLead + 2*tablePad
			if rw.beside {
				d.fillRect(margin, d.y, textW, h, besideFill)
			}
			d.cells(t.cols, widths, lines, st, done, done+n)
			d.y += h
			d.f.SetDrawColor(0xdd, 0xdd, 0xdd)
			d.f.SetLineWidth(0.5)
			d.f.Line(margin, d.y, margin+textW, d.y)
			done += n
			if total == 0 {
				break
			}
		}
	}
}

// cells writes lines [from, to) of each cell of a row whose box starts at the cursor.
func (d *doc) cells(cols []column, widths []float64, lines [][][]token, st style, from, to int) {
	x := margin
	for i, c := range cols {
		for k := from; k < to && k < len(lines[i]); k++ {
			line := lines[i][k]
			lx := x + tablePad
			if c.right {
				lx = x + widths[i] - tablePad - lineWidth(line)
			}
			d.drawLine(line, lx, baseline(d.y+tablePad+float64(k-from)*tableLead, tableLead, st.size))
		}
		x += widths[i]
	}
}

func maxLines(cells [][][]token) int {
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}
