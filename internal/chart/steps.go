package chart

import (
	"errors"
	"fmt"
	"math"
)

// StepSpec describes levels that hold from one observation to the next (a threat's
// level from one assessment to the next), drawn by Steps on a real time axis: one row
// per series, so that series on the same level never hide each other.
//
// X values are positions in time in any linear unit (days since an epoch, say): the
// distance between two points is their distance in time, so two years take twice the
// width of one. A point's level holds until the next point of its row, and the last one
// until To.
type StepSpec struct {
	// Title is the chart's accessible name, also drawn above the chart.
	Title string
	// Width is the canvas width in points; zero takes DefaultWidth. The height follows
	// from the number of rows.
	Width float64
	// From and To bound the time axis.
	From, To float64
	// Ticks are the labelled positions of the time axis, such as the first day of each
	// year; those outside [From, To] are skipped.
	Ticks []Tick
	// Min and Max are the range of levels, such as 1 and 5.
	Min, Max float64
	Rows     []StepRow
	// Format writes levels for the row labels and tooltips; nil means FormatNumber.
	Format func(float64) string
	// NoData is the message shown when no row has a point.
	NoData string
}

// StepRow is one series: a name and its observations in time order.
type StepRow struct {
	Name   string
	Points []StepPoint
	// Link, if set, is where the row's name and markers lead.
	Link string
}

// StepPoint is one observation: a level from X on.
type StepPoint struct {
	X     float64
	Value float64
	// Label is the observation's date as the tooltip writes it.
	Label string
	// Hollow draws the marker as a ring: an observation no source gives.
	Hollow bool
}

// Row and axis geometry of Steps, in points.
const (
	stepBand  = 30.0 // height of a row's plot band
	stepGap   = 4.0  // space between rows
	stepName  = 12.0 // height of a row's name line
	stepLevel = 14.0 // width kept right of the plot for the last level's number
)

// Validate reports what is wrong with the spec, all problems at once, or nil.
func (s StepSpec) Validate() error {
	var errs []error
	if !(finite(s.From) && finite(s.To) && s.From < s.To) {
		errs = append(errs, fmt.Errorf("chart: the time axis [%v, %v] must be finite with From < To", s.From, s.To))
	}
	if !(finite(s.Min) && finite(s.Max) && s.Min < s.Max) {
		errs = append(errs, fmt.Errorf("chart: the levels [%v, %v] must be finite with Min < Max", s.Min, s.Max))
	}
	for i, r := range s.Rows {
		for j, p := range r.Points {
			switch {
			case !finite(p.X) || !finite(p.Value):
				errs = append(errs, fmt.Errorf("chart: row %d (%q) point %d is not finite", i, r.Name, j))
			case p.Value < s.Min || p.Value > s.Max:
				errs = append(errs, fmt.Errorf("chart: row %d (%q) point %d has level %v, outside [%v, %v]", i, r.Name, j, p.Value, s.Min, s.Max))
			case j > 0 && p.X < r.Points[j-1].X:
				errs = append(errs, fmt.Errorf("chart: row %d (%q) point %d is earlier than the point before it", i, r.Name, j))
			}
		}
	}
	return errors.Join(errs...)
}

