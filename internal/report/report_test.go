package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/demo"
	"secretariat/internal/store"
	"secretariat/internal/testkit"
)

type shared struct {
	once sync.Once
	st   *store.Store
	err  error
}

var demoStore, genStore shared

func (s *shared) get(t *testing.T, load func(context.Context, *store.Store) error) *store.Store {
	t.Helper()
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "report-")
		if err != nil {
			s.err = err
			return
		}
		s.st, s.err = store.Open(context.Background(), filepath.Join(dir, "r.db"), store.Options{Create: true})
		if s.err == nil {
			s.err = load(context.Background(), s.st)
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.st
}

// demoRecord loads the demo record once for the package's tests, which only read it.
func demoRecord(t *testing.T) *store.Store {
	return demoStore.get(t, func(ctx context.Context, st *store.Store) error { return demo.Load(ctx, st, nil) })
}

// generatedYears are the years of the generated record.
const genFrom, genYears = 2010, 8

// generatedRecord is a synthetic record nobody wrote by hand: every outcome, restricted
// records, tasks in every state, figures of every scope.
func generatedRecord(t *testing.T) *store.Store {
	return genStore.get(t, func(ctx context.Context, st *store.Store) error {
		return demo.Generate(ctx, st, demo.GenerateOptions{Seed: 2024, From: genFrom, Years: genYears})
	})
}

func buildYear(t *testing.T, st *store.Store, year int, asOf time.Time, v secretariat.Viewer) *YearReview {
	t.Helper()
	r, err := Build(context.Background(), st, year, asOf, v)
	if err != nil {
		t.Fatalf("%d as %s: %v", year, v, err)
	}
	return r
}

func build(t *testing.T, st *store.Store, asOf time.Time, v secretariat.Viewer) *YearReview {
	t.Helper()
	return buildYear(t, st, 2019, asOf, v)
}

func render(t *testing.T, r *YearReview, format string, lang secretariat.Lang) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, format, RenderOptions{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

func TestGoldenReviewOf2019(t *testing.T) {
	r := build(t, demoRecord(t), time.Time{}, secretariat.Secretariat)
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		for _, format := range []string{"md", "json"} {
			golden(t, "review-2019."+string(lang)+"."+format, render(t, r, format, lang))
		}
	}
	public := build(t, demoRecord(t), time.Time{}, secretariat.Anonymous)
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		golden(t, "review-2019.public."+string(lang)+".md", render(t, public, "md", lang))
	}
}

// The review states, from computed figures, each claim of the Secretary General's
// interview that the record holds.
func TestTheInterviewsClaims(t *testing.T) {
	r := build(t, demoRecord(t), time.Time{}, secretariat.Secretariat)
	if r.Tasks.Set.N != 12 || r.Tasks.Fulfilled.N != 12 || r.Tasks.CheckedAt == nil || r.Tasks.CheckedAt.Ref.ID != "csc-2019-11-28" {
		t.Errorf("the 2018 tasks at the 2019 session: %+v", r.Tasks)
	}
	var kg *ChairTerm
	for i := range r.Chairmanship.Terms {
		if r.Chairmanship.Terms[i].State == "KG" {
			kg = &r.Chairmanship.Terms[i]
		}
	}
	if kg == nil || len(kg.Priorities) != 6 || kg.Fulfilled != 6 {
		t.Errorf("Kyrgyzstan's priorities: %+v", kg)
	}
	csc := r.Sessions.Bodies[0]
	if !csc.Supreme || csc.Items.N != 17 || csc.Outcome(secretariat.Adopted).N != 17 || csc.Signed.N != 15 || len(csc.Items.Records) != 17 {
		t.Errorf("the Bishkek session: %+v", csc)
	}
	names := map[string]bool{}
	for _, th := range r.Threats.Threats {
		names[th.Ref.ID] = true
	}
	for _, id := range []string{"arms-control", "space", "information", "terrorism", "afghanistan"} {
		if !names[id] {
			t.Errorf("the threat %s is not named", id)
		}
	}
	md := render(t, r, "md", secretariat.EN)
	for _, claim := range []string{"all 12 had been fulfilled", "all 6 were fulfilled", "It considered 17 items; all 17 were adopted",
		"militarization of space", "information aggression", "international terrorism", "about 600", "more than 30",
		"All regular operations of 2019 together", "people checked — more than 250,000", "illegal-migration channels closed — 39"} {
		if !strings.Contains(md, claim) {
			t.Errorf("the English review does not say %q", claim)
		}
	}
	ru := render(t, r, "md", secretariat.RU)
	for _, claim := range []string{"выполнены все 12", "выполнены все 6", "Рассмотрено 17 вопросов; приняты все 17", "около 600", "более 30",
		"Все регулярные операции 2019 года вместе", "проверено лиц — более 250\u00a0000"} {
		if !strings.Contains(ru, claim) {
			t.Errorf("the Russian review does not say %q", claim)
		}
	}
}

