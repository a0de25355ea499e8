package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/demo"
	"secretariat/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	demoOnce  sync.Once
	demoStore *store.Store
	demoErr   error
)

// demoRecord loads the demo record once for the package's tests, which only read it.
func demoRecord(t *testing.T) *store.Store {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "report-demo-")
		if err != nil {
			demoErr = err
			return
		}
		demoStore, demoErr = store.Open(context.Background(), filepath.Join(dir, "demo.db"), store.Options{Create: true})
		if demoErr == nil {
			demoErr = demo.Load(context.Background(), demoStore, nil)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoStore
}

func build(t *testing.T, st *store.Store, asOf time.Time, v secretariat.Viewer) *YearReview {
	t.Helper()
	r, err := Build(context.Background(), st, 2019, asOf, v)
	if err != nil {
		t.Fatal(err)
	}
	return r
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
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/report -update` to create it)", err)
	}
	if string(want) != got {
		t.Fatalf("%s differs from its golden file; rerun with -update if the change is intended", name)
	}
}

func TestGoldenReviewOf2019(t *testing.T) {
	r := build(t, demoRecord(t), time.Time{}, secretariat.Secretariat)
	for _, lang := range []secretariat.Lang{secretariat.EN, secretariat.RU} {
		for _, format := range []string{"md", "json"} {
			golden(t, "review-2019."+string(lang)+"."+format, render(t, r, format, lang))
		}
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
	if kg == nil || len(kg.Priorities) != 6 || kg.Fulfilled.N != 6 {
		t.Errorf("Kyrgyzstan's priorities: %+v", kg)
	}
	csc := r.Sessions.Bodies[0]
	if !csc.Supreme || csc.Items.N != 17 || countOf(csc.Outcomes, secretariat.Adopted) != 17 || csc.Signed.N != 15 || len(csc.Items.Records) != 17 {
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
	for _, claim := range []string{"all 12 were fulfilled", "all 6 are fulfilled", "It considered 17 items; all 17 were adopted",
		"Militarization of space", "Information aggression", "International terrorism", "about 600", "more than 30"} {
		if !strings.Contains(md, claim) {
			t.Errorf("the English review does not say %q", claim)
		}
	}
	ru := render(t, r, "md", secretariat.RU)
	for _, claim := range []string{"выполнены все 12", "выполнены все 6", "Рассмотрено 17 вопросов; приняты все 17", "около 600", "более 30"} {
		if !strings.Contains(ru, claim) {
			t.Errorf("the Russian review does not say %q", claim)
		}
	}
	// The figures carry the records behind them.
	for _, op := range r.Operations.Operations {
		for _, m := range op.Metrics {
			if len(m.Figures) == 0 || m.Figures[0].Ref.ID == "" || m.Figures[0].Source.ID == "" {
				t.Errorf("%s %s has no records behind it", op.Ref.ID, m.Metric.Key)
			}
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
	if r.Tasks.CheckedAt != nil || r.Tasks.Fulfilled.N != 0 || r.Tasks.Checked.String() != "2019-11-27" {
		t.Fatalf("the tasks as of 27 November: %+v", r.Tasks)
	}
	md := render(t, r, "md", secretariat.EN)
	if !strings.Contains(md, "A session of the Collective Security Council is planned for 28 November 2019") || strings.Contains(md, "all 17 were adopted") {
		t.Fatalf("the review as of 27 November:\n%s", md)
	}
	if r.Journal.Entries >= build(t, demoRecord(t), time.Time{}, secretariat.Secretariat).Journal.Entries {
		t.Fatal("the review as of a past date reads the whole journal")
	}
}

func TestThePublicReviewShowsNothingRestricted(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "d.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := demo.Load(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	// A restricted figure that disagrees with the interview's: the secretariat sees it
	// beside the chosen one; the public sees neither it nor its value.
	_, err = st.ReportFigure(ctx, secretariat.ResultFigure{ID: "mercenary-secret-2019", Operation: "mercenary", Year: 2019,
		Metric: "people_identified", Value: 4242, Qualifier: secretariat.Exact, Source: "patrushev-2019-12-18",
		Access: secretariat.Access{Classification: secretariat.Restricted}})
	if err != nil {
		t.Fatal(err)
	}
	public := build(t, st, time.Time{}, secretariat.Anonymous)
	officer := build(t, st, time.Time{}, secretariat.Secretariat)
	restricted := []string{"secret document", "for submission to the CSC\"", "mercenary-secret-2019", "4,242", "4242", "cmd-2019-04-30-1", "cssc-2019-06-27-1", "t2019-border", "csc-2019-3 ", "csc-2019-3,", "csc-2019-3<", "csc-2019-3\"", "csc-2019-3 |"}
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
	if public.Hidden.Items < 2 || public.Hidden.Decisions < 1 || public.Hidden.Figures != 1 {
		t.Errorf("the public review does not count what it hides: %+v", public.Hidden)
	}
	if !strings.Contains(render(t, public, "md", secretariat.EN), "restricted and not shown to this reader") {
		t.Error("the public review does not say restricted records exist")
	}
	if !strings.Contains(render(t, officer, "md", secretariat.EN), "4,242") || !strings.Contains(render(t, officer, "json", secretariat.EN), "mercenary-secret-2019") {
		t.Error("the secretariat's review lacks the restricted figure")
	}
	var decoded map[string]any
	if err := json.Unmarshal([]byte(render(t, public, "json", secretariat.EN)), &decoded); err != nil {
		t.Fatal(err)
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
	if got := count(secretariat.RU, 21, "", "", "вопрос", "вопроса", "вопросов"); got != "21 вопрос" {
		t.Error(got)
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
