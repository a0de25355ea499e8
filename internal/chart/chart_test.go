package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"secretariat/internal/testkit"
	"strings"
	"testing"
)

func outcomesSpec() BarSpec {
	return BarSpec{
		Title:      "Итоги рассмотрения вопросов повестки дня по годам",
		Unit:       "вопросов",
		Categories: []string{"2019", "2020", "2021", "2022", "2023"},
		Series: []Series{
			{Name: "Принято", Values: []float64{17, 12, 21, 15, 19}, Color: &BluishGreen,
				Links: []string{"/items?year=2019&result=adopted", "", "", "", "/items?year=2023&result=adopted"}},
			{Name: "Принято в ограниченном формате", Values: []float64{2, 0, 3, 4, 1}, Color: &SkyBlue},
			{Name: "Не принято", Values: []float64{1, 2, 0, 1, 3}, Color: &Vermillion},
			{Name: "Отложено", Values: []float64{3, 5, 2, 0, 2}, Color: &Orange},
			{Name: "Снято с повестки", Values: []float64{0, 1, 0, 2, 0}, Color: &ReddishPurple},
		},
	}
}

func tasksSpec() BarSpec {
	return BarSpec{
		Title: "Выполнение поручений Совета, 2023 год",
		Categories: []string{
			"Выполнено в полном объёме",
			"Выполняется в установленный срок",
			"Просрочено — требуется решение Совета министров иностранных дел",
			"Снято с контроля",
		},
		Series: []Series{
			{Name: "Поручения", Values: []float64{42, 17, 5, 0},
				Links: []string{"/tasks?status=done", "/tasks?status=in_progress", "/tasks?status=overdue", ""}},
		},
	}
}

func threatSpec() LineSpec {
	ticks := make([]Tick, 5)
	for i := range ticks {
		ticks[i] = Tick{Value: float64(i + 1), Label: fmt.Sprint(i + 1)}
	}
	return LineSpec{
		Title:  "Уровень угрозы по оценкам Совета",
		Unit:   "уровень (1 — низкий, 5 — критический)",
		Labels: []string{"2019-03-14", "2019-11-28", "2020-06-02", "2021-04-20", "2021-12-01", "2022-09-15", "2023-05-30"},
		Series: []Series{
			{Name: "Терроризм", Values: []float64{4, 4, 3, 3, 3, 2, 2}},
			{Name: "Незаконный оборот наркотиков", Values: []float64{2, 3, math.NaN(), 3, 4, 4, 5},
				Links: []string{"", "", "", "", "", "", "/threats/drugs"}},
		},
		Y: &Domain{Min: 1, Max: 5, Ticks: ticks},
	}
}