// Patrushev's figures are for all regular operations of 2019: they stand apart from
// Mercenary's, are never set against them as a conflict, and never added to them.
func TestFiguresOfOneScopeAreNeverComparedWithOrAddedToAnother(t *testing.T) {
	for _, c := range []struct {
		name  string
		st    *store.Store
		years []int
	}{{"demo", demoRecord(t), []int{2017, 2018, 2019, 2020, 2021}}, {"generated", generatedRecord(t), genYearList()}} {
		figs, _, err := store.FindAll[secretariat.ResultFigure](context.Background(), c.st, secretariat.Secretariat, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]secretariat.ResultFigure{}
		for _, f := range figs {
			byID[f.ID] = f
		}
		for _, y := range c.years {
			r := buildYear(t, c.st, y, time.Time{}, secretariat.Secretariat)
			for _, op := range r.Operations.Operations {
				for _, m := range op.Metrics {
					for _, f := range append(append([]FigureLine{}, m.Figures...), m.Conflicts...) {
						if got := byID[f.Ref.ID]; got.ScopeOf() != secretariat.ScopeOperation || got.Operation != op.Ref.ID {
							t.Errorf("%s %d: %s's %s shows figure %s of scope %s", c.name, y, op.Ref.ID, m.Metric.Key, f.Ref.ID, got.Coverage())
						}
					}
				}
			}
			for _, w := range r.Operations.Wider {
				for _, m := range w.Metrics {
					coverage := ""
					for _, f := range append(append([]FigureLine{}, m.Figures...), m.Conflicts...) {
						got := byID[f.Ref.ID]
						if got.ScopeOf() == secretariat.ScopeOperation || (coverage != "" && got.Coverage() != coverage) {
							t.Errorf("%s %d: the %s figures mix %s and %s", c.name, y, w.Scope, coverage, got.Coverage())
						}
						coverage = got.Coverage()
					}
				}
			}
		}
	}
	r := build(t, demoRecord(t), time.Time{}, secretariat.Secretariat)
	for _, op := range r.Operations.Operations {
		for _, m := range op.Metrics {
			if op.Ref.ID == "mercenary" && (len(m.Conflicts) > 0 || strings.Contains(m.Metric.Key, "checked")) {
				t.Errorf("Mercenary still carries the figures of all operations: %+v", m)
			}
		}
	}
	if len(r.Operations.Wider) != 1 || r.Operations.Wider[0].Scope != secretariat.ScopeProgramme || len(r.Operations.Wider[0].Metrics) != 4 {
		t.Errorf("the programme's figures of 2019: %+v", r.Operations.Wider)
	}
}

func genYearList() []int {
	var out []int
	for y := genFrom; y < genFrom+genYears; y++ {
		out = append(out, y)
	}
	return out
}

