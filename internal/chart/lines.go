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
	format := formatter(spec.Format)
	n, m := len(spec.Labels), len(spec.Series)

	labels := make([]string, n)
	for i, l := range spec.Labels {
		labels[i] = clean(l)
	}
	vals := make([][]float64, m)
	colors := make([]Color, m)
	legend := make([]legendItem, m)
	lo, hi := math.Inf(1), math.Inf(-1)
	integer := true
	for j, se := range spec.Series {
		colors[j] = seriesColor(se, j)
		legend[j] = legendItem{name: clean(se.Name), color: colors[j], line: true}
		vals[j] = make([]float64, n)
		for i := range n {
			v := math.NaN()
			if i < len(se.Values) && finite(se.Values[i]) {
				v = math.Max(math.Min(se.Values[i], MaxValue), -MaxValue)
				lo, hi = math.Min(lo, v), math.Max(hi, v)
				integer = integer && v == math.Trunc(v)
			}
			vals[j][i] = v
		}
	}
	if m < 2 {
		legend = nil
	}
	title := clean(spec.Title)
	if spec.HideTitle {
		title = ""
	}
	hp := planHeader(title, legend, clean(spec.Unit), w, 0.4*h-pad)
	c.drawHeader(hp)
	if n == 0 || lo > hi { // no finite value at all
		c.noData(hp.bottom, spec.NoData)
		return c.scene(spec.Title)
	}

	plotTop := hp.bottom + 6
	plotBottom := h - pad - 4 - labelLine
	plotH := plotBottom - plotTop

	var sc scale
	var tickText []string
	if spec.Y != nil && spec.Y.valid() {
		sc = scale{min: spec.Y.Min, max: spec.Y.Max}
		for _, t := range spec.Y.Ticks {
			if t.Value >= sc.min && t.Value <= sc.max {
				sc.ticks = append(sc.ticks, t.Value)
				tickText = append(tickText, clean(t.Label))
			}
		}
		if len(spec.Y.Ticks) == 0 {
			all := niceScale(sc.min, sc.max, tickTarget(plotH, 36), integer)
			for _, t := range all.ticks {
				if t >= sc.min-1e-9 && t <= sc.max+1e-9 {
					sc.ticks = append(sc.ticks, t)
					tickText = append(tickText, format(t))
				}
			}
		}
	} else {
		sc = niceScale(math.Min(lo, 0), math.Max(hi, 0), tickTarget(plotH, 36), integer)
		for _, t := range sc.ticks {
			tickText = append(tickText, format(t))
		}
	}
	tickW := 0.0
	for _, t := range tickText {
		tickW = math.Max(tickW, TextWidth(t, smallSize, false))
	}
	tickW = math.Min(tickW, 0.35*w)
	x0, x1 := pad+tickW+4, w-pad
	labelW := 0.0
	for _, l := range labels {
		labelW = math.Max(labelW, TextWidth(l, labelSize, false))
	}
	labelW = math.Min(labelW, 0.3*(x1-x0))
	// Keep the end markers off the axis, and the end points far enough from the canvas
	// edges for their labels to be centred under them uncut.
	px0 := math.Max(x0+8, pad+labelW/2)
	px1 := math.Min(x1-8, w-pad-labelW/2)
	if px1 < px0 {
		px0, px1 = x0+8, x1-8
	}
	spacing := px1 - px0
	if n > 1 {
		spacing /= float64(n - 1)
	}
	xOf := func(i int) float64 {
		if n == 1 {
			return (px0 + px1) / 2
		}
		return px0 + spacing*float64(i)
	}
	yOf := func(v float64) float64 { return plotBottom - sc.pos(v)*plotH }

	for i, t := range sc.ticks {
		y := yOf(t)
		if y > plotTop-0.01 && y < plotBottom-0.01 {
			c.line(x0, y, x1, y, gridColor, 0.5)
		}
		c.text(x0-4, y+midline*smallSize, truncate(tickText[i], smallSize, false, tickW), smallSize, End, false, mutedColor, "")
	}
	c.line(x0, plotBottom, x1, plotBottom, axisColor, 1)
	if sc.min < 0 && sc.max > 0 {
		c.line(x0, yOf(0), x1, yOf(0), axisColor, 0.75)
	}

	r := 2.5
	if spacing < 8 {
		r = 1.5
	}
	for j, se := range spec.Series {
		col := colors[j]
		var run []Point
		flush := func() {
			if len(run) > 1 {
				c.shapes = append(c.shapes, Shape{Kind: Polyline, Points: run, Fill: Transparent, Stroke: col, StrokeWidth: 2})
			}
			run = nil
		}
		for i := range n {
			if math.IsNaN(vals[j][i]) {
				flush()
				continue
			}
			run = append(run, Point{xOf(i), yOf(vals[j][i])})
		}
		flush()
		name := clean(se.Name)
		for i := range n {
			v := vals[j][i]
			if math.IsNaN(v) {
				continue
			}
			link := ""
			if i < len(se.Links) {
				link = safeLink(se.Links[i])
			}
			c.shapes = append(c.shapes, Shape{Kind: Circle, X: xOf(i), Y: yOf(v), W: r, Fill: col,
				Stroke: white, StrokeWidth: 1, Title: tooltip(labels[i], name, format(v)), Link: link})
		}
	}

	k := thinStep(spacing, labelW+6, n)
	if n == 1 {
		k = 1
	}
	for i := 0; i < n; i += k {
		x := xOf(i)
		lw := math.Min(spacing*float64(k)-6, 2*math.Min(x-pad, w-pad-x))
		if n == 1 {
			lw = 2 * math.Min(x-pad, w-pad-x)
		}
		c.label(x, plotBottom+4, wrap(labels[i], labelSize, false, lw, 1), labels[i], labelSize, labelLine, Middle)
	}
	return c.scene(spec.Title)
}