// Steps draws levels over time: a row per series with its name above a band in which
// the level is drawn as a step line (the level holds until the next observation), with
// a marker at each observation and the last level written at the row's end. The rows
// share one time axis with the spec's ticks at the bottom. Points outside the axis are
// clipped to it; levels outside [Min, Max] are drawn at the band's edge (their tooltips
// keep the true value).
func Steps(spec StepSpec) Scene {
	w := size(spec.Width, DefaultWidth, MinWidth)
	format := formatter(spec.Format)
	title := clean(spec.Title)
	rows := 0
	for _, r := range spec.Rows {
		if len(r.Points) > 0 {
			rows++
		}
	}
	hp := planHeader(title, nil, "", w, 3*titleLine)
	plotH := float64(rows)*(stepName+stepBand+stepGap) + 4
	h := math.Max(hp.bottom+6+plotH+labelLine+pad+4, MinHeight)
	c := &canvas{w: w, h: math.Min(h, MaxSize)}
	c.drawHeader(hp)
	lo, hi := spec.Min, spec.Max
	valid := finite(spec.From) && finite(spec.To) && spec.From < spec.To && finite(lo) && finite(hi) && lo < hi
	if rows == 0 || !valid {
		c.noData(hp.bottom, spec.NoData)
		return c.scene(spec.Title)
	}
	// A gutter on the left for each band's lowest and highest level, and room on the
	// right for the last level's number; neither may take more than a fifth of the width.
	loText, hiText := truncate(format(lo), smallSize, false, 0.2*w), truncate(format(hi), smallSize, false, 0.2*w)
	gutter := math.Max(TextWidth(loText, smallSize, false), TextWidth(hiText, smallSize, false)) + 4
	right := math.Min(math.Max(stepLevel, TextWidth(hiText, smallSize, true)+4), 0.2*w)
	x0, x1 := pad+gutter, w-pad-right
	xOf := func(x float64) float64 {
		if !finite(x) {
			x = spec.From
		}
		x = math.Min(math.Max(x, spec.From), spec.To)
		return x0 + (x-spec.From)/(spec.To-spec.From)*(x1-x0)
	}
	top := hp.bottom + 6
	axisY := top + plotH
	// Year (or other) gridlines across all rows, with their labels under the axis.
	for _, t := range spec.Ticks {
		if t.Value < spec.From || t.Value > spec.To {
			continue
		}
		x := xOf(t.Value)
		c.line(x, top, x, axisY, gridColor, 0.5)
		lw := TextWidth(clean(t.Label), smallSize, false)
		tx := math.Min(math.Max(x+2, pad), w-pad-lw)
		c.text(tx, axisY+smallSize+3, truncate(clean(t.Label), smallSize, false, w-pad-tx), smallSize, Start, false, mutedColor, "")
	}
	c.line(x0, axisY, x1, axisY, axisColor, 1)
	col := Blue
	y := top
	for _, r := range spec.Rows {
		if len(r.Points) == 0 {
			continue
		}
		name := truncate(clean(r.Name), labelSize, false, w-2*pad)
		c.shapes = append(c.shapes, Shape{Kind: Text, X: x0, Y: y + labelSize, Text: name, FontSize: labelSize, Anchor: Start,
			Fill: inkColor, Stroke: Transparent, Title: fullIfCut(name, clean(r.Name)), Link: safeLink(r.Link)})
		band := y + stepName
		yOf := func(v float64) float64 {
			v = math.Min(math.Max(v, lo), hi)
			return band + stepBand - 2 - (v-lo)/(hi-lo)*(stepBand-4)
		}
		// The band's floor and ceiling: the lowest and the highest level, labelled.
		c.line(x0, yOf(lo), x1, yOf(lo), gridColor, 0.5)
		c.line(x0, yOf(hi), x1, yOf(hi), gridColor, 0.5)
		c.text(x0-3, yOf(lo)+midline*smallSize, loText, smallSize, End, false, mutedColor, "")
		c.text(x0-3, yOf(hi)+midline*smallSize, hiText, smallSize, End, false, mutedColor, "")
		var pts []Point
		for i, p := range r.Points {
			if !finite(p.X) || !finite(p.Value) {
				continue
			}
			end := spec.To
			if i+1 < len(r.Points) && finite(r.Points[i+1].X) {
				end = r.Points[i+1].X
			}
			yy := yOf(p.Value)
			if len(pts) > 0 {
				pts = append(pts, Point{xOf(p.X), pts[len(pts)-1].Y})
			}
			pts = append(pts, Point{xOf(p.X), yy}, Point{xOf(end), yy})
		}
		if len(pts) > 1 {
			c.shapes = append(c.shapes, Shape{Kind: Polyline, Points: pts, Fill: Transparent, Stroke: col, StrokeWidth: 2})
		}
		last := math.NaN()
		for _, p := range r.Points {
			if !finite(p.X) || !finite(p.Value) || p.X < spec.From || p.X > spec.To {
				continue
			}
			fill := col
			if p.Hollow {
				fill = white
			}
			c.shapes = append(c.shapes, Shape{Kind: Circle, X: xOf(p.X), Y: yOf(p.Value), W: 3, Fill: fill, Stroke: col, StrokeWidth: 1.5,
				Title: tooltip(clean(p.Label), name, format(p.Value)), Link: safeLink(r.Link)})
		}
		for _, p := range r.Points {
			if finite(p.Value) && p.X <= spec.To {
				last = p.Value
			}
		}
		if !math.IsNaN(last) {
			c.text(x1+3, yOf(last)+midline*smallSize, truncate(format(math.Min(math.Max(last, lo), hi)), smallSize, true, w-pad-x1-3), smallSize, Start, true, inkColor, "")
		}
		y += stepName + stepBand + stepGap
	}
	return c.scene(spec.Title)
}

func fullIfCut(shown, full string) string {
	if shown != full {
		return full
	}
	return ""
}
