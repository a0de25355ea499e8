package chart

import (
	"errors"
	"fmt"
	"math"
)

// LineSpec describes a line chart over time, drawn by Lines.
//
// Labels are the points in time, in order, placed at equal intervals: the chart reads as a
// sequence of observations (years, assessment dates), not as a time scale. A NaN value
// means "no observation": the line breaks there. Unlike bars, lines may go below zero.
// Validate refuses infinite values, values beyond ±MaxValue and values outside a fixed
// domain; given them anyway, Lines treats infinities as missing, clamps to ±MaxValue and
// draws values outside a fixed domain at its edge (their tooltips keep the true value).
type LineSpec struct {
	// Title is the chart's accessible name, also drawn above the chart unless HideTitle.
	Title string
	// HideTitle leaves the title off the canvas; the scene still carries it.
	HideTitle bool
	// Width and Height are the canvas size in points; zero takes 480 × 260. Sizes are kept
	// within [MinWidth, MaxSize] × [MinHeight, MaxSize].
	Width, Height float64
	// Labels name the x positions, e.g. "2019" or "2021-06-15".
	Labels []string
	// Series hold one value per label; NaN for none.
	Series []Series
	// Y fixes the value axis, e.g. threat levels 1–5; nil fits the axis to the data,
	// always including zero.
	Y *Domain
	// Unit is an optional caption for the value axis.
	Unit string
	// Format writes values for ticks and tooltips; nil means FormatNumber.
	Format func(float64) string
	// NoData is the message shown when there is no value to plot; the default is "No data".
	NoData string
}

// Domain is a fixed value axis from Min (bottom) to Max (top).
type Domain struct {
	Min, Max float64
	// Ticks, if any, are the only ticks drawn, with their own labels (e.g. 1 … 5, or
	// "1 низкий" … "5 критический"); ticks outside [Min, Max] are skipped. Without Ticks the
	// axis gets nice ticks within the domain.
	Ticks []Tick
}

// Tick is a labelled position on a value axis.
type Tick struct {
	Value float64
	Label string
}

// Validate reports what is wrong with the spec's data, all problems at once, or nil.
func (s LineSpec) Validate() error {
	var errs []error
	errs = append(errs, validSize(s.Width, s.Height)...)
	errs = append(errs, validSeries(s.Series, len(s.Labels), "labels")...)
	fixed := s.Y != nil
	if fixed && !s.Y.valid() {
		errs = append(errs, fmt.Errorf("chart: fixed domain [%v, %v] must be finite with Min < Max", s.Y.Min, s.Y.Max))
		fixed = false
	}
	for i, se := range s.Series {
		for j, v := range se.Values {
			switch {
			case math.IsNaN(v):
			case math.IsInf(v, 0) || math.Abs(v) > MaxValue:
				errs = append(errs, fmt.Errorf("chart: series %d (%q) value %d is %v; line values must be NaN (none) or finite within ±%v", i, se.Name, j, v, MaxValue))
			case fixed && (v < s.Y.Min || v > s.Y.Max):
				errs = append(errs, fmt.Errorf("chart: series %d (%q) value %d is %v, outside the fixed domain [%v, %v]", i, se.Name, j, v, s.Y.Min, s.Y.Max))
			}
		}
	}
	return errors.Join(errs...)
}

func (d *Domain) valid() bool {
	return finite(d.Min) && finite(d.Max) && d.Min < d.Max &&
		math.Abs(d.Min) <= MaxValue && math.Abs(d.Max) <= MaxValue
}

// Lines draws a line chart: one line with markers per series over the labels, a value
// axis with nice (or the domain's fixed) ticks, and a legend when there are several series.
//
// Every marker carries a tooltip ("2021-06-15 — Terrorism: 4") and, if the series has one,
// a link. When the labels are too many to write side by side, only every k-th is written;
// labels are shortened with "…" only when one alone does not fit, since a cut date is
// useless.
func Lines(spec LineSpec) Scene {
	w, h := size(spec.Width, DefaultWidth, MinWidth), size(spec.Height, 260, MinHeight)
	c := &canvas{w: w, h: h}
	d := prepareLines(spec)
	title := clean(spec.Title)
	if spec.HideTitle {
		title = ""
	}
	hp := planHeader(title, d.legend, clean(spec.Unit), w, 0.4*h-pad)
	c.drawHeader(hp)
	n := len(d.labels)
	if n == 0 || d.lo > d.hi { // no finite value at all
		c.noData(hp.bottom, spec.NoData)
		return c.scene(spec.Title)
	}

	p := linePlot{n: n, top: hp.bottom + 6, bottom: h - pad - 4 - labelLine}
	p.h = p.bottom - p.top
	var tickText []string
	p.sc, tickText = d.valueAxis(spec.Y, p.h)
	tickW := math.Min(widest(tickText, smallSize), 0.35*w)
	x0, x1 := pad+tickW+4, w-pad
	labelW := math.Min(widest(d.labels, labelSize), 0.3*(x1-x0))
	// Keep the end markers off the axis, and the end points far enough from the canvas
	// edges for their labels to be centred under them uncut.
	p.x0 = math.Max(x0+8, pad+labelW/2)
	p.x1 = math.Min(x1-8, w-pad-labelW/2)
	if p.x1 < p.x0 {
		p.x0, p.x1 = x0+8, x1-8
	}
	p.spacing = p.x1 - p.x0
	if n > 1 {
		p.spacing /= float64(n - 1)
	}

	for i, t := range p.sc.ticks {
		y := p.y(t)
		if y > p.top-0.01 && y < p.bottom-0.01 {
			c.line(x0, y, x1, y, gridColor, 0.5)
		}
		c.text(x0-4, y+midline*smallSize, truncate(tickText[i], smallSize, false, tickW), smallSize, End, false, mutedColor, "")
	}
	c.line(x0, p.bottom, x1, p.bottom, axisColor, 1)
	if p.sc.min < 0 && p.sc.max > 0 {
		c.line(x0, p.y(0), x1, p.y(0), axisColor, 0.75)
	}
	for j, se := range spec.Series {
		c.series(d, j, se, p)
	}

	k := thinStep(p.spacing, labelW+6, n)
	if n == 1 {
		k = 1
	}
	for i := 0; i < n; i += k {
		x := p.x(i)
		lw := math.Min(p.spacing*float64(k)-6, 2*math.Min(x-pad, w-pad-x))
		if n == 1 {
			lw = 2 * math.Min(x-pad, w-pad-x)
		}
		c.label(x, p.bottom+4, wrap(d.labels[i], labelSize, false, lw, 1), d.labels[i], labelSize, labelLine, Middle)
	}
	return c.scene(spec.Title)
}

