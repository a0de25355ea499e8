package chart

import (
	"math"
	"strconv"
	"strings"
)

// Canvas limits. Below the minimum the axes, labels and legend cannot all keep a readable
// size; above the maximum a chart is a mistake. Sizes outside are moved to the limit.
const (
	MinWidth  = 160.0
	MinHeight = 120.0
	MaxSize   = 4000.0
	// DefaultWidth fits the text width of an A4 page with 2 cm margins.
	DefaultWidth = 480.0
)

// Layout constants, in points.
const (
	pad        = 8.0  // empty border around the canvas
	titleSize  = 12.0 // chart title
	labelSize  = 9.0  // category labels, legend, "no data"
	smallSize  = 8.0  // ticks, value labels, unit caption
	titleLine  = 15.0 // line pitch of the title
	labelLine  = 11.0 // line pitch of category labels
	legendRow  = 14.0 // row pitch of the legend
	unitLine   = 11.0 // height of the unit caption
	swatchSize = 8.0  // legend square
	lineSwatch = 14.0 // legend line sample
)

// fontStack names the measured font first (see the package doc), then fonts with nearly
// the same metrics, then the generic family.
const fontStack = "'DejaVu Sans Condensed', 'Liberation Sans', Arial, Helvetica, sans-serif"

// size returns a usable canvas dimension: v if it is a positive finite number, def
// otherwise, kept within [lo, MaxSize].
func size(v, def, lo float64) float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		v = def
	}
	return math.Min(math.Max(v, lo), MaxSize)
}

// canvas collects shapes while a chart is laid out.
type canvas struct {
	w, h   float64
	shapes []Shape
}

func (c *canvas) scene(title string) Scene {
	return Scene{Width: c.w, Height: c.h, Title: clean(title), Shapes: c.shapes}
}

func (c *canvas) rect(x, y, w, h float64, fill Color, title, link string) {
	c.shapes = append(c.shapes, Shape{Kind: Rect, X: x, Y: y, W: math.Max(w, 0), H: math.Max(h, 0),
		Fill: fill, Stroke: Transparent, Title: title, Link: safeLink(link)})
}

func (c *canvas) line(x1, y1, x2, y2 float64, col Color, width float64) {
	c.shapes = append(c.shapes, Shape{Kind: Line, X: x1, Y: y1, X2: x2, Y2: y2,
		Fill: Transparent, Stroke: col, StrokeWidth: width})
}

func (c *canvas) text(x, y float64, s string, size float64, a Anchor, bold bool, col Color, title string) {
	if s == "" {
		return
	}
	c.shapes = append(c.shapes, Shape{Kind: Text, X: x, Y: y, Text: s, FontSize: size, Anchor: a,
		Bold: bold, Fill: col, Stroke: Transparent, Title: title})
}

// label draws lines of text centred on x, the first line's box starting at top, with the
// full text as tooltip when the lines shortened it.
func (c *canvas) label(x, top float64, lines []string, full string, size, pitch float64, a Anchor) {
	title := ""
	if strings.Join(lines, " ") != full {
		title = full
	}
	// Centre the glyph box (ascent + descent) within the line pitch.
	base := top + (pitch-(ascent+descent)*size)/2 + ascent*size
	for i, l := range lines {
		c.text(x, base+float64(i)*pitch, l, size, a, false, inkColor, title)
	}
}

// legendItem is one entry of a legend.
type legendItem struct {
	name  string
	color Color
	line  bool // a line-and-marker sample instead of a square
}

// legendSlot is a legend entry placed at x on row.
type legendSlot struct {
	x    float64
	row  int
	text string
	item legendItem
}

func (it legendItem) swatchW() float64 {
	if it.line {
		return lineSwatch
	}
	return swatchSize
}

// headerPlan is the layout of the title, legend and unit caption above a plot.
type headerPlan struct {
	title     []string
	fullTitle string
	slots     []legendSlot
	rows      int
	more      int     // legend entries left out for lack of room
	moreX     float64 // where "+N" goes on the last row
	unit      string
	bottom    float64 // y where the plot may begin
}

// planHeader lays out the header for a canvas w wide. budget caps the header's height so a
// long title or many series cannot squeeze the plot out of a small canvas: the title loses
// its second line first, then the legend its extra rows (the unit caption is never dropped,
// since a number without its unit is misleading).
func planHeader(title string, legend []legendItem, unit string, w, budget float64) headerPlan {
	inner := w - 2*pad
	p := headerPlan{fullTitle: title, unit: truncate(unit, smallSize, false, inner)}
	if title != "" {
		p.title = wrap(title, titleSize, true, inner, 2)
	}
	titleH := func(n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(n)*titleLine + 4
	}
	unitH := 0.0
	if p.unit != "" {
		unitH = unitLine
	}
	legendH := func(rows int) float64 {
		if rows == 0 {
			return 0
		}
		return float64(rows)*legendRow + 2
	}
	minRows := min(len(legend), 1)
	if len(p.title) > 1 && titleH(len(p.title))+legendH(minRows)+unitH > budget {
		p.title = wrap(title, titleSize, true, inner, 1)
	}
	maxRows := int((budget - titleH(len(p.title)) - unitH - 2) / legendRow)
	p.layoutLegend(legend, inner, max(maxRows, 1))
	p.bottom = pad + titleH(len(p.title)) + legendH(p.rows) + unitH
	return p
}

