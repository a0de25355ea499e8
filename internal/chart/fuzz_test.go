package chart

import (
	"math"
	"strings"
	"testing"
)

// specials are the values a fuzzed byte above 200 stands for: the edge cases of clamping.
var specials = []float64{0, -1, math.NaN(), math.Inf(1), math.Inf(-1), MaxValue, 1e300, 0.001,
	2.5, 1e-300, math.MaxFloat64, math.Copysign(0, -1), 0.005, 999.995, 1e15 + 1}

// fuzzBarSpec builds a spec from fuzzed input: labels separated by "|" (the first is the
// title), one value per byte (bytes above 200 pick a special value), spread over nSeries.
func fuzzBarSpec(labels string, raw []byte, nSeries uint8, stacked bool, width, height float64) BarSpec {
	parts := strings.Split(labels, "|")
	spec := BarSpec{Title: parts[0], Categories: parts[1:], Stacked: stacked, Width: width, Height: height, Unit: parts[0]}
	m := int(nSeries % 12)
	for j := range m {
		se := Series{Name: parts[(j+1)%len(parts)]}
		for i := j; i < len(raw); i += m {
			v := float64(raw[i])
			if raw[i] > 200 {
				v = specials[int(raw[i]-201)%len(specials)]
			}
			se.Values = append(se.Values, v)
			se.Links = append(se.Links, parts[i%len(parts)])
		}
		spec.Series = append(spec.Series, se)
	}
	return spec
}

func FuzzBars(f *testing.F) {
	f.Add("Итоги|2019|2020|2021", []byte{17, 2, 1, 12, 0, 2}, uint8(2), false, 480.0, 300.0)
	f.Add("", []byte{}, uint8(0), false, 0.0, 0.0)
	f.Add(`<&"'>|a<b|c&d`, []byte{0, 0, 0}, uint8(1), true, 100.0, 50.0)
	f.Add("t|x", []byte{203, 204, 205, 206}, uint8(4), true, math.NaN(), math.Inf(1))
	f.Fuzz(func(t *testing.T, labels string, raw []byte, nSeries uint8, stacked bool, width, height float64) {
		spec := fuzzBarSpec(labels, raw, nSeries, stacked, width, height)
		for _, draw := range []func(BarSpec) Scene{Bars, HBars} {
			s := draw(spec)
			if !checkScene(t, s) {
				t.FailNow()
			}
			doc, err := parseSVG(SVG(s))
			if err != nil {
				t.Fatal(err)
			}
			if want := nonZero(spec); doc.bars != want {
				t.Fatalf("%d bars for %d non-zero values", doc.bars, want)
			}
		}
	})
}
