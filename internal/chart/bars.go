package chart

import (
	"errors"
	"fmt"
	"math"
)

// Series is one named row of values: one value per category of a bar chart, or per label
// of a line chart.
type Series struct {
	// Name labels the series in the legend and tooltips, e.g. "Принято" / "Adopted".
	Name string
	// Values holds one value per category or label, in the same order.
	Values []float64
	// Color overrides the series colour; nil takes SeriesColor of the series' index.
	Color *Color
	// Links optionally holds one link target per value ("" for none), e.g. the page
	// listing the items a bar counts.
	Links []string
}

// BarSpec describes a bar chart, drawn by Bars (vertical bars) or HBars (horizontal bars).
//
// Bars measure quantities, so values must be finite, non-negative and at most MaxValue;
// Validate refuses anything else. Given such values anyway, the chart functions draw
// negative and NaN values as 0 and clamp the rest into [0, MaxValue], and treat missing
// values (a series shorter than Categories) as 0 and ignore extra ones, rather than fail
// in the middle of rendering a report.
type BarSpec struct {
	// Title is the chart's accessible name, also drawn above the chart unless HideTitle.
	Title string
	// HideTitle leaves the title off the canvas, for when the page captions the figure
	// itself; the scene still carries it for accessibility.
	HideTitle bool
	// Width and Height are the canvas size in points. Zero takes the default: 480 × 300
	// for Bars; for HBars a height that gives every category a readable band. Sizes are
	// kept within [MinWidth, MaxSize] × [MinHeight, MaxSize].
	Width, Height float64
	// Categories label the bars or groups of bars, e.g. years or task statuses.
	Categories []string
	// Series hold the values; more than one series draws grouped (or stacked) bars and a
	// legend.
	Series []Series
	// Stacked stacks the series of a category into one bar, with the total above it,
	// instead of grouping them side by side.
	Stacked bool
	// Unit is an optional caption for the value axis, e.g. "вопросов" or "items".
	Unit string
	// Format writes values for labels, ticks and tooltips; nil means FormatNumber.
	Format func(float64) string
	// NoData is the message shown when there are no categories or no series; the default
	// is "No data".
	NoData string
}

// Validate reports what is wrong with the spec's data, all problems at once, or nil.
func (s BarSpec) Validate() error {
	var errs []error
	errs = append(errs, validSize(s.Width, s.Height)...)
	errs = append(errs, validSeries(s.Series, len(s.Categories), "categories")...)
	for i, se := range s.Series {
		for j, v := range se.Values {
			if !finite(v) || v < 0 || v > MaxValue {
				errs = append(errs, fmt.Errorf("chart: series %d (%q) value %d is %v; bar values must be finite, non-negative and at most %v", i, se.Name, j, v, MaxValue))
			}
		}
	}
	return errors.Join(errs...)
}

func validSize(w, h float64) []error {
	var errs []error
	for _, d := range []struct {
		name string
		v    float64
	}{{"width", w}, {"height", h}} {
		if math.IsNaN(d.v) || math.IsInf(d.v, 0) || d.v < 0 {
			errs = append(errs, fmt.Errorf("chart: %s is %v; it must be 0 (default) or a positive number of points", d.name, d.v))
		}
	}
	return errs
}

// validSeries checks what bar and line series have in common: one value (and at most one
// link) per position, names to tell several series apart, and no more series than the
// palette can tell apart. what names the positions in messages: "categories" or "labels".
func validSeries(series []Series, n int, what string) []error {
	var errs []error
	if len(series) > len(Palette()) {
		errs = append(errs, fmt.Errorf("chart: %d series; more than %d cannot be told apart by colour", len(series), len(Palette())))
	}
	for i, se := range series {
		if len(se.Values) != n {
			errs = append(errs, fmt.Errorf("chart: series %d (%q) has %d values for %d %s", i, se.Name, len(se.Values), n, what))
		}
		if len(se.Links) != 0 && len(se.Links) != n {
			errs = append(errs, fmt.Errorf("chart: series %d (%q) has %d links for %d %s", i, se.Name, len(se.Links), n, what))
		}
		if len(series) > 1 && clean(se.Name) == "" {
			errs = append(errs, fmt.Errorf("chart: series %d has no name for the legend", i))
		}
	}
	return errs
}