// checkCounts walks a review and holds every Count to itself: the records it names and
// the restricted ones it only counts make up its number.
func checkCounts(t *testing.T, label string, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			checkCounts(t, label, v.Elem(), path)
		}
	case reflect.Struct:
		if c, ok := v.Interface().(Count); ok {
			if len(c.Records)+c.Restricted != c.N || c.Restricted < 0 {
				t.Errorf("%s: %s counts %d, names %d and restricts %d", label, path, c.N, len(c.Records), c.Restricted)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				checkCounts(t, label, v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			checkCounts(t, label, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

func sumParts(parts ...Count) (n, restricted int) {
	for _, p := range parts {
		n += p.N
		restricted += p.Restricted
	}
	return n, restricted
}

// checkSums holds every breakdown of a review to its total.
func checkSums(t *testing.T, label string, r *YearReview) {
	t.Helper()
	checkCounts(t, label, reflect.ValueOf(r), "review")
	tk := r.Tasks
	var parts []Count
	for _, p := range tk.Parts() {
		parts = append(parts, p.Count)
	}
	if n, res := sumParts(parts...); n != tk.Set.N || res != tk.Set.Restricted {
		t.Errorf("%s: the tasks' states add up to %d (%d restricted), the tasks set are %d (%d)", label, n, res, tk.Set.N, tk.Set.Restricted)
	}
	if visible := tk.Set.N - tk.Set.Restricted - (tk.Fulfilled.N - tk.Fulfilled.Restricted); len(tk.Open) != visible {
		t.Errorf("%s: the table of tasks not fulfilled has %d rows for %d visible tasks", label, len(tk.Open), visible)
	}
	for _, b := range r.Sessions.Bodies {
		var outs []Count
		for _, o := range b.Outcomes {
			outs = append(outs, o.Count)
		}
		outs = append(outs, b.Undecided)
		if n, res := sumParts(outs...); n != b.Items.N || res != b.Items.Restricted {
			t.Errorf("%s: %s's outcomes add up to %d (%d restricted), its items are %d (%d)", label, b.Body.ID, n, res, b.Items.N, b.Items.Restricted)
		}
		held := 0
		for _, s := range b.Sessions {
			if s.Held {
				held += s.Items.N
			}
		}
		if held != b.Items.N {
			t.Errorf("%s: %s's sessions hold %d items, its year %d", label, b.Body.ID, held, b.Items.N)
		}
		if b.Held.N+b.Planned.N != len(b.Sessions) {
			t.Errorf("%s: %s held %d and planned %d of %d sessions", label, b.Body.ID, b.Held.N, b.Planned.N, len(b.Sessions))
		}
		if b.Supreme {
			cur := r.Comparison.Years[len(r.Comparison.Years)-1]
			adopted := b.Outcome(secretariat.Adopted).N + b.Outcome(secretariat.AdoptedLimited).N
			if cur.Items.N != b.Items.N || cur.Adopted.N != adopted {
				t.Errorf("%s: the comparison counts %d items, %d adopted; the sessions %d, %d", label, cur.Items.N, cur.Adopted.N, b.Items.N, adopted)
			}
		}
	}
	if p := r.Pipeline; p.Count.N-p.Count.Restricted != len(p.Items) {
		t.Errorf("%s: the pipeline counts %d (%d restricted) and lists %d", label, p.Count.N, p.Count.Restricted, len(p.Items))
	}
	th := r.Threats
	if th.Named.N-th.Named.Restricted != len(th.Threats) || th.Unanswered.N > th.Named.N {
		t.Errorf("%s: the register counts %d (%d restricted), lists %d, %d unanswered", label, th.Named.N, th.Named.Restricted, len(th.Threats), th.Unanswered.N)
	}
	unanswered := 0
	for _, l := range th.Threats {
		if l.Decisions.N == 0 {
			unanswered++
		}
	}
	if unanswered != th.Unanswered.N-th.Unanswered.Restricted {
		t.Errorf("%s: %d visible threats have no decision, the review says %d", label, unanswered, th.Unanswered.N-th.Unanswered.Restricted)
	}
	var secs []Count
	for _, s := range r.Publications.Sections {
		secs = append(secs, s.Count)
	}
	if n, res := sumParts(secs...); n != r.Publications.Total.N || res != r.Publications.Total.Restricted {
		t.Errorf("%s: the sections hold %d publications, the total is %d", label, n, r.Publications.Total.N)
	}
	for _, y := range r.Comparison.Years {
		if y.Adopted.N > y.Items.N || y.TasksDone.N > y.TasksSet.N || y.Unrecorded > y.Sessions {
			t.Errorf("%s: the comparison's %d does not add up: %+v", label, y.Year, y)
		}
	}
	for _, c := range r.Chairmanship.Terms {
		if c.Fulfilled > len(c.Priorities) {
			t.Errorf("%s: %s fulfilled %d of %d priorities", label, c.Ref.ID, c.Fulfilled, len(c.Priorities))
		}
	}
	// The sentence that breaks the tasks down names every state that has tasks.
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		text := Narrate(r, lang)[1].Text
		if tk.Set.N > 0 && tk.Fulfilled.N < tk.Set.N {
			for _, p := range tk.Parts() {
				if p.Count.N > 0 && !strings.Contains(text, say{lang}.TaskPart(p.State, p.Count.N)) {
					t.Errorf("%s (%s): the tasks paragraph does not say %q: %s", label, lang, say{lang}.TaskPart(p.State, p.Count.N), text)
				}
			}
		}
	}
}

func TestEveryBreakdownSumsToItsTotal(t *testing.T) {
	viewers := []secretariat.Viewer{secretariat.Secretariat, secretariat.Anonymous, {Role: secretariat.RoleDelegate, State: "KG"}}
	for y := 2017; y <= 2021; y++ {
		for _, v := range viewers {
			checkSums(t, fmt.Sprintf("demo %d as %s", y, v), buildYear(t, demoRecord(t), y, time.Time{}, v))
		}
	}
	gen := generatedRecord(t)
	restricted, states := 0, map[secretariat.TaskState]bool{}
	for _, y := range genYearList() {
		for _, v := range viewers[:2] {
			r := buildYear(t, gen, y, time.Time{}, v)
			checkSums(t, fmt.Sprintf("generated %d as %s", y, v), r)
			if v.Role == secretariat.RolePublic {
				restricted += r.Tasks.Set.Restricted
				for _, b := range r.Sessions.Bodies {
					restricted += b.Items.Restricted
				}
			}
			for _, p := range r.Tasks.Parts() {
				if p.Count.N > 0 {
					states[p.State] = true
				}
			}
		}
	}
	// The generated record must exercise what it is for.
	if restricted == 0 || len(states) < 4 {
		t.Fatalf("the generated record is too tame: %d restricted, task states %v", restricted, states)
	}
}

// totals are the counts of a review that do not depend on who reads it.
func totals(r *YearReview) map[string]int {
	out := map[string]int{"tasks set": r.Tasks.Set.N, "pipeline": r.Pipeline.Count.N, "threats": r.Threats.Named.N,
		"unanswered": r.Threats.Unanswered.N, "publications": r.Publications.Total.N, "illustrative>=": 0}
	for _, p := range r.Tasks.Parts() {
		out["tasks "+string(p.State)] = p.Count.N
	}
	for _, b := range r.Sessions.Bodies {
		out[b.Body.ID+" items"] = b.Items.N
		out[b.Body.ID+" signed"] = b.Signed.N
		out[b.Body.ID+" held"] = b.Held.N
		out[b.Body.ID+" undecided"] = b.Undecided.N
		for _, o := range b.Outcomes {
			out[b.Body.ID+" "+string(o.Result)] = o.Count.N
		}
	}
	for _, s := range r.Publications.Sections {
		out["section "+s.Section] = s.Count.N
	}
	for _, y := range r.Comparison.Years {
		out[fmt.Sprintf("%d items", y.Year)] = y.Items.N
		out[fmt.Sprintf("%d adopted", y.Year)] = y.Adopted.N
		out[fmt.Sprintf("%d tasks", y.Year)] = y.TasksSet.N
		out[fmt.Sprintf("%d done", y.Year)] = y.TasksDone.N
	}
	for _, c := range r.Chairmanship.Terms {
		out[c.Ref.ID] = c.Fulfilled
	}
	return out
}

// The public review counts what it may not show: its totals equal the secretariat's.
func TestThePublicReviewsTotalsEqualTheOfficers(t *testing.T) {
	check := func(label string, st *store.Store, y int) {
		officer, public := totals(buildYear(t, st, y, time.Time{}, secretariat.Secretariat)), totals(buildYear(t, st, y, time.Time{}, secretariat.Anonymous))
		if !reflect.DeepEqual(officer, public) {
			for k, v := range officer {
				if public[k] != v {
					t.Errorf("%s %d: %s is %d for the secretariat and %d for the public", label, y, k, v, public[k])
				}
			}
		}
	}
	for y := 2017; y <= 2021; y++ {
		check("demo", demoRecord(t), y)
	}
	for _, y := range genYearList() {
		check("generated", generatedRecord(t), y)
	}
	// What the issue found: 15 documents signed, the CSSC's 8 items, the CMD's one.
	public := build(t, demoRecord(t), time.Time{}, secretariat.Anonymous)
	md := render(t, public, "md", secretariat.EN)
	for _, s := range []string{"15 documents were signed (1 of them restricted)", "It considered 8 items (1 of them restricted); all 8 were adopted",
		"It considered 1 item (restricted); it was adopted", "1 restricted decision"} {
		if !strings.Contains(md, s) {
			t.Errorf("the public review does not say %q", s)
		}
	}
	for _, th := range public.Threats.Threats {
		if th.Ref.ID == "afghanistan" && (th.Decisions.N != 1 || th.Decisions.Restricted != 1) {
			t.Errorf("the threat answered by a restricted decision: %+v", th.Decisions)
		}
	}
	if public.Threats.Unanswered.N != 2 {
		t.Errorf("the public review lists %d threats without a decision, the secretariat's 2", public.Threats.Unanswered.N)
	}
}

func TestAReviewShowsTheRecordAsItStoodAtTheEndOfItsYear(t *testing.T) {
	st := demoRecord(t)
	for _, y := range []int{1990, 2016, 2022, 2030} {
		if _, err := Build(context.Background(), st, y, time.Time{}, secretariat.Anonymous); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
			t.Errorf("the review of %d: %v, want not found", y, err)
		}
	}
	if _, err := Build(context.Background(), st, 2019, secretariat.MustDate("2018-06-01").EndTime(), secretariat.Anonymous); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Errorf("the review of 2019 as of 2018: %v, want not found", err)
	}
	for y := 2017; y <= 2021; y++ {
		r := buildYear(t, st, y, time.Time{}, secretariat.Secretariat)
		out := render(t, r, "json", secretariat.EN)
		var doc any
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		// No decision of a later year, no source published after the review's day.
		walkRefs(doc, func(kind, id string) {
			if kind == "decision" {
				var body string
				var year, n int
				if _, err := fmt.Sscanf(strings.Replace(id, "-", " ", -1), "%s %d %d", &body, &year, &n); err == nil && year > y {
					t.Errorf("the review of %d cites decision %s", y, id)
				}
			}
		})
		for _, s := range r.Sources {
			if !s.Date.IsZero() && s.Date.After(r.Today) {
				t.Errorf("the review of %d cites %s, published %s", y, s.Ref.ID, s.Date)
			}
		}
		for _, th := range r.Threats.Threats {
			for _, p := range th.History {
				if p.Date.After(r.Today) {
					t.Errorf("the review of %d shows %s's level of %s", y, th.Ref.ID, p.Date)
				}
			}
		}
	}
	// In 2017 no decision answered any threat: the answers came in 2018 and 2019.
	r := buildYear(t, st, 2017, time.Time{}, secretariat.Secretariat)
	if r.Threats.Unanswered.N != r.Threats.Named.N || r.Threats.Named.N != 7 {
		t.Errorf("the 2017 register: %d threats, %d without a decision", r.Threats.Named.N, r.Threats.Unanswered.N)
	}
	if r.Tasks.SetAt != nil || len(r.Comparison.Years) != 1 || r.Comparison.Years[0].Unrecorded != 1 {
		t.Errorf("2017: %+v %+v", r.Tasks, r.Comparison)
	}
	md := render(t, r, "md", secretariat.EN)
	if strings.Contains(md, "0 items") || strings.Contains(md, "(0%)") {
		t.Errorf("the 2017 review prints zeros for items the record does not hold:\n%s", md)
	}
	// The 2020 review: the Bishkek tasks as they stood at the 2020 session.
	r = buildYear(t, st, 2020, time.Time{}, secretariat.Secretariat)
	if r.Tasks.Set.N != 6 || r.Tasks.Fulfilled.N != 1 || r.Tasks.Overdue.N != 1 || r.Tasks.InProgress.N != 4 {
		t.Errorf("the tasks of 2019 at the 2020 session: %+v", r.Tasks)
	}
}

func walkRefs(v any, f func(kind, id string)) {
	switch x := v.(type) {
	case map[string]any:
		if k, ok := x["kind"].(string); ok {
			if id, ok := x["id"].(string); ok {
				f(k, id)
			}
		}
		for _, e := range x {
			walkRefs(e, f)
		}
	case []any:
		for _, e := range x {
			walkRefs(e, f)
		}
	}
}

func TestAsOfBeforeTheSessionShowsItPlanned(t *testing.T) {
	asOf := secretariat.MustDate("2019-11-27").EndTime()
	r := build(t, demoRecord(t), asOf, secretariat.Secretariat)
	csc := r.Sessions.Bodies[0]
	if csc.Held.N != 0 || csc.Planned.N != 1 || csc.Items.N != 0 || csc.Sessions[0].Held {
		t.Fatalf("the 2019 session as of 27 November: %+v", csc)
	}
	if r.Tasks.CheckedAt != nil || r.Tasks.Fulfilled.N != 0 || r.Tasks.Checked.String() != "2019-11-27" || r.Today.String() != "2019-11-27" {
		t.Fatalf("the tasks as of 27 November: %+v", r.Tasks)
	}
	md := render(t, r, "md", secretariat.EN)
	if !strings.Contains(md, "A session is planned on 28 November 2019 in Bishkek") || strings.Contains(md, "all 17 were adopted") {
		t.Fatalf("the review as of 27 November:\n%s", md)
	}
	if r.Journal.Entries >= build(t, demoRecord(t), time.Time{}, secretariat.Secretariat).Journal.Entries {
		t.Fatal("the review as of a past date reads the whole journal")
	}
}

func TestThePublicReviewShowsNothingRestricted(t *testing.T) {
	public := build(t, demoRecord(t), time.Time{}, secretariat.Anonymous)
	restricted := []string{"secret document", "cmd-2019-04-30-1", "cssc-2019-06-27-1", "t2019-border", "csc-2019-3 ", "csc-2019-3,", "csc-2019-3<",
		"csc-2019-3\"", "csc-2019-3`", "CSC 2019, No. 3", "СКБ 2019, № 3", "Carry out the additional measures", "Реализовать дополнительные меры"}
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		for _, format := range []string{"md", "json", "html"} {
			out := render(t, public, format, lang)
			for _, s := range restricted {
				if strings.Contains(out, s) {
					t.Errorf("the public %s review (%s) shows %q", format, lang, s)
				}
			}
		}
	}
}

