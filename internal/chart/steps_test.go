package chart

import (
	"math"
	"math/rand/v2"
	"testing"
)

func stepSpec() StepSpec {
	day := func(y int) float64 { return float64(y-1970) * 365.25 }
	return StepSpec{Title: "Threat levels over time", From: day(2017), To: day(2020), Min: 1, Max: 5,
		Ticks: []Tick{{day(2017), "2017"}, {day(2018), "2018"}, {day(2019), "2019"}},
		Rows: []StepRow{
			{Name: "Terrorism", Points: []StepPoint{{X: day(2017), Value: 4, Label: "2017-01-01"}}},
			{Name: "Space", Points: []StepPoint{{X: day(2017), Value: 4, Label: "2017-01-01"}, {X: day(2019) + 180, Value: 5, Label: "2019-06-30", Hollow: true}}},
		}}
}

// Time is a real axis: a year is as wide as any other, and an assessment half way
// through a year is drawn half way across it. Rows on the same level stay apart.
func TestStepsDrawsTimeToScale(t *testing.T) {
	spec := stepSpec()
	if err := spec.Validate(); err != nil {
		t.Fatal(err)
	}
	sc := Steps(spec)
	if !checkScene(t, sc) {
		return
	}
	var ticks []float64
	var circles []Shape
	for _, s := range sc.Shapes {
		switch {
		case s.Kind == Text && (s.Text == "2017" || s.Text == "2018" || s.Text == "2019"):
			ticks = append(ticks, s.X)
		case s.Kind == Circle:
			circles = append(circles, s)
		}
	}
	if len(ticks) != 3 || math.Abs((ticks[1]-ticks[0])-(ticks[2]-ticks[1])) > 0.5 {
		t.Fatalf("the years are not evenly spaced: %v", ticks)
	}
	if len(circles) != 3 {
		t.Fatalf("markers: %d", len(circles))
	}
	year := ticks[1] - ticks[0]
	half := circles[2].X - (ticks[2] - 2) // the tick label starts 2 points right of its line
	if math.Abs(half-year*180/365.25) > 1 {
		t.Errorf("a point half way through 2019 is %.1f points into it, a year is %.1f", half, year)
	}
	// The two rows start on the same level, yet their markers are a row apart.
	if math.Abs(circles[0].Y-circles[1].Y) < stepBand {
		t.Errorf("two rows on the same level overlap: %.1f and %.1f", circles[0].Y, circles[1].Y)
	}
	if circles[2].Fill != white {
		t.Error("an illustrative point is not drawn as a ring")
	}
}

func TestStepsValidateAndSurviveBadData(t *testing.T) {
	bad := stepSpec()
	bad.Rows[0].Points = append(bad.Rows[0].Points, StepPoint{X: 0, Value: 9})
	if bad.Validate() == nil {
		t.Error("a level out of range and a point out of order pass")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		s := stepSpec()
		s.From, s.To = randomValue(r), randomValue(r)
		s.Min, s.Max = randomValue(r), randomValue(r)
		for j := range s.Rows {
			for k := range s.Rows[j].Points {
				s.Rows[j].Points[k].X, s.Rows[j].Points[k].Value = randomValue(r), randomValue(r)
			}
		}
		s.Width = randomSize(r)
		checkScene(t, Steps(s))
	}
	if sc := Steps(StepSpec{Title: "empty", From: 0, To: 1, Min: 1, Max: 5}); !checkScene(t, sc) {
		t.Error("an empty chart")
	}
}
