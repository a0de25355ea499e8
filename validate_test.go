package secretariat

import (
	"encoding/json"
	"strings"
	"testing"
)

// validCase is a record that must pass, and variations of it that must fail on a named field.
type validCase struct {
	name  string
	valid Validator
	bad   []badCase
}

type badCase struct {
	field  string
	mutate func(v Validator)
}

func d(s string) Date { return MustDate(s) }

func validationCases() []validCase {
	txt := T("Текст", "Text")
	return []validCase{
		{"state", &MemberState{ID: "KG", Code: "KG", Name: T("Кыргызстан", "Kyrgyzstan"),
			Memberships: []MembershipPeriod{{Status: StandingMember, From: d("2002-10-07")}, {Status: StandingSuspended, From: d("2010-01-01"), Until: d("2010-06-01")}}},
			[]badCase{
				{"id", func(v Validator) { v.(*MemberState).ID = "k g" }},
				{"code", func(v Validator) { v.(*MemberState).Code = "kgz" }},
				{"name", func(v Validator) { v.(*MemberState).Name = Text{} }},
				{"name.authentic", func(v Validator) { v.(*MemberState).Name.Authentic = "" }},
				{"memberships[0].status", func(v Validator) { v.(*MemberState).Memberships[0].Status = "observer" }},
				{"memberships[0].until", func(v Validator) { v.(*MemberState).Memberships[0].Until = d("2000-01-01") }},
				{"memberships[1]", func(v Validator) { v.(*MemberState).Memberships[1].From = d("1999-01-01") }},
				{"memberships", func(v Validator) {
					s := v.(*MemberState)
					s.Memberships = append(s.Memberships, MembershipPeriod{Status: StandingMember, From: d("2005-01-01")})
				}},
			}},
		{"body", &Body{ID: "csc", Kind: BodySupreme, Name: T("Совет", "Council"),
			Rules: []DecisionRule{{From: d("2002-01-01"), Substantive: Procedure{Method: ConsensusLimited}, Procedural: Procedure{Method: QualifiedMajority, Majority: Fraction{2, 3}}, Quorum: Fraction{1, 2}}}},
			[]badCase{
				{"kind", func(v Validator) { v.(*Body).Kind = "club" }},
				{"rules[0].from", func(v Validator) { v.(*Body).Rules[0].From = Date{} }},
				{"rules[0].substantive.method", func(v Validator) { v.(*Body).Rules[0].Substantive.Method = "acclamation" }},
				{"rules[0].procedural.majority", func(v Validator) { v.(*Body).Rules[0].Procedural.Majority = Fraction{} }},
				{"rules[0].quorum", func(v Validator) { v.(*Body).Rules[0].Quorum = Fraction{3, 2} }},
				{"parent", func(v Validator) { v.(*Body).Parent = "csc" }},
				{"rotation.states", func(v Validator) { v.(*Body).Rotation = Rotation{Order: RotationExplicit} }},
				{"rotation.order", func(v Validator) { v.(*Body).Rotation = Rotation{Order: "random"} }},
			}},
		{"session", &Session{ID: "csc-2019", Body: "csc", Date: d("2019-11-28"), Kind: Regular, Format: []SessionFormat{Narrow, Expanded}},
			[]badCase{
				{"date", func(v Validator) { v.(*Session).Date = Date{} }},
				{"kind", func(v Validator) { v.(*Session).Kind = "informal" }},
				{"format[1]", func(v Validator) { v.(*Session).Format[1] = "huge" }},
				{"body", func(v Validator) { v.(*Session).Body = "" }},
			}},
		{"item", &AgendaItem{ID: "i1", Session: "s", Body: "csc", Date: d("2019-11-28"), Number: 1, Title: txt, Kind: Substantive,
			Lineage:   []LineageStep{{Body: "cssc", Date: d("2019-06-27"), Action: "agreed"}},
			Documents: []DocumentRef{{URL: "https://example.org/doc.pdf"}}},
			[]badCase{
				{"number", func(v Validator) { v.(*AgendaItem).Number = 0 }},
				{"kind", func(v Validator) { v.(*AgendaItem).Kind = "urgent" }},
				{"lineage[0].date", func(v Validator) { v.(*AgendaItem).Lineage[0].Date = d("2020-01-01") }},
				{"lineage[0].action", func(v Validator) { v.(*AgendaItem).Lineage[0].Action = "vetoed" }},
				{"documents[0].url", func(v Validator) { v.(*AgendaItem).Documents[0].URL = "ftp://x" }},
				{"parties", func(v Validator) { v.(*AgendaItem).Classification = Confidential }},
				{"classification", func(v Validator) { v.(*AgendaItem).Classification = "top-secret" }},
			}},
		{"position", &Position{ID: "i1.KG", Item: "i1", State: "KG", Stance: JoinsWithReservation, Reservation: T("Оговорка", "Reservation")},
			[]badCase{
				{"stance", func(v Validator) { v.(*Position).Stance = "maybe" }},
				{"reservation", func(v Validator) { v.(*Position).Reservation = Text{} }},
				{"reservation", func(v Validator) { v.(*Position).Stance = Joins }},
			}},
		{"draft", &Draft{ID: "d1", Title: txt, Versions: []DraftVersion{{N: 1, Date: d("2019-01-01"), Text: "Текст"}, {N: 2, Date: d("2019-02-01"), Text: "Текст 2",
			Translations: []Translation{{Lang: EN, Text: "Text 2", Status: Working}}}}},
			[]badCase{
				{"versions", func(v Validator) { v.(*Draft).Versions = nil }},
				{"versions[1].n", func(v Validator) { v.(*Draft).Versions[1].N = 3 }},
				{"versions[1].date", func(v Validator) { v.(*Draft).Versions[1].Date = d("2018-01-01") }},
				{"versions[0].text", func(v Validator) { v.(*Draft).Versions[0].Text = "" }},
				{"versions[1].translations[0].lang", func(v Validator) { v.(*Draft).Versions[1].Translations[0].Lang = RU }},
				{"versions[1].translations[0].status", func(v Validator) { v.(*Draft).Versions[1].Translations[0].Status = "draft" }},
			}},
		{"decision", &Decision{ID: "csc-2019-1", Body: "csc", Year: 2019, Number: 1, Item: "i1", Session: "s", Date: d("2019-11-28"), Kind: KindStatement, Title: txt,
			Signatures: []Signature{{State: "KG", Date: d("2019-11-28")}}, InForce: []EntryIntoForce{{State: "KG", Date: d("2020-01-01")}}},
			[]badCase{
				{"year", func(v Validator) { v.(*Decision).Year = 2018 }},
				{"kind", func(v Validator) { v.(*Decision).Kind = "wish" }},
				{"signatures[0].date", func(v Validator) { v.(*Decision).Signatures[0].Date = d("2019-01-01") }},
				{"signatures[1].state", func(v Validator) {
					v.(*Decision).Signatures = append(v.(*Decision).Signatures, Signature{State: "KG", Date: d("2019-12-01")})
				}},
				{"in_force[0].state", func(v Validator) { v.(*Decision).NotBound = []string{"KG"} }},
			}},
		{"task", &Task{ID: "t1", Decision: "csc-2019-1", Session: "s", SetOn: d("2019-11-28"), Text: txt, Status: TaskAssigned,
			Responsible: Responsible{Kind: ResponsibleStates, States: []string{"KG", "RU"}}, Due: d("2020-06-01"),
			Links: []TaskLink{{Relation: Supersedes, Tasks: []string{"t0"}}}},
			[]badCase{
				{"responsible.states", func(v Validator) { v.(*Task).Responsible.States = nil }},
				{"responsible.kind", func(v Validator) { v.(*Task).Responsible.Kind = "nobody" }},
				{"due", func(v Validator) { v.(*Task).Due = d("2019-01-01") }},
				{"due", func(v Validator) { v.(*Task).Cycle = T("ежегодно", "annually") }},
				{"progress", func(v Validator) { v.(*Task).Progress = 101 }},
				{"status", func(v Validator) { v.(*Task).Status = "done" }},
				{"links[0].tasks", func(v Validator) { v.(*Task).Links[0].Tasks = []string{"t1"} }},
				{"links[0].relation", func(v Validator) { v.(*Task).Links[0].Relation = "copies" }},
				{"weight", func(v Validator) { v.(*Task).Weight = -1 }},
			}},
		{"report", &ImplementationReport{ID: "r1", Task: "t1", Date: d("2020-01-01"), Author: "secretariat", SpeaksFor: "secretariat", Text: txt, Progress: 50},
			[]badCase{
				{"progress", func(v Validator) { v.(*ImplementationReport).Progress = -5 }},
				{"text", func(v Validator) { v.(*ImplementationReport).Text = Text{} }},
				{"documents[0]", func(v Validator) { v.(*ImplementationReport).Documents = []DocumentRef{{}} }},
				{"documents[0].sha256", func(v Validator) { v.(*ImplementationReport).Documents = []DocumentRef{{SHA256: "abc"}} }},
			}},
		{"chairmanship", &Chairmanship{ID: "c", Body: "csc", State: "KG", From: d("2018-11-08"), Priorities: []Priority{{N: 1, Text: txt}}},
			[]badCase{
				{"until", func(v Validator) { v.(*Chairmanship).Until = d("2018-01-01") }},
				{"priorities[0].n", func(v Validator) { v.(*Chairmanship).Priorities[0].N = 2 }},
				{"priorities[0].text", func(v Validator) { v.(*Chairmanship).Priorities[0].Text = Text{} }},
			}},
		{"threat", &Threat{ID: "th", Category: "terrorism", Name: txt, Assessments: []ThreatAssessment{{Date: d("2019-01-01"), Level: 4, Trend: Rising, Sources: []string{"s"}}}},
			[]badCase{
				{"category", func(v Validator) { v.(*Threat).Category = "weather" }},
				{"assessments[0].level", func(v Validator) { v.(*Threat).Assessments[0].Level = 6 }},
				{"assessments[0].trend", func(v Validator) { v.(*Threat).Assessments[0].Trend = "sideways" }},
				{"assessments[0].sources", func(v Validator) { v.(*Threat).Assessments[0].Sources = nil }},
			}},
		{"area", &Area{ID: "af-north", Name: txt, Geometry: json.RawMessage(`{"type":"Point","coordinates":[68.8,37.1]}`)},
			[]badCase{
				{"geometry", func(v Validator) { v.(*Area).Geometry = json.RawMessage(`{"type":"Point","coordinates":[68.8,97.1]}`) }},
				{"iso", func(v Validator) { v.(*Area).ISO = "afg" }},
			}},
		{"operation", &Operation{ID: "channel", CodeName: T("Канал", "Channel"), Metrics: []Metric{{Key: "drugs", Name: txt, Unit: "t"}}, Stages: []Stage{{ID: "s1", From: d("2018-01-01"), Until: d("2018-01-05")}}},
			[]badCase{
				{"metrics[0].unit", func(v Validator) { v.(*Operation).Metrics[0].Unit = "bags" }},
				{"metrics[1].key", func(v Validator) { o := v.(*Operation); o.Metrics = append(o.Metrics, o.Metrics[0]) }},
				{"stages[0].until", func(v Validator) { v.(*Operation).Stages[0].Until = d("2017-01-01") }},
			}},
		{"figure", &ResultFigure{ID: "f", Operation: "channel", Year: 2019, Metric: "drugs", Unit: "t", Value: 9, Qualifier: MoreThan, Source: "s"},
			[]badCase{
				{"qualifier", func(v Validator) { v.(*ResultFigure).Qualifier = "roughly" }},
				{"value", func(v Validator) { v.(*ResultFigure).Value = -1 }},
				{"period", func(v Validator) { v.(*ResultFigure).Year = 0 }},
				{"period", func(v Validator) { v.(*ResultFigure).Stage = "s1" }},
				{"scope", func(v Validator) { v.(*ResultFigure).Scope = "everything" }},
				{"operations", func(v Validator) {
					r := v.(*ResultFigure)
					r.Operation = ""
					r.Scope = ScopeOperations
					r.Operations = []string{"channel", "channel"}
					r.MetricName = T("изъято", "seized")
				}},
				{"metric_name", func(v Validator) { r := v.(*ResultFigure); r.Operation = ""; r.Scope = ScopeProgramme }},
				{"scope", func(v Validator) {
					r := v.(*ResultFigure)
					r.Scope = ScopeProgramme
					r.MetricName = T("изъято", "seized")
				}},
				{"stage", func(v Validator) {
					r := v.(*ResultFigure)
					r.Operation = ""
					r.Scope = ScopeProgramme
					r.MetricName = T("изъято", "seized")
					r.Year = 0
					r.Stage = "s1"
				}},
				{"source", func(v Validator) { v.(*ResultFigure).Source = "" }},
				{"since", func(v Validator) { r := v.(*ResultFigure); r.Year = 0; r.AsOf = d("2019-01-01") }},
			}},
		{"publication", &Publication{ID: "p", Kind: Interview, Section: "news", Date: d("2019-12-27"), Title: txt, VideoURL: "https://example.org/v",
			About: []RecordRef{{Kind: "session", ID: "s"}}},
			[]badCase{
				{"kind", func(v Validator) { v.(*Publication).Kind = "tweet" }},
				{"video_url", func(v Validator) { v.(*Publication).VideoURL = "javascript:alert(1)" }},
				{"about[0].kind", func(v Validator) { v.(*Publication).About[0].Kind = "person" }},
			}},
		{"source", &Source{ID: "s", Title: txt, URL: "https://example.org", Class: NewsAgency},
			[]badCase{
				{"url", func(v Validator) { v.(*Source).URL = "" }},
				{"class", func(v Validator) { v.(*Source).Class = "rumour" }},
			}},
		{"organization", &Organization{ID: "csto", Name: txt},
			[]badCase{{"name", func(v Validator) { v.(*Organization).Name = Text{} }}}},
	}
}