// A restricted figure that disagrees with a public one: the secretariat sees it beside
// the counted one; the public sees neither it nor its value, only that it exists.
func TestARestrictedFigureIsCountedNeverShown(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := secretariat.MustDate("2019-03-01").Time()
	w := st.WithClock(func() time.Time { clock = clock.Add(time.Hour); return clock })
	steps := []func() (store.Entry, error){
		func() (store.Entry, error) {
			return w.RegisterBody(ctx, secretariat.Body{ID: "sc", Kind: secretariat.BodySupreme, Name: secretariat.T("Высший совет", "Supreme Council"),
				Rules: []secretariat.DecisionRule{{From: secretariat.MustDate("2019-01-01"), Substantive: secretariat.Procedure{Method: secretariat.Consensus}, Procedural: secretariat.Procedure{Method: secretariat.SimpleMajority}}}})
		},
		func() (store.Entry, error) {
			return w.RegisterSource(ctx, secretariat.Source{ID: "site", Title: secretariat.T("Сайт", "Site"), URL: "https://example.org", Class: secretariat.OfficialSite})
		},
		func() (store.Entry, error) {
			return w.RegisterSource(ctx, secretariat.Source{ID: "stmt", Title: secretariat.T("Заявление", "Statement"), URL: "https://example.org/s", Class: secretariat.OfficialStatement})
		},
		func() (store.Entry, error) {
			return w.RegisterOperation(ctx, secretariat.Operation{ID: "op", CodeName: secretariat.T("Операция", "Operation"),
				Metrics: []secretariat.Metric{{Key: "people", Name: secretariat.T("выявлено", "identified"), Unit: "count"}}})
		},
		func() (store.Entry, error) {
			return w.ReportFigure(ctx, secretariat.ResultFigure{ID: "public-2019", Operation: "op", Year: 2019, Metric: "people", Value: 600, Qualifier: secretariat.About, Source: "site"})
		},
		func() (store.Entry, error) {
			return w.ReportFigure(ctx, secretariat.ResultFigure{ID: "secret-2019", Operation: "op", Year: 2019, Metric: "people", Value: 4242, Qualifier: secretariat.Exact,
				Source: "stmt", Access: secretariat.Access{Classification: secretariat.Restricted}})
		},
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
	}
	public := buildYear(t, st, 2019, time.Time{}, secretariat.Anonymous)
	officer := buildYear(t, st, 2019, time.Time{}, secretariat.Secretariat)
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		for _, format := range []string{"md", "json", "html"} {
			out := render(t, public, format, lang)
			for _, s := range []string{"secret-2019", "4,242", "4242", "4\u00a0242"} {
				if strings.Contains(out, s) {
					t.Errorf("the public %s review (%s) shows %q", format, lang, s)
				}
			}
		}
	}
	if public.Operations.Hidden != 1 || !strings.Contains(render(t, public, "md", secretariat.EN), "1 figure of the year is restricted and not shown") {
		t.Errorf("the public review does not count the restricted figure: %d", public.Operations.Hidden)
	}
	md := render(t, officer, "md", secretariat.EN)
	if !strings.Contains(md, "4,242") || !strings.Contains(md, "no: shown beside") || !strings.Contains(render(t, officer, "json", secretariat.EN), "secret-2019") {
		t.Errorf("the secretariat's review lacks the restricted figure beside the counted one:\n%s", md)
	}
}