// barData is a BarSpec cleaned for drawing.
type barData struct {
	cats    []string
	names   []string
	colors  []Color
	vals    [][]float64 // [series][category], clamped into [0, MaxValue]
	links   [][]string  // [series][category]
	stacked bool
	integer bool    // all values are whole numbers, so ticks step by at least 1
	max     float64 // the longest bar: largest value, or largest stack
	format  func(float64) string
}

func prepareBars(spec BarSpec) barData {
	n, m := len(spec.Categories), len(spec.Series)
	d := barData{
		cats: make([]string, n), names: make([]string, m), colors: make([]Color, m),
		vals: make([][]float64, m), links: make([][]string, m),
		stacked: spec.Stacked && m > 1, integer: true, format: formatter(spec.Format),
	}
	for i, c := range spec.Categories {
		d.cats[i] = clean(c)
	}
	for j, se := range spec.Series {
		d.names[j] = clean(se.Name)
		d.colors[j] = seriesColor(se, j)
		d.vals[j] = make([]float64, n)
		d.links[j] = make([]string, n)
		for i := range n {
			if i < len(se.Values) {
				d.vals[j][i] = clampBar(se.Values[i])
			}
			if i < len(se.Links) {
				d.links[j][i] = se.Links[i]
			}
			if d.vals[j][i] != math.Trunc(d.vals[j][i]) {
				d.integer = false
			}
		}
	}
	for i := range n {
		sum := 0.0
		for j := range m {
			if d.stacked {
				sum += d.vals[j][i]
			} else {
				sum = math.Max(sum, d.vals[j][i])
			}
		}
		d.max = math.Max(d.max, sum)
	}
	return d
}

func seriesColor(se Series, i int) Color {
	if se.Color != nil {
		return *se.Color
	}
	return SeriesColor(i)
}

// clampBar maps a value onto what a bar can show: a length in [0, MaxValue].
func clampBar(v float64) float64 {
	if !(v > 0) { // negative, zero or NaN
		return 0
	}
	return math.Min(v, MaxValue)
}

func (d barData) empty() bool { return len(d.cats) == 0 || len(d.vals) == 0 }

// legend lists the series when there are several to tell apart.
func (d barData) legend() []legendItem {
	if len(d.names) < 2 {
		return nil
	}
	items := make([]legendItem, len(d.names))
	for j := range d.names {
		items[j] = legendItem{name: d.names[j], color: d.colors[j]}
	}
	return items
}

func (d barData) tip(j, i int) string {
	return tooltip(d.cats[i], d.names[j], d.format(d.vals[j][i]))
}

// valueLabel picks the largest of the value-label sizes at which text is at most maxW
// wide, or 0 when none is.
func valueLabel(text string, maxW float64) float64 {
	for _, fs := range []float64{smallSize, 7, 6} {
		if TextWidth(text, fs, false) <= maxW {
			return fs
		}
	}
	return 0
}

// title is the title drawn on the canvas: none when the page captions the chart.
func (s BarSpec) title() string {
	if s.HideTitle {
		return ""
	}
	return clean(s.Title)
}

// tickLabels writes the ticks of a scale, and gives the width of the widest.
func tickLabels(sc scale, format func(float64) string) ([]string, float64) {
	text := make([]string, len(sc.ticks))
	for i, t := range sc.ticks {
		text[i] = format(t)
	}
	return text, widest(text, smallSize)
}

// widest is the width of the widest of texts at size.
func widest(texts []string, size float64) float64 {
	w := 0.0
	for _, s := range texts {
		w = math.Max(w, TextWidth(s, size, false))
	}
	return w
}

