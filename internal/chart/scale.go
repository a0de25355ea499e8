package chart

import (
	"math"
	"strconv"
)

// MaxValue is the largest magnitude a chart plots. Validate refuses larger values and the
// chart functions clamp them, so that sums of stacked bars stay finite and every label can
// be written without exponent notation.
const MaxValue = 1e15

// minStep is the smallest tick step: labels show at most two decimals, so finer ticks
// would all read the same.
const minStep = 0.01

// FormatNumber writes v the way chart labels show numbers by default: at most two
// decimals, no trailing zeros, no exponent, no digit grouping, a point as the decimal
// separator ("17", "2.5", "1200"). Callers that want a language's conventions ("2,5" in
// Russian) pass their own Format in the spec. Non-finite values give "".
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return fmtNum(v)
}

// fmtNum formats a finite number compactly with at most two decimals.
func fmtNum(v float64) string {
	if math.Abs(v) < MaxValue {
		v = math.Round(v*100) / 100
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// scale is a value axis: its domain and the tick values inside it.
type scale struct {
	min, max float64
	ticks    []float64
}

// pos maps v into [0, 1] along the domain, clamping values outside it.
func (s scale) pos(v float64) float64 {
	p := (v - s.min) / (s.max - s.min)
	if !(p >= 0) { // also NaN
		return 0
	}
	return math.Min(p, 1)
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten, the steps a reader can add up
// in their head.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	base := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / base; {
	case f <= 1:
		return base
	case f <= 2:
		return 2 * base
	case f <= 5:
		return 5 * base
	}
	return 10 * base
}

// niceScale returns a domain covering [lo, hi] split into about target intervals of a nice
// step. integer keeps the step at 1 or more, since counts have no halves.
func niceScale(lo, hi float64, target int, integer bool) scale {
	if !finite(lo) || !finite(hi) || hi < lo {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	target = max(target, 1)
	step := niceStep((hi - lo) / float64(target))
	if integer {
		step = math.Max(step, 1)
	}
	step = math.Max(step, minStep)
	// The tolerance keeps float noise (0.3/0.1 = 2.9999…) from adding an extra step.
	mn := math.Floor(lo/step+1e-9) * step
	mx := math.Ceil(hi/step-1e-9) * step
	if mx <= mn {
		mx = mn + step
	}
	n := int(math.Round((mx - mn) / step))
	ticks := make([]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		ticks = append(ticks, mn+float64(i)*step)
	}
	return scale{min: mn, max: mx, ticks: ticks}
}

// tickTarget is how many tick intervals fit a span of length points, about one every
// spacing points.
func tickTarget(length, spacing float64) int {
	n := int(length / spacing)
	return min(max(n, 2), 8)
}

// thinStep returns k such that labelling every k-th of n positions slot points apart
// leaves each label need points.
func thinStep(slot, need float64, n int) int {
	if !(slot > 0) {
		return max(n, 1)
	}
	k := int(math.Ceil(need/slot - 1e-9))
	return min(max(k, 1), max(n, 1))
}