// Sources reach readers by title and public address, never as a path of the repository.
func TestSourcesHaveTitlesAndNoRepositoryPaths(t *testing.T) {
	for y := 2017; y <= 2021; y++ {
		r := buildYear(t, demoRecord(t), y, time.Time{}, secretariat.Anonymous)
		for _, s := range r.Sources {
			if s.Title.EN == "" || s.Title.RU == "" {
				t.Errorf("%d: source %s has no title in both languages", y, s.Ref.ID)
			}
			if s.URL == "" && s.Reference == "" {
				t.Errorf("%d: source %s has neither an address nor a reference", y, s.Ref.ID)
			}
		}
		for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
			for _, format := range []string{"md", "html"} {
				out := render(t, r, format, lang)
				for _, bad := range []string{"shared/", "FACTS.md", "seed/", ".go", "`secretariat get"} {
					if bad == "`secretariat get" && format == "md" {
						continue
					}
					if strings.Contains(out, bad) {
						t.Errorf("the %d review (%s, %s) shows %q", y, format, lang, bad)
					}
				}
			}
		}
	}
	html := render(t, build(t, demoRecord(t), time.Time{}, secretariat.Anonymous), "html", secretariat.EN)
	if strings.Contains(html, "`") {
		t.Error("the HTML review shows a Markdown backtick")
	}
}