// barSize is how thick bars are across their length: each bar, a category's group of
// bars, and the hairline between neighbours.
type barSize struct{ bar, group, gap float64 }

// sizeBars fits a category's bars into room: one bar (stacked, or a single series) at
// most single thick, or bars side by side at most grouped thick each. Thicker ones look
// like blocks rather than bars when there are few categories.
func sizeBars(room float64, m int, stacked bool, single, grouped float64) barSize {
	if stacked || m == 1 {
		b := math.Min(room, single)
		return barSize{bar: b, group: b}
	}
	b := math.Min(room/float64(m), grouped)
	s := barSize{bar: b, group: b * float64(m)}
	if b >= 6 {
		s.gap = 1 // a hairline between neighbours keeps similar colours apart
	}
	return s
}

// Bars draws a vertical bar chart: categories along the x axis, values up the y axis with
// nice ticks, one bar per series in each category (side by side, or stacked), each bar
// labelled with its value where the label fits, and a legend when there are several series.
//
// Category labels are centred under their category and may wrap to two lines; a label
// still too long is shortened with "…". When categories are so many that not even a few
// characters fit under each, only every k-th category is labelled. A value label that does
// not fit above its bar (or inside its stacked segment) is left out; the bar's tooltip
// still gives the value. A non-zero value never draws a bar shorter than 1 pt, so it cannot
// be mistaken for zero. Zero values draw no bar; in grouped charts they are labelled "0".
func Bars(spec BarSpec) Scene {
	w, h := size(spec.Width, DefaultWidth, MinWidth), size(spec.Height, 300, MinHeight)
	c := &canvas{w: w, h: h}
	d := prepareBars(spec)
	hp := planHeader(spec.title(), d.legend(), clean(spec.Unit), w, 0.4*h-pad)
	c.drawHeader(hp)
	if d.empty() {
		c.noData(hp.bottom, spec.NoData)
		return c.scene(spec.Title)
	}
	n := len(d.cats)

	// Value labels above the tallest bar need room below the header.
	p := columnPlot{top: hp.bottom + smallSize + 2}
	bottomFor := func(lines int) float64 { return 4 + float64(lines)*labelLine + pad }
	maxLines := 2
	if h-p.top-bottomFor(2) < 0.4*h {
		maxLines = 1
	}
	// The ticks depend on the plot height, which depends on how many lines the category
	// labels take, which depends on the plot width left of the tick labels: estimate the
	// height with the most lines and keep the resulting ticks.
	p.sc = niceScale(0, d.max, tickTarget(h-p.top-bottomFor(maxLines), 36), d.integer)
	tickText, tickW := tickLabels(p.sc, d.format)
	tickW = math.Min(tickW, 0.3*w)
	x0, x1 := pad+tickW+4, w-pad
	p.slot = (x1 - x0) / float64(n)
	center := func(i int) float64 { return x0 + p.slot*(float64(i)+0.5) }

	k := thinStep(p.slot, math.Min(widest(d.cats, labelSize), 5*charEm*labelSize)+4, n)
	labels := make([][]string, n)
	lines := 1
	for i := 0; i < n; i += k {
		cx := center(i)
		lw := math.Min(p.slot*float64(k)-4, 2*math.Min(cx-pad, w-pad-cx))
		labels[i] = wrap(d.cats[i], labelSize, false, lw, maxLines)
		lines = max(lines, len(labels[i]))
	}
	p.bottom = h - bottomFor(lines)
	p.h = p.bottom - p.top

	for i, t := range p.sc.ticks {
		y := p.y(t)
		if t != 0 {
			c.line(x0, y, x1, y, gridColor, 0.5)
		}
		c.text(x0-4, y+midline*smallSize, truncate(tickText[i], smallSize, false, tickW), smallSize, End, false, mutedColor, "")
	}
	// Bars are at most 36 pt wide side by side, 56 pt stacked or single.
	bw := sizeBars(p.slot*0.8, len(d.vals), d.stacked, 56, 36)
	var valueLabels []pendingLabel
	for i := range n {
		if d.stacked {
			valueLabels = append(valueLabels, c.stackedColumn(d, i, center(i), bw, p)...)
		} else {
			valueLabels = append(valueLabels, c.groupedColumn(d, i, center(i), bw, p)...)
		}
	}
	c.line(x0, p.bottom, x1, p.bottom, axisColor, 1)
	// Value labels are drawn last, over the bars of neighbouring categories.
	for _, l := range valueLabels {
		c.text(l.x, l.y, l.text, l.size, Middle, false, l.col, "")
	}
	for i := 0; i < n; i += k {
		c.label(center(i), p.bottom+4, labels[i], d.cats[i], labelSize, labelLine, Middle)
	}
	return c.scene(spec.Title)
}