// clone deep-copies a record through JSON so each bad case starts from the valid one.
func clone(t *testing.T, v Validator) Validator {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	fresh := cloneTarget(v)
	if err := json.Unmarshal(b, fresh); err != nil {
		t.Fatal(err)
	}
	return fresh
}

func cloneTarget(v Validator) Validator {
	for _, k := range Kinds() {
		n := k.New()
		if KindOf(n) == KindOf(v.(Record)) {
			return n
		}
	}
	panic("unknown kind")
}

func TestValidation(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range validationCases() {
		covered[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			if err := clone(t, c.valid).Validate(); err != nil {
				t.Fatalf("the valid %s is refused: %v", c.name, err)
			}
			for _, b := range c.bad {
				v := clone(t, c.valid)
				b.mutate(v)
				err := v.Validate()
				if ErrorCode(err) != EINVALID {
					t.Errorf("%s: accepted (err %v)", b.field, err)
					continue
				}
				if _, ok := ErrorFields(err)[b.field]; !ok {
					t.Errorf("%s: no message for the field; got %v", b.field, ErrorFields(err))
				}
			}
		})
	}
	for _, k := range KindNames() {
		if !covered[k] {
			t.Errorf("no validation cases for kind %s", k)
		}
	}
}

func TestErrorsCarryCodesAndHideInternals(t *testing.T) {
	err := Errorf(ENOTFOUND, "there is no task %q", "x")
	if ErrorCode(err) != ENOTFOUND || ErrorMessage(err) != `there is no task "x"` {
		t.Fatal(err)
	}
	wrapped := &wrapErr{err}
	if ErrorCode(wrapped) != ENOTFOUND {
		t.Fatal("code lost through wrapping")
	}
	plain := &wrapErr{nil}
	if ErrorCode(plain) != EINTERNAL || ErrorMessage(plain) != "internal error" {
		t.Fatal("an unknown error leaks or is not internal")
	}
	if ErrorCode(nil) != "" {
		t.Fatal("nil has a code")
	}
	e := &Error{Code: EINVALID, Message: "bad", Fields: map[string]string{"b": "two", "a": "one"}}
	if e.Error() != "bad (a: one; b: two)" {
		t.Fatal(e.Error())
	}
}