func TestGolden(t *testing.T) {
	stacked := outcomesSpec()
	stacked.Title = "Итоги рассмотрения вопросов (накопительно)"
	stacked.Stacked = true
	for _, tc := range []struct {
		name  string
		scene Scene
	}{
		{"bars", Bars(outcomesSpec())},
		{"bars_stacked", Bars(stacked)},
		{"hbars", HBars(tasksSpec())},
		{"lines", Lines(threatSpec())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := SVG(tc.scene)
			testkit.Golden(t, filepath.Join("testdata", tc.name+".svg"), got)
			checkScene(t, tc.scene)
			if _, err := parseSVG(got); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestValidSpecs checks the golden specs pass their own validation, so the goldens show
// charts of good data.
func TestValidSpecs(t *testing.T) {
	for _, err := range []error{outcomesSpec().Validate(), tasksSpec().Validate(), threatSpec().Validate()} {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestValidateRefuses(t *testing.T) {
	bad := BarSpec{
		Width:      -1,
		Categories: []string{"a", "b"},
		Series: []Series{
			{Name: "x", Values: []float64{-1, math.NaN()}},
			{Name: "", Values: []float64{1}},
		},
	}
	err := bad.Validate()
	if err == nil {
		t.Fatal("Validate accepted a spec with negative, NaN and missing values")
	}
	for _, want := range []string{"width", "value 0 is -1", "value 1 is NaN", "has 1 values for 2 categories", "no name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error %q does not mention %q", err, want)
		}
	}
	line := threatSpec()
	line.Series[0].Values[0] = 7
	if err := line.Validate(); err == nil || !strings.Contains(err.Error(), "outside the fixed domain") {
		t.Errorf("Validate of a value outside the fixed domain: %v", err)
	}
}

// TestBarCount checks there is one bar, and so one tooltip-carrying <rect>, for every
// non-zero value, grouped or stacked, vertical or horizontal: if bars went missing, or
// zeros drew bars, the count would differ.
func TestBarCount(t *testing.T) {
	spec := outcomesSpec()
	want := 0
	for _, se := range spec.Series {
		for _, v := range se.Values {
			if v != 0 {
				want++
			}
		}
	}
	for _, stacked := range []bool{false, true} {
		spec.Stacked = stacked
		for name, draw := range map[string]func(BarSpec) Scene{"Bars": Bars, "HBars": HBars} {
			doc, err := parseSVG(SVG(draw(spec)))
			if err != nil {
				t.Fatal(err)
			}
			if doc.bars != want {
				t.Errorf("%s stacked=%v: %d bars, want %d", name, stacked, doc.bars, want)
			}
		}
	}
}

func TestEscapingAndLinks(t *testing.T) {
	spec := BarSpec{
		Title:      `Доля <script> & "кавычки" 'одинарные'`,
		Categories: []string{`a<b & c>"d"`, "Ё'ж"},
		Series: []Series{{Name: `S&P "500"`, Values: []float64{3, 4},
			Links: []string{"/items/csc-2019-11-28-1", "javascript:alert(1)"}}},
	}
	svg := SVG(Bars(spec))
	if _, err := parseSVG(svg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`aria-label="Доля &lt;script&gt; &amp; &#34;кавычки&#34; &#39;одинарные&#39;"`,
		`a&lt;b &amp; c&gt;&#34;d&#34;`,
		`Ё&#39;ж`,
		`<a href="/items/csc-2019-11-28-1"><rect`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	for _, bad := range []string{"<script", "javascript:", `a<b`} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %s", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 17: "17", 2.5: "2.5", 0.333333: "0.33", -0.001: "0", 1234567.891: "1234567.89",
		1e15: "1000000000000000", 1e-9: "0", -2.005: "-2.01",
	} {
		if got := FormatNumber(v); got != want && !(v == -2.005 && got == "-2") {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
	if got := SVG(Scene{Width: 100.004, Height: 1e20}); !strings.Contains(got, `viewBox="0 0 100 100000000000000000000"`) {
		t.Errorf("SVG of huge canvas: %s", got)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi  float64
		integer bool
		want    string
	}{
		{0, 21, true, "[0 5 10 15 20 25]"},
		{0, 3, true, "[0 1 2 3]"},
		{0, 0.3, false, "[0 0.1 0.2 0.3]"},
		{0, 0, true, "[0 1]"},
		{0, 870, true, "[0 200 400 600 800 1000]"},
		{-3, 7, true, "[-4 -2 0 2 4 6 8]"},
	} {
		sc := niceScale(tc.lo, tc.hi, 5, tc.integer)
		got := make([]string, len(sc.ticks))
		for i, v := range sc.ticks {
			got[i] = fmtNum(v)
		}
		if s := "[" + strings.Join(got, " ") + "]"; s != tc.want {
			t.Errorf("niceScale(%v, %v) ticks %s, want %s", tc.lo, tc.hi, s, tc.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	s := "Принято в ограниченном формате"
	got := truncate(s, 10, false, 60)
	if !strings.HasSuffix(got, "…") || TextWidth(got, 10, false) > 60 {
		t.Errorf("truncate = %q (%.1f pt)", got, TextWidth(got, 10, false))
	}
	if got := truncate(s, 10, false, 1000); got != s {
		t.Errorf("truncate shortened a fitting label: %q", got)
	}
	if got := truncate(s, 10, false, 1); got != "" {
		t.Errorf("truncate to nothing = %q", got)
	}
	lines := wrap(s, 10, false, 80, 2)
	if len(lines) != 2 || lines[0] != "Принято в" || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("wrap = %q", lines)
	}
}

func TestEmptyCharts(t *testing.T) {
	for name, s := range map[string]Scene{
		"bars nil":          Bars(BarSpec{}),
		"bars no series":    Bars(BarSpec{Categories: []string{"2019"}}),
		"hbars nil":         HBars(BarSpec{NoData: "Нет данных"}),
		"lines nil":         Lines(LineSpec{}),
		"lines all NaN":     Lines(LineSpec{Labels: []string{"a"}, Series: []Series{{Values: []float64{math.NaN()}}}}),
		"lines no series":   Lines(LineSpec{Labels: []string{"a", "b"}}),
		"lines no labels":   Lines(LineSpec{Series: []Series{{Values: []float64{1}}}}),
		"bars all zero":     Bars(BarSpec{Categories: []string{"a", "b"}, Series: []Series{{Values: []float64{0, 0}}}}),
		"bars one":          Bars(BarSpec{Categories: []string{"a"}, Series: []Series{{Values: []float64{1}}}}),
		"lines one":         Lines(LineSpec{Labels: []string{"a"}, Series: []Series{{Values: []float64{1}}}}),
		"lines constant":    Lines(LineSpec{Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{-3, -3}}}}),
		"hbars all zero":    HBars(BarSpec{Categories: []string{"a"}, Series: []Series{{Values: []float64{0}}, {Values: []float64{0}}}, Stacked: true}),
		"bars bad size":     Bars(BarSpec{Width: math.NaN(), Height: math.Inf(1), Categories: []string{"a"}, Series: []Series{{Values: []float64{1}}}}),
		"lines bad domain":  Lines(LineSpec{Labels: []string{"a"}, Series: []Series{{Values: []float64{1}}}, Y: &Domain{Min: 5, Max: 1}}),
		"bars huge":         Bars(BarSpec{Categories: []string{"a", "b"}, Series: []Series{{Values: []float64{math.Inf(1), 1e300}}, {Values: []float64{math.MaxFloat64, 1}}}, Stacked: true}),
		"lines out of fix":  Lines(LineSpec{Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{-100, 100}}}, Y: &Domain{Min: 1, Max: 5}}),
		"bars tiny canvas":  Bars(BarSpec{Width: 1, Height: 1, Title: strings.Repeat("Заголовок ", 30), Categories: []string{"a"}, Series: manySeries(20, 1)}),
		"hbars tiny canvas": HBars(BarSpec{Width: 1, Height: 1, Title: strings.Repeat("Заголовок ", 30), Categories: []string{"a", "b", "c"}, Series: manySeries(20, 3)}),
	} {
		t.Run(name, func(t *testing.T) {
			checkScene(t, s)
			if _, err := parseSVG(SVG(s)); err != nil {
				t.Error(err)
			}
		})
	}
	s := SVG(Bars(BarSpec{NoData: "Нет данных"}))
	if !strings.Contains(s, ">Нет данных</text>") {
		t.Errorf("empty chart lacks the no-data message:\n%s", s)
	}
}

func manySeries(m, n int) []Series {
	out := make([]Series, m)
	for j := range out {
		out[j].Name = fmt.Sprintf("Серия номер %d", j+1)
		out[j].Values = make([]float64, n)
		for i := range n {
			out[j].Values[i] = float64(i + j)
		}
	}
	return out
}

// TestRandomSpecs is a property test: whatever the data, every shape lies inside the
// canvas with finite coordinates, and the SVG parses.
func TestRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 11))
	for iter := range 300 {
		bs := randomBarSpec(r)
		ls := randomLineSpec(r)
		for name, s := range map[string]Scene{"Bars": Bars(bs), "HBars": HBars(bs), "Lines": Lines(ls)} {
			if !checkScene(t, s) {
				t.Fatalf("iteration %d, %s", iter, name)
			}
			doc, err := parseSVG(SVG(s))
			if err != nil {
				t.Fatalf("iteration %d, %s: %v", iter, name, err)
			}
			if name != "Lines" {
				if want := nonZero(bs); doc.bars != want {
					t.Fatalf("iteration %d, %s: %d bars for %d non-zero values", iter, name, doc.bars, want)
				}
			}
		}
	}
}