// columnPlot is where Bars draws: the plot's top, bottom and height, the width of a
// category's slot, and the value scale.
type columnPlot struct {
	top, bottom, h, slot float64
	sc                   scale
}

func (p columnPlot) y(v float64) float64 { return p.bottom - p.sc.pos(v)*p.h }

// pendingLabel is a value label placed but not yet drawn.
type pendingLabel struct {
	x, y, size float64
	text       string
	col        Color
}

// stackedColumn draws category i's series as one stacked bar centred on cx, and returns
// the labels of its segments and of its total.
func (c *canvas) stackedColumn(d barData, i int, cx float64, bw barSize, p columnPlot) []pendingLabel {
	var out []pendingLabel
	gx := cx - bw.group/2
	cursor, total := p.bottom, 0.0
	for j := range d.vals {
		v := d.vals[j][i]
		total += v
		if v == 0 {
			continue
		}
		top := math.Max(math.Min(p.y(total), cursor-1), p.top)
		c.rect(gx, top, bw.bar, cursor-top, d.colors[j], d.tip(j, i), d.links[j][i])
		text := d.format(v)
		if fs := valueLabel(text, bw.bar-2); fs > 0 && cursor-top >= fs+2 {
			out = append(out, pendingLabel{cx, (top+cursor)/2 + midline*fs, fs, text, textOn(d.colors[j])})
		}
		cursor = top
	}
	text := d.format(total)
	if fs := valueLabel(text, p.slot-2); fs > 0 {
		out = append(out, pendingLabel{cx, cursor - 2, fs, text, inkColor})
	}
	return out
}

// groupedColumn draws category i's series side by side, centred on cx, and returns their
// value labels.
func (c *canvas) groupedColumn(d barData, i int, cx float64, bw barSize, p columnPlot) []pendingLabel {
	var out []pendingLabel
	m := len(d.vals)
	gx := cx - bw.group/2
	// Labels of neighbouring bars keep 1.5 pt apart, or they run together into one
	// unreadable number.
	room := bw.bar - 1.5
	if m == 1 {
		room = p.slot - 2
	}
	for j := range m {
		v := d.vals[j][i]
		bx := gx + bw.bar*float64(j)
		top := p.bottom
		col := inkColor
		if v > 0 {
			top = math.Min(p.y(v), p.bottom-1)
			c.rect(bx+bw.gap/2, top, bw.bar-bw.gap, p.bottom-top, d.colors[j], d.tip(j, i), d.links[j][i])
		} else {
			col = mutedColor
		}
		text := d.format(v)
		if fs := valueLabel(text, room); fs > 0 {
			out = append(out, pendingLabel{bx + bw.bar/2, top - 2, fs, text, col})
		}
	}
	return out
}