type wrapErr struct{ inner error }

func (w *wrapErr) Error() string { return "wrapped" }
func (w *wrapErr) Unwrap() error { return w.inner }

func TestRussianPlurals(t *testing.T) {
	// The rule, stated independently of the code under test.
	want := func(n int) string {
		switch {
		case n%100 >= 11 && n%100 <= 14:
			return "вопросов"
		case n%10 == 1:
			return "вопрос"
		case n%10 >= 2 && n%10 <= 4:
			return "вопроса"
		}
		return "вопросов"
	}
	spot := map[int]string{0: "вопросов", 1: "вопрос", 2: "вопроса", 4: "вопроса", 5: "вопросов", 11: "вопросов", 12: "вопросов",
		14: "вопросов", 17: "вопросов", 21: "вопрос", 22: "вопроса", 25: "вопросов", 101: "вопрос", 111: "вопросов", 112: "вопросов", 121: "вопрос", 200: "вопросов"}
	for n := 0; n <= 200; n++ {
		got := PluralRU(n, "вопрос", "вопроса", "вопросов")
		if got != want(n) {
			t.Errorf("%d %s, want %d %s", n, got, n, want(n))
		}
		if s, ok := spot[n]; ok && got != s {
			t.Errorf("%d %s, want %d %s", n, got, n, s)
		}
	}
	if PluralEN(1, "item", "items") != "item" || PluralEN(0, "item", "items") != "items" || PluralEN(17, "item", "items") != "items" {
		t.Fatal("English plural")
	}
}