var labelPool = []string{
	"", "2019", "2024-03-15", "Принято", "Принято в ограниченном формате", "Не принято",
	"Просрочено — требуется решение Совета министров иностранных дел", `a<b & "c"`,
	"Ёлка\tс\nпереводом", "ОЧЕНЬ ДЛИННОЕ НАЗВАНИЕ ЗАГЛАВНЫМИ БУКВАМИ БЕЗ ПРОБЕЛОВ_И_ПЕРЕНОСОВ",
	"x", "\x00\xff\xfe", "Терроризм", "Operation figures by year",
}

func randomValue(r *rand.Rand) float64 {
	switch r.IntN(10) {
	case 0:
		return 0
	case 1:
		return r.Float64() * 0.01
	case 2:
		return r.Float64() * 1e12
	case 3:
		return []float64{math.NaN(), math.Inf(1), -5, 1e300, MaxValue}[r.IntN(5)]
	case 4:
		return r.Float64() * 10
	}
	return float64(r.IntN(40))
}

func randomSize(r *rand.Rand) float64 {
	if r.IntN(3) == 0 {
		return 0
	}
	return []float64{1, 100, 200, 320, 480, 700, 1200, 5000}[r.IntN(8)]
}

func randomSeries(r *rand.Rand, n int) []Series {
	series := make([]Series, r.IntN(10))
	allZero := r.IntN(6) == 0
	for j := range series {
		series[j].Name = labelPool[r.IntN(len(labelPool))]
		series[j].Values = make([]float64, max(n+r.IntN(2)-r.IntN(2), 0)) // sometimes too few or too many
		for i := range series[j].Values {
			if !allZero {
				series[j].Values[i] = randomValue(r)
			}
		}
		if r.IntN(3) == 0 {
			series[j].Links = []string{"/items/1", "javascript:x", "https://example.org/a?b=1&c=2"}
		}
	}
	return series
}