// HBars draws a horizontal bar chart: categories down the left side, where long labels
// have room, values along the x axis. It is the better choice for long Russian category
// names. Series, stacking, value labels and links work as in Bars.
//
// With Height zero the canvas is as tall as the categories need (a band of at least 20 pt
// each). Category labels take at most 40% of the width, wrap to two lines when the band is
// tall enough, and are shortened with "…" beyond that.
func HBars(spec BarSpec) Scene {
	d := prepareBars(spec)
	n := len(d.cats)
	w := size(spec.Width, DefaultWidth, MinWidth)
	h, budget, axisH := hbarsHeight(spec, d, w)
	c := &canvas{w: w, h: h}
	hp := planHeader(spec.title(), d.legend(), clean(spec.Unit), w, budget)
	c.drawHeader(hp)
	if d.empty() {
		c.noData(hp.bottom, spec.NoData)
		return c.scene(spec.Title)
	}

	p := rowPlot{top: hp.bottom + 2, bottom: h - axisH}
	p.band = (p.bottom - p.top) / float64(n)
	labelW := math.Min(widest(d.cats, labelSize), 0.4*(w-2*pad))
	p.x0 = pad + labelW + 6

	p.sc = niceScale(0, d.max, tickTarget(w-p.x0-pad-40, 70), d.integer)
	tickText, tickW := tickLabels(p.sc, d.format)
	// Room on the right for the value label of the longest bar and half the last tick label.
	right := math.Min(math.Max(d.widestValueLabel()+4, TextWidth(tickText[len(tickText)-1], smallSize, false)/2), 0.3*w)
	p.x1 = w - pad - right

	kt := 1
	if len(p.sc.ticks) > 1 {
		kt = thinStep((p.x1-p.x0)/float64(len(p.sc.ticks)-1), tickW+6, len(p.sc.ticks))
	}
	for i, t := range p.sc.ticks {
		x := p.x(t)
		if t != 0 {
			c.line(x, p.top, x, p.bottom, gridColor, 0.5)
		}
		if i%kt == 0 {
			lw := 2 * math.Min(x-pad, w-pad-x)
			c.text(x, p.bottom+3+ascent*smallSize, truncate(tickText[i], smallSize, false, lw), smallSize, Middle, false, mutedColor, "")
		}
	}

	// Bars are at most 20 pt thick side by side, 28 pt stacked or single.
	bw := sizeBars(p.band*0.75, len(d.vals), d.stacked, 28, 20)
	for i := range n {
		if d.stacked {
			c.stackedRow(d, i, bw, p)
		} else {
			c.groupedRow(d, i, bw, p)
		}
	}
	c.line(p.x0, p.top, p.x0, p.bottom, axisColor, 1)

	lines := 1
	if p.band >= 2*labelLine+2 {
		lines = 2
	}
	k := thinStep(p.band, labelLine, n)
	for i := 0; i < n; i += k {
		ls := wrap(d.cats[i], labelSize, false, labelW, lines)
		// Centre the label on its band, but keep it off the header and the tick labels
		// when thinned labels are taller than their band.
		blockH := float64(len(ls)) * labelLine
		top := p.center(i) - blockH/2
		top = math.Max(math.Min(top, p.bottom-blockH+2), hp.bottom)
		c.label(p.x0-6, top, ls, d.cats[i], labelSize, labelLine, End)
	}
	return c.scene(spec.Title)
}

// hbarsHeight gives HBars' canvas height, the height its header may take, and the height
// of the tick labels under the plot. With no height given, the canvas is as tall as the
// categories need: a band of at least 20 pt each, more for grouped bars and for labels
// long enough to wrap.
func hbarsHeight(spec BarSpec, d barData, w float64) (h, budget, axisH float64) {
	band := 20.0
	if !d.stacked && len(d.vals) > 1 {
		band = float64(len(d.vals))*10 + 8
	}
	for _, s := range d.cats {
		if TextWidth(s, labelSize, false) > 0.4*(w-2*pad) {
			band = math.Max(band, 2*labelLine+2) // room to wrap long labels to two lines
			break
		}
	}
	axisH = 3 + smallSize*1.25 + pad
	rest := float64(len(d.cats))*band + axisH + 2
	if d.empty() {
		rest = 60
	}
	if spec.Height > 0 && !math.IsInf(spec.Height, 0) {
		h = size(spec.Height, 0, MinHeight)
		return h, 0.4*h - pad, axisH
	}
	auto := planHeader(spec.title(), d.legend(), clean(spec.Unit), w, 0.4*MaxSize)
	h = size(auto.bottom+rest, 0, MinHeight)
	return h, math.Max(h-rest, 0.4*h) - pad, axisH
}