// layoutLegend flows the entries into at most maxRows rows; entries that do not fit are
// counted in p.more and announced as "+N".
func (p *headerPlan) layoutLegend(items []legendItem, inner float64, maxRows int) {
	x, row := 0.0, 0
	for i, it := range items {
		text := truncate(it.name, labelSize, false, inner-it.swatchW()-4)
		itemW := it.swatchW() + 4 + TextWidth(text, labelSize, false)
		nx, nrow := x, row
		if nx > 0 && nx+itemW > inner {
			nx, nrow = 0, row+1
		}
		if nrow >= maxRows {
			p.more = len(items) - i
			break
		}
		x, row = nx, nrow
		p.slots = append(p.slots, legendSlot{x: x, row: row, text: text, item: it})
		x += itemW + 12
	}
	if len(p.slots) > 0 {
		p.rows = p.slots[len(p.slots)-1].row + 1
	}
	if p.more == 0 {
		return
	}
	// Make room for "+N" by giving back entries from the end of the last row.
	for len(p.slots) > 0 {
		last := p.slots[len(p.slots)-1]
		if x+TextWidth("+"+strconv.Itoa(p.more), labelSize, false) <= inner {
			break
		}
		p.slots = p.slots[:len(p.slots)-1]
		p.more++
		x = last.x
		if last.x == 0 {
			break
		}
	}
	p.moreX = x
}

// drawHeader draws a planned header.
func (c *canvas) drawHeader(p headerPlan) {
	y := pad
	if len(p.title) > 0 {
		title := ""
		if strings.Join(p.title, " ") != p.fullTitle {
			title = p.fullTitle
		}
		for _, l := range p.title {
			c.text(pad, y+ascent*titleSize, l, titleSize, Start, true, inkColor, title)
			y += titleLine
		}
		y += 4
	}
	for _, s := range p.slots {
		x := pad + s.x
		base := y + float64(s.row)*legendRow + ascent*labelSize
		if s.item.line {
			c.line(x, base-3, x+lineSwatch, base-3, s.item.color, 2)
			c.shapes = append(c.shapes, Shape{Kind: Circle, X: x + lineSwatch/2, Y: base - 3, W: 2.5,
				Fill: s.item.color, Stroke: white, StrokeWidth: 1})
		} else {
			c.rect(x, base-7, swatchSize, swatchSize, s.item.color, "", "")
		}
		c.text(x+s.item.swatchW()+4, base, s.text, labelSize, Start, false, inkColor, "")
	}
	if p.more > 0 {
		base := y + float64(max(p.rows, 1)-1)*legendRow + ascent*labelSize
		c.text(pad+p.moreX, base, "+"+strconv.Itoa(p.more), labelSize, Start, false, mutedColor, "")
	}
	if p.rows > 0 || p.more > 0 {
		y += float64(max(p.rows, 1))*legendRow + 2
	}
	if p.unit != "" {
		c.text(pad, y+ascent*smallSize, p.unit, smallSize, Start, false, mutedColor, "")
	}
}

// noData fills the space below top with the spec's "no data" message.
func (c *canvas) noData(top float64, msg string) {
	msg = clean(msg)
	if msg == "" {
		msg = "No data"
	}
	msg = truncate(msg, labelSize+1, false, c.w-2*pad)
	base := (top+c.h-pad)/2 + midline*(labelSize+1)
	c.text(c.w/2, base, msg, labelSize+1, Middle, false, mutedColor, "")
}

// safeLink returns href if a report may link to it (a relative reference, or an http,
// https or mailto URL) and "" otherwise, so that no label data can smuggle in a
// javascript: URL.
func safeLink(href string) string {
	href = strings.TrimSpace(clean(href))
	i := strings.IndexAny(href, ":/?#")
	if i < 0 || href[i] != ':' {
		return href // relative: no scheme
	}
	switch strings.ToLower(href[:i]) {
	case "http", "https", "mailto":
		return href
	}
	return ""
}

// tooltip is the text shown over a bar or marker: "2019 — Adopted: 17", or "2019: 17" for
// an unnamed series.
func tooltip(category, series, value string) string {
	s := category
	if series != "" {
		if s != "" {
			s += " — "
		}
		s += series
	}
	if s == "" {
		return value
	}
	return s + ": " + value
}

// formatter returns f, or FormatNumber when f is nil, with its output cleaned for drawing.
func formatter(f func(float64) string) func(float64) string {
	if f == nil {
		f = FormatNumber
	}
	return func(v float64) string { return clean(f(v)) }
}