func randomBarSpec(r *rand.Rand) BarSpec {
	n := []int{0, 1, 2, 5, 12, 40, 150}[r.IntN(7)]
	s := BarSpec{
		Title: labelPool[r.IntN(len(labelPool))], Unit: labelPool[r.IntN(len(labelPool))],
		Width: randomSize(r), Height: randomSize(r), Stacked: r.IntN(2) == 0, HideTitle: r.IntN(4) == 0,
		Categories: make([]string, n),
	}
	for i := range s.Categories {
		s.Categories[i] = labelPool[r.IntN(len(labelPool))]
	}
	s.Series = randomSeries(r, n)
	return s
}

func randomLineSpec(r *rand.Rand) LineSpec {
	n := []int{0, 1, 2, 7, 30, 200}[r.IntN(6)]
	s := LineSpec{
		Title: labelPool[r.IntN(len(labelPool))], Unit: labelPool[r.IntN(len(labelPool))],
		Width: randomSize(r), Height: randomSize(r), Labels: make([]string, n),
	}
	for i := range s.Labels {
		s.Labels[i] = labelPool[r.IntN(len(labelPool))]
	}
	s.Series = randomSeries(r, n)
	for _, se := range s.Series {
		for i := range se.Values {
			if r.IntN(5) == 0 {
				se.Values[i] = -se.Values[i]
			}
		}
	}
	switch r.IntN(4) {
	case 0:
		s.Y = &Domain{Min: 1, Max: 5, Ticks: []Tick{{1, "1 низкий"}, {3, "3"}, {5, "5 критический"}, {9, "вне"}}}
	case 1:
		s.Y = &Domain{Min: -1, Max: float64(r.IntN(3))}
	}
	return s
}

// nonZero counts the bars a spec should draw: values that stay positive after clamping,
// within the categories.
func nonZero(s BarSpec) int {
	if len(s.Categories) == 0 {
		return 0
	}
	n := 0
	for _, se := range s.Series {
		for i, v := range se.Values {
			if i < len(s.Categories) && clampBar(v) > 0 {
				n++
			}
		}
	}
	return n
}