// lineData is a LineSpec cleaned for drawing.
type lineData struct {
	labels  []string
	vals    [][]float64 // [series][label], clamped to ±MaxValue; NaN for no observation
	colors  []Color
	legend  []legendItem // nil for a single series
	lo, hi  float64      // the range of the finite values; lo > hi when there is none
	integer bool         // all values are whole numbers, so ticks step by at least 1
	format  func(float64) string
}

func prepareLines(spec LineSpec) lineData {
	n, m := len(spec.Labels), len(spec.Series)
	d := lineData{labels: make([]string, n), vals: make([][]float64, m), colors: make([]Color, m),
		legend: make([]legendItem, m), lo: math.Inf(1), hi: math.Inf(-1), integer: true, format: formatter(spec.Format)}
	for i, l := range spec.Labels {
		d.labels[i] = clean(l)
	}
	for j, se := range spec.Series {
		d.colors[j] = seriesColor(se, j)
		d.legend[j] = legendItem{name: clean(se.Name), color: d.colors[j], line: true}
		d.vals[j] = make([]float64, n)
		for i := range n {
			v := math.NaN()
			if i < len(se.Values) && finite(se.Values[i]) {
				v = math.Max(math.Min(se.Values[i], MaxValue), -MaxValue)
				d.lo, d.hi = math.Min(d.lo, v), math.Max(d.hi, v)
				d.integer = d.integer && v == math.Trunc(v)
			}
			d.vals[j][i] = v
		}
	}
	if m < 2 {
		d.legend = nil
	}
	return d
}

// valueAxis gives the value scale and its tick labels: the fixed domain's own ticks, nice
// ticks within a fixed domain, or nice ticks fitted to the data and zero.
func (d lineData) valueAxis(y *Domain, plotH float64) (scale, []string) {
	var text []string
	if y == nil || !y.valid() {
		sc := niceScale(math.Min(d.lo, 0), math.Max(d.hi, 0), tickTarget(plotH, 36), d.integer)
		for _, t := range sc.ticks {
			text = append(text, d.format(t))
		}
		return sc, text
	}
	sc := scale{min: y.Min, max: y.Max}
	for _, t := range y.Ticks {
		if t.Value >= sc.min && t.Value <= sc.max {
			sc.ticks = append(sc.ticks, t.Value)
			text = append(text, clean(t.Label))
		}
	}
	if len(y.Ticks) == 0 {
		all := niceScale(sc.min, sc.max, tickTarget(plotH, 36), d.integer)
		for _, t := range all.ticks {
			if t >= sc.min-1e-9 && t <= sc.max+1e-9 {
				sc.ticks = append(sc.ticks, t)
				text = append(text, d.format(t))
			}
		}
	}
	return sc, text
}

// linePlot is where Lines draws: the plot's top, bottom and height, the x of the first
// and last label and the spacing between labels, and the value scale.
type linePlot struct {
	n                               int
	top, bottom, h, x0, x1, spacing float64
	sc                              scale
}

func (p linePlot) x(i int) float64 {
	if p.n == 1 {
		return (p.x0 + p.x1) / 2
	}
	return p.x0 + p.spacing*float64(i)
}

func (p linePlot) y(v float64) float64 { return p.bottom - p.sc.pos(v)*p.h }

// series draws series j: its line, broken where there is no observation, and a marker
// with a tooltip (and the series' link) at every observation.
func (c *canvas) series(d lineData, j int, se Series, p linePlot) {
	col := d.colors[j]
	var run []Point
	flush := func() {
		if len(run) > 1 {
			c.shapes = append(c.shapes, Shape{Kind: Polyline, Points: run, Fill: Transparent, Stroke: col, StrokeWidth: 2})
		}
		run = nil
	}
	for i, v := range d.vals[j] {
		if math.IsNaN(v) {
			flush()
			continue
		}
		run = append(run, Point{p.x(i), p.y(v)})
	}
	flush()
	r := 2.5
	if p.spacing < 8 {
		r = 1.5
	}
	name := clean(se.Name)
	for i, v := range d.vals[j] {
		if math.IsNaN(v) {
			continue
		}
		link := ""
		if i < len(se.Links) {
			link = safeLink(se.Links[i])
		}
		c.shapes = append(c.shapes, Shape{Kind: Circle, X: p.x(i), Y: p.y(v), W: r, Fill: col,
			Stroke: white, StrokeWidth: 1, Title: tooltip(d.labels[i], name, d.format(v)), Link: link})
	}
}