// The sources read as sentences an editor would pass in either language: no doubled
// full stop after a title that ends with one ("10–14 сентября 2018 г.."), and no
// English reference in the Russian review (a reference is shown to a Russian reader
// only when it is written in Russian, as the publisher is).
func TestSourcesReadAsSentencesInEitherLanguage(t *testing.T) {
	for y := 2017; y <= 2021; y++ {
		r := buildYear(t, demoRecord(t), y, time.Time{}, secretariat.Anonymous)
		for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
			out := render(t, r, "md", lang)
			if i := strings.Index(out, ".."); i >= 0 {
				t.Errorf("the %d review (%s) doubles a full stop: %q", y, lang, out[max(0, i-60):min(len(out), i+20)])
			}
			if lang == secretariat.RU {
				for _, english := range []string{"Statement of", "Press reports on"} {
					if strings.Contains(out, english) {
						t.Errorf("the %d review in Russian shows an English reference (%q)", y, english)
					}
				}
			}
		}
	}
}

func TestNumbersDatesAndAmounts(t *testing.T) {
	for _, c := range []struct {
		v    float64
		lang secretariat.Lang
		want string
	}{{250000, secretariat.EN, "250,000"}, {250000, secretariat.RU, "250\u00a0000"}, {1600, secretariat.EN, "1,600"}, {1600, secretariat.RU, "1600"},
		{20.5, secretariat.EN, "20.5"}, {20.5, secretariat.RU, "20,5"}, {0, secretariat.RU, "0"}, {33500, secretariat.RU, "33\u00a0500"}} {
		if got := FormatNumber(c.v, c.lang); got != c.want {
			t.Errorf("FormatNumber(%v, %s) = %q, want %q", c.v, c.lang, got, c.want)
		}
	}
	a := secretariat.Amount{Value: 30, Unit: "count", Qualifier: secretariat.MoreThan}
	if FormatAmount(a, secretariat.EN) != "more than 30" || FormatAmount(a, secretariat.RU) != "более 30" {
		t.Error(FormatAmount(a, secretariat.EN), FormatAmount(a, secretariat.RU))
	}
	if got := FormatAmount(secretariat.Amount{Value: 600, Unit: "count", Qualifier: secretariat.About}, secretariat.RU); got != "около 600" {
		t.Error(got)
	}
	if got := FormatAmount(secretariat.Amount{Value: 20.5, Unit: "t", Qualifier: secretariat.Exact}, secretariat.RU); got != "20,5\u00a0т" {
		t.Error(got)
	}
	if got := FormatDate(secretariat.MustDate("2019-11-28"), secretariat.RU); got != "28 ноября 2019 года" {
		t.Error(got)
	}
	if got := FormatDate(secretariat.MustDate("2019-11-28"), secretariat.EN); got != "28 November 2019" {
		t.Error(got)
	}
}