// checkScene reports every coordinate that is not finite or lies outside the canvas,
// including the estimated extent of texts. It returns whether the scene passed.
func checkScene(t testing.TB, s Scene) bool {
	t.Helper()
	ok := true
	fail := func(i int, sh Shape, format string, args ...any) {
		t.Helper()
		if ok {
			t.Errorf("shape %d %v %+v: %s", i, sh.Kind, sh, fmt.Sprintf(format, args...))
		}
		ok = false
	}
	if !finite(s.Width) || !finite(s.Height) || s.Width <= 0 || s.Height <= 0 {
		t.Errorf("canvas %v × %v", s.Width, s.Height)
		return false
	}
	const eps = 1e-6
	inside := func(x0, y0, x1, y1 float64) bool {
		for _, v := range []float64{x0, y0, x1, y1} {
			if !finite(v) {
				return false
			}
		}
		return x0 >= -eps && y0 >= -eps && x1 <= s.Width+eps && y1 <= s.Height+eps && x0 <= x1+eps && y0 <= y1+eps
	}
	for i, sh := range s.Shapes {
		for _, v := range []float64{sh.X, sh.Y, sh.W, sh.H, sh.X2, sh.Y2, sh.StrokeWidth, sh.FontSize} {
			if !finite(v) {
				fail(i, sh, "non-finite number")
			}
		}
		switch sh.Kind {
		case Rect:
			if sh.W < 0 || sh.H < 0 || !inside(sh.X, sh.Y, sh.X+sh.W, sh.Y+sh.H) {
				fail(i, sh, "rect outside")
			}
		case Circle:
			if sh.W <= 0 || !inside(sh.X-sh.W, sh.Y-sh.W, sh.X+sh.W, sh.Y+sh.W) {
				fail(i, sh, "circle outside")
			}
		case Line:
			if !inside(math.Min(sh.X, sh.X2), math.Min(sh.Y, sh.Y2), math.Max(sh.X, sh.X2), math.Max(sh.Y, sh.Y2)) {
				fail(i, sh, "line outside")
			}
		case Polyline:
			if len(sh.Points) < 2 {
				fail(i, sh, "polyline of %d points", len(sh.Points))
			}
			for _, p := range sh.Points {
				if !inside(p.X, p.Y, p.X, p.Y) {
					fail(i, sh, "point outside")
				}
			}
		case Text:
			w := TextWidth(sh.Text, sh.FontSize, sh.Bold)
			x0 := sh.X - []float64{0, w / 2, w}[sh.Anchor]
			if sh.Text == "" || sh.Text != clean(sh.Text) || sh.FontSize <= 0 ||
				!inside(x0, sh.Y-ascent*sh.FontSize, x0+w, sh.Y+descent*sh.FontSize) {
				fail(i, sh, "text outside (%.2f wide) or unclean", w)
			}
		default:
			fail(i, sh, "unknown kind")
		}
		if sh.Link != "" && safeLink(sh.Link) != sh.Link {
			fail(i, sh, "unsafe link")
		}
	}
	return ok
}

// svgDoc is what the tests learn from parsing an SVG.
type svgDoc struct {
	bars int // <rect> elements with a <title>: bars carry tooltips, legend squares do not
}

// parseSVG checks that s is one well-formed XML document with an <svg> root, and counts
// its bars.
func parseSVG(s string) (svgDoc, error) {
	var doc svgDoc
	dec := xml.NewDecoder(strings.NewReader(s))
	var stack []string
	roots := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("SVG is not well-formed XML: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				roots++
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					return doc, fmt.Errorf("root element %v", tok.Name)
				}
			}
			if tok.Name.Local == "title" && len(stack) > 0 && stack[len(stack)-1] == "rect" {
				doc.bars++
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 && strings.TrimSpace(string(tok)) != "" {
				return doc, fmt.Errorf("text outside the root: %q", tok)
			}
		}
	}
	if roots != 1 {
		return doc, fmt.Errorf("%d root elements", roots)
	}
	return doc, nil
}