// widestValueLabel is the width of the widest value label HBars writes right of a bar:
// each value, or each stack's total.
func (d barData) widestValueLabel() float64 {
	w := 0.0
	for i := range d.cats {
		total := 0.0
		for j := range d.vals {
			total += d.vals[j][i]
			if !d.stacked {
				w = math.Max(w, TextWidth(d.format(d.vals[j][i]), smallSize, false))
			}
		}
		if d.stacked {
			w = math.Max(w, TextWidth(d.format(total), smallSize, false))
		}
	}
	return w
}

// rowPlot is where HBars draws: the plot's top and bottom, the height of a category's
// band, the x range of the bars, and the value scale.
type rowPlot struct {
	top, bottom, band, x0, x1 float64
	sc                        scale
}

func (p rowPlot) x(v float64) float64  { return p.x0 + p.sc.pos(v)*(p.x1-p.x0) }
func (p rowPlot) center(i int) float64 { return p.top + p.band*(float64(i)+0.5) }
func fitsHigh(fs, room float64) bool   { return (ascent+descent)*fs <= room }

// stackedRow draws category i's series as one stacked bar, with the value of each
// segment inside it where it fits and the total after it.
func (c *canvas) stackedRow(d barData, i int, bw barSize, p rowPlot) {
	cy := p.center(i)
	gy := cy - bw.group/2
	cursor, total := p.x0, 0.0
	for j := range d.vals {
		v := d.vals[j][i]
		total += v
		if v == 0 {
			continue
		}
		end := math.Min(math.Max(p.x(total), cursor+1), p.x1)
		c.rect(cursor, gy, end-cursor, bw.bar, d.colors[j], d.tip(j, i), d.links[j][i])
		text := d.format(v)
		if fs := valueLabel(text, end-cursor-4); fs > 0 && fitsHigh(fs, bw.bar) {
			c.text((cursor+end)/2, cy+midline*fs, text, fs, Middle, false, textOn(d.colors[j]), "")
		}
		cursor = end
	}
	text := d.format(total)
	if fs := valueLabel(text, c.w-pad-cursor-3); fs > 0 && fitsHigh(fs, p.band) {
		c.text(cursor+3, cy+midline*fs, text, fs, Start, false, inkColor, "")
	}
}

// groupedRow draws category i's series one under another, each with its value after it.
func (c *canvas) groupedRow(d barData, i int, bw barSize, p rowPlot) {
	m := len(d.vals)
	gy := p.center(i) - bw.group/2
	room := bw.bar // labels of neighbouring bars must not overlap
	if m == 1 {
		room = p.band
	}
	for j := range m {
		v := d.vals[j][i]
		by := gy + bw.bar*float64(j)
		end := p.x0
		col := inkColor
		if v > 0 {
			end = math.Max(p.x(v), p.x0+1)
			c.rect(p.x0, by+bw.gap/2, end-p.x0, bw.bar-bw.gap, d.colors[j], d.tip(j, i), d.links[j][i])
		} else {
			col = mutedColor
		}
		text := d.format(v)
		if fs := valueLabel(text, c.w-pad-end-3); fs > 0 && fitsHigh(fs, room) {
			c.text(end+3, by+bw.bar/2+midline*fs, text, fs, Start, false, col, "")
		}
	}
}