func TestPastTenseAgreesWithTheState(t *testing.T) {
	for name, want := range map[string]string{"Кыргызстан": "был", "Казахстан": "был", "Таджикистан": "был", "Россия": "была",
		"Армения": "была", "Беларусь": "была", "Того": "было"} {
		if got := ruPast(name, "был", "была", "было"); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

// The genitive of the bodies' names, as the review's Russian sentences need it.
func TestGenitiveOfBodyNames(t *testing.T) {
	for in, want := range map[string]string{
		"Совет коллективной безопасности":          "Совета коллективной безопасности",
		"Совет министров обороны":                  "Совета министров обороны",
		"Комитет секретарей советов безопасности":  "Комитета секретарей советов безопасности",
		"Постоянный совет":                         "Постоянного совета",
		"Объединенный штаб":                        "Объединенного штаба",
		"Парламентская Ассамблея":                  "Парламентской Ассамблеи",
		"Рабочая группа по Афганистану":            "Рабочей группы по Афганистану",
		"Координационный совет по противодействию": "Координационного совета по противодействию",
		"Совместное заседание СМИД, СМО и КССБ":    "Совместного заседания СМИД, СМО и КССБ",
		"Высший совет":                             "Высшего совета",
		"Генеральная ассамблея":                    "Генеральной ассамблеи",
		"Высшая палата":                            "Высшей палаты",
		"Общее собрание":                           "Общего собрания",
	} {
		if got, ok := genitiveRU(in); !ok || got != want {
			t.Errorf("genitive of %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Генеральный секретарь и Секретариат", "ОДКБ", "Бюро"} {
		if got, ok := genitiveRU(in); ok {
			t.Errorf("genitive of %q = %q: it should refuse rather than guess", in, got)
		}
	}
}

func TestBuildRefusesWhatItCannotReview(t *testing.T) {
	st := demoRecord(t)
	if _, err := Build(context.Background(), st, 19, time.Time{}, secretariat.Secretariat); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("year 19: %v", err)
	}
	empty, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "e.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, err := Build(context.Background(), empty, 2019, time.Time{}, secretariat.Secretariat); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("an empty record: %v", err)
	}
}

// The README quotes the beginning of the 2019 review as the public reads it, in both
// languages: the quotes must be what the program writes.
func TestTheREADMEQuotesTheReview(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "The 2019 review, as the public reads it")
	if i < 0 {
		t.Fatal("the README no longer quotes the 2019 review")
	}
	public := build(t, demoRecord(t), time.Time{}, secretariat.Anonymous)
	rendered := render(t, public, "md", secretariat.EN) + render(t, public, "md", secretariat.RU)
	quoted := 0
	for _, line := range strings.Split(text[i:strings.Index(text[i:], "\nFormats:")+i], "\n") {
		if !strings.HasPrefix(line, "> ") {
			continue
		}
		quoted++
		if q := strings.TrimPrefix(line, "> "); !strings.Contains(rendered, q+"\n") {
			t.Errorf("the README quotes a line the review does not write:\n%s", q)
		}
	}
	if quoted < 12 {
		t.Errorf("the README quotes only %d lines of the review", quoted)
	}
}