func TestDates(t *testing.T) {
	if _, err := ParseDate("28.11.2019"); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Fatal(err)
	}
	var x struct {
		D Date `json:"d,omitzero"`
	}
	if b, _ := json.Marshal(x); string(b) != `{}` {
		t.Fatalf("unset date: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"d":"2019-02-30"}`), &x); err == nil {
		t.Fatal("30 February accepted")
	}
	if err := json.Unmarshal([]byte(`{"d":"2019-11-28"}`), &x); err != nil || x.D.String() != "2019-11-28" || x.D.AddDays(-1).String() != "2019-11-27" {
		t.Fatal(err, x.D)
	}
}

func TestStandingOverTime(t *testing.T) {
	s := &MemberState{ID: "UZ", Name: T("Узбекистан", "Uzbekistan"), Memberships: []MembershipPeriod{
		{Status: StandingMember, From: d("2006-08-16"), Until: d("2012-12-19")},
		{Status: StandingSuspended, From: d("2008-01-01"), Until: d("2008-12-31")},
	}}
	for day, want := range map[string]Standing{"2006-08-15": StandingNone, "2006-08-16": StandingMember, "2008-06-01": StandingSuspended,
		"2012-12-19": StandingMember, "2012-12-20": StandingNone} {
		if got := s.StandingOn(d(day)); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}
