package server

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// step is one request of a scenario: who sends it, what it must answer, and which
// journal entries it must write (none, for a refusal).
type step struct {
	name   string
	who    string // "anonymous", "root", "olga", "del-KG", …
	method string
	path   string
	form   url.Values
	files  map[string][]byte
	status int
	// location is the start of the redirect's target, for 303s.
	location string
	// has are texts the response must contain; lacks texts it must not.
	has, lacks []string
	// verbs are the journal entries the request writes, in order.
	verbs []string
}

func v(kv ...string) url.Values {
	out := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Add(kv[i], kv[i+1])
	}
	return out
}

func runSteps(t *testing.T, ts *testServer, steps []step) {
	t.Helper()
	clients := map[string]*client{"anonymous": ts.anonymous()}
	for _, s := range steps {
		c, ok := clients[s.who]
		if !ok {
			c = ts.signIn(s.who)
			clients[s.who] = c
		}
		before := ts.head()
		var res = func() *http.Response {
			switch {
			case s.method == "GET":
				return c.get(s.path).Result()
			case s.files != nil:
				return c.postFiles(s.path, s.form, s.files).Result()
			default:
				return c.post(s.path, s.form).Result()
			}
		}()
		body := readAll(res)
		if res.StatusCode != s.status {
			t.Errorf("%s: %s %s as %s: status %d, want %d\n%.2000s", s.name, s.method, s.path, s.who, res.StatusCode, s.status, textOf(body))
		}
		if s.location != "" && !strings.HasPrefix(res.Header.Get("Location"), s.location) {
			t.Errorf("%s: redirected to %q, want %q…", s.name, res.Header.Get("Location"), s.location)
		}
		for _, h := range s.has {
			if !strings.Contains(body, h) {
				t.Errorf("%s: the response lacks %q\n%.1500s", s.name, h, textOf(body))
			}
		}
		for _, l := range s.lacks {
			if strings.Contains(body, l) {
				t.Errorf("%s: the response has %q", s.name, l)
			}
		}
		got := ts.verbsSince(before)
		if !slices.Equal(got, s.verbs) {
			t.Errorf("%s: journal entries %v, want %v", s.name, got, s.verbs)
		}
		for _, a := range ts.actorsSince(before) {
			if a != "user:"+s.who {
				t.Errorf("%s: journal entry by %q, want user:%s", s.name, a, s.who)
			}
		}
	}
}

func readAll(res *http.Response) string {
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}

// textOf strips a page to its main content, for readable failures.
func textOf(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		return body[i:]
	}
	return body
}

// An officer keeps the record through the forms, from a new session to decisions,
// tasks, reports and the rest; each write is one verb and one journal entry, and every
// refusal writes nothing.
func TestOfficerKeepsTheRecordThroughTheForms(t *testing.T) {
	ts := newTestServer(t)
	const ses = "/sessions/csc-2020-03-02"
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	grid := func(item string, stances ...string) url.Values {
		out := url.Values{}
		for i, st := range demoStates {
			out.Set("stance:csc-2020-03-02-"+item+":"+st, stances[i])
		}
		return out
	}
	withReservation := grid("1", "joins", "joins", "joins_with_reservation", "joins", "joins", "non_interest")
	withReservation.Set("stance:csc-2020-03-02-1:KG:ru", "С оговоркой о сроках")
	missingText := grid("1", "joins", "joins", "joins_with_reservation", "joins", "joins", "joins")
	steps := []step{
		// Who may open the forms.
		{name: "the public is sent to sign in", who: "anonymous", method: "GET", path: "/sessions/new", status: 303, location: "/signin?lang=en&next=%2Fsessions%2Fnew"},
		{name: "a delegate may not", who: "del-KG", method: "GET", path: "/sessions/new", status: 403, has: []string{"Your account may not do this."}},
		{name: "a delegate may not post", who: "del-KG", method: "POST", path: "/sessions/new", form: v("body", "csc", "date", "2020-03-02", "kind", "regular"), status: 403},
		{name: "the form", who: "olga", method: "GET", path: "/sessions/new?lang=ru", status: 200, has: []string{"Подготовить новую сессию", `name="date"`}},
		// A session with two items.
		{name: "mistakes are shown per field, in Russian, with what was typed", who: "olga", method: "POST", path: "/sessions/new?lang=ru",
			form: v("body", "nowhere", "date", "2020-13-45", "kind", "regular", "place.ru", "Ереван"), status: 400,
			has: []string{"Укажите дату в виде ГГГГ-ММ-ДД.", "Выберите один из вариантов.", `value="Ереван"`, `value="2020-13-45"`}},
		{name: "a chair that is not a member is refused by the record", who: "olga", method: "POST", path: "/sessions/new?lang=en",
			form: v("body", "csc", "date", "1990-01-01", "kind", "regular", "chair", "KG"), status: 400, has: []string{"KG was not a member of the organization on 1990-01-01"}},
		{name: "a session", who: "olga", method: "POST", path: "/sessions/new?lang=ru",
			form:   v("body", "csc", "date", "2020-03-02", "kind", "extraordinary", "format", "videoconference", "place.ru", "Москва", "place.en", "Moscow"),
			status: 303, location: ses + "?lang=ru", verbs: []string{"ScheduleSession"}},
		{name: "the language is remembered", who: "olga", method: "GET", path: ses, status: 200, has: []string{`<html lang="ru">`, "Внеочередная сессия"}},
		{name: "the same session again", who: "olga", method: "POST", path: "/sessions/new?lang=en",
			form: v("body", "csc", "date", "2020-03-02", "kind", "regular"), status: 409, has: []string{"already exists"}},
		{name: "an item needs a title", who: "olga", method: "POST", path: ses + "/items/new", form: v("kind", "substantive", "classification", "public"), status: 400,
			has: []string{"Write it in Russian, in English, or both."}},
		{name: "a confidential item names states", who: "olga", method: "POST", path: ses + "/items/new",
			form: v("title.en", "X", "kind", "substantive", "classification", "confidential"), status: 400, has: []string{"A confidential record names the states"}},
		{name: "item 1", who: "olga", method: "POST", path: ses + "/items/new",
			form:   v("title.ru", "О мерах по борьбе с пандемией", "title.en", "On measures against the pandemic", "kind", "substantive", "decision_kind", "statement", "classification", "public"),
			status: 303, location: "/items/csc-2020-03-02-1", verbs: []string{"AddAgendaItem"}},
		{name: "item 2", who: "olga", method: "POST", path: ses + "/items/new",
			form:   v("title.en", "On the budget for 2021", "kind", "substantive", "classification", "public"),
			status: 303, location: "/items/csc-2020-03-02-2", verbs: []string{"AddAgendaItem"}},
		// Positions in the grid.
		{name: "the grid", who: "olga", method: "GET", path: ses + "/positions", status: 200, has: []string{"On measures against the pandemic", `name="stance:csc-2020-03-02-1:KG"`, `value="non_interest"`}},
		{name: "a reservation without its text saves nothing", who: "olga", method: "POST", path: ses + "/positions", form: missingText, status: 400,
			has: []string{"A reservation needs its text.", "Nothing was saved"}},
		{name: "six positions on item 1", who: "olga", method: "POST", path: ses + "/positions", form: withReservation, status: 303, location: ses + "/positions",
			verbs: []string{"RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition"}},
		{name: "saving the same grid again writes nothing", who: "olga", method: "POST", path: ses + "/positions", form: withReservation, status: 303},
		{name: "six positions on item 2, one objection", who: "olga", method: "POST", path: ses + "/positions",
			form: grid("2", "joins", "objects", "joins", "joins", "joins", "joins"), status: 303,
			verbs: []string{"RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition"}},
		{name: "the grid shows what the rule gives", who: "olga", method: "GET", path: ses + "/positions", status: 200,
			has: []string{"adopted in limited format", "4 join, 1 with a reservation, 1 not interested; not binding on Tajikistan", "not adopted", "5 join, 1 object; blocked by Belarus"}},
		// Decisions.
		{name: "item 1 decided: adopted in limited format", who: "olga", method: "POST", path: "/items/csc-2020-03-02-1/decide", status: 303,
			location: "/decisions/csc-2020-", verbs: []string{"DecideItem"}},
		{name: "item 1 cannot be decided twice", who: "olga", method: "POST", path: "/items/csc-2020-03-02-1/decide", status: 409, has: []string{"already decided"}},
		{name: "item 2 decided: not adopted", who: "olga", method: "POST", path: "/items/csc-2020-03-02-2/decide", status: 303,
			location: "/items/csc-2020-03-02-2", verbs: []string{"DecideItem"}},
		{name: "positions on a decided item are refused", who: "olga", method: "POST", path: ses + "/positions",
			form: grid("2", "joins", "joins", "joins", "joins", "joins", "joins"), status: 400, has: []string{"can no longer change"}},
		{name: "the session shows both outcomes", who: "anonymous", method: "GET", path: ses, status: 200,
			has: []string{"adopted in limited format", "not adopted", "blocked by"}},
		{name: "Tajikistan, not bound, cannot sign", who: "olga", method: "POST", path: "/decisions/csc-2020-1/sign", form: v("state", "TJ", "date", "2020-03-02"), status: 409,
			has: []string{"does not bind TJ"}},
		{name: "Kyrgyzstan signs", who: "olga", method: "POST", path: "/decisions/csc-2020-1/sign", form: v("state", "KG", "date", "2020-03-03"), status: 303,
			location: "/decisions/csc-2020-1", verbs: []string{"SignDecision"}},
		{name: "no ratification: already in force on signature", who: "olga", method: "POST", path: "/decisions/csc-2020-1/in-force", form: v("state", "KG", "date", "2020-03-04"),
			status: 409, has: []string{"already in force"}},
		{name: "the decision page", who: "anonymous", method: "GET", path: "/decisions/csc-2020-1?lang=ru", status: 200,
			has: []string{"О мерах по борьбе с пандемией", "заявление", "03.03.2020", "не связано: заявлена незаинтересованность"}},
		// Tasks and reports.
		{name: "a task for named states needs them", who: "olga", method: "POST", path: "/decisions/csc-2020-1/tasks/new",
			form: v("text.en", "Report on the measures", "responsible.kind", "states", "classification", "public"), status: 400, has: []string{"Choose the responsible states."}},
		{name: "a task", who: "olga", method: "POST", path: "/decisions/csc-2020-1/tasks/new",
			form: v("paragraph", "2", "text.en", "Report on the measures taken", "responsible.kind", "states", "responsible.states", "KG", "responsible.states", "KZ",
				"due", "2020-06-30", "classification", "public"), status: 303, location: "/tasks/csc-2020-1-t1", verbs: []string{"SetTask"}},
		{name: "a report for a party not responsible", who: "olga", method: "POST", path: "/tasks/csc-2020-1-t1/report",
			form: v("date", "2020-04-01", "author", "AM", "speaks_for", "AM", "text.en", "Done", "progress", "100"), status: 400, has: []string{"AM is not responsible"}},
		{name: "a report with a document", who: "olga", method: "POST", path: "/tasks/csc-2020-1-t1/report",
			form:  v("date", "2020-04-01", "author", "KG", "speaks_for", "KG", "text.en", "Measures taken in full", "progress", "100"),
			files: map[string][]byte{"report.pdf": pdf}, status: 303, location: "/tasks/csc-2020-1-t1", verbs: []string{"ReportImplementation"}},
		{name: "a document of a forbidden type", who: "olga", method: "POST", path: "/tasks/csc-2020-1-t1/report",
			form:  v("date", "2020-04-02", "author", "KZ", "speaks_for", "KZ", "text.en", "More", "progress", "100"),
			files: map[string][]byte{"x.html": []byte("<html><script>alert(1)</script></html>")}, status: 400, has: []string{"not allowed"}},
		{name: "the task page shows the report and its document", who: "anonymous", method: "GET", path: "/tasks/csc-2020-1-t1?lang=en", status: 200,
			has: []string{"Measures taken in full", "/files/", "reported"}},
		{name: "accepted as fulfilled", who: "olga", method: "POST", path: "/tasks/csc-2020-1-t1/fulfil", status: 303, verbs: []string{"FulfilTask"}},
		{name: "a fulfilled task cannot be cancelled", who: "olga", method: "POST", path: "/tasks/csc-2020-1-t1/cancel", status: 409, has: []string{"final"}},
		// A note on the session, learned after it was scheduled.
		{name: "the public may not note a session", who: "anonymous", method: "GET", path: ses + "/note", status: 303, location: "/signin?"},
		{name: "a delegate may not note a session", who: "del-KG", method: "POST", path: ses + "/note", form: v("note.en", "Two items"), status: 403},
		{name: "a note needs its text or a source, said in Russian", who: "olga", method: "POST", path: ses + "/note?lang=ru", form: v("note.ru", ""), status: 400,
			has: []string{"Напишите примечание или выберите источник."}},
		{name: "the note form starts from the note in the record", who: "olga", method: "GET", path: ses + "/note?lang=en", status: 200, has: []string{`name="note.en"`, `value="csto-csc"`}},
		{name: "a note with its source", who: "olga", method: "POST", path: ses + "/note", form: v("note.en", "The press reported two items.", "sources", "csto-csc"),
			status: 303, location: ses, verbs: []string{"NoteSession"}},
		{name: "the session shows the note", who: "anonymous", method: "GET", path: ses + "?lang=en", status: 200, has: []string{"The press reported two items."}},
		// Chairmanship, priorities, statements.
		{name: "priorities of the 2020 chair", who: "olga", method: "POST", path: "/chairmanships/csc-chair-2020/priorities",
			form: v("announced", "2020-01-15", "priorities.1.ru", "Укрепление коллективных сил", "priorities.2.en", "Peacekeeping"), status: 303,
			verbs: []string{"AnnouncePriorities"}},
		{name: "priorities cannot be announced twice", who: "olga", method: "POST", path: "/chairmanships/csc-chair-2020/priorities",
			form: v("announced", "2020-01-15", "priorities.1.en", "Again"), status: 409},
		{name: "the chair's statement", who: "olga", method: "POST", path: "/chairmanships/csc-chair-2020/priorities/2/statement",
			form: v("statement.en", "Peacekeeping exercises were held."), status: 303, verbs: []string{"StateOnPriority"}},
		{name: "the chair of 2020–21 began after this session", who: "olga", method: "POST", path: "/chairmanships/handover?lang=en", form: v("session", "csc-2020-03-02", "to", "AM"),
			status: 409, has: []string{"began on 2020-12-02, not before the session of 2020-03-02"}},
		{name: "a session in 2022", who: "olga", method: "POST", path: "/sessions/new", form: v("body", "csc", "date", "2022-05-16", "kind", "regular"),
			status: 303, verbs: []string{"ScheduleSession"}},
		{name: "hand-over to the next in the rotation", who: "olga", method: "POST", path: "/chairmanships/handover", form: v("session", "csc-2022-05-16"),
			status: 303, location: "/chairmanships/csc-", verbs: []string{"HandOverChairmanship"}},
		// Threats.
		{name: "a threat", who: "olga", method: "POST", path: "/threats/new",
			form: v("id", "pandemic", "category", "crime", "name.en", "Pandemic", "classification", "public"), status: 303, verbs: []string{"RegisterThreat"}},
		{name: "an assessment needs sources or the illustrative mark", who: "olga", method: "POST", path: "/threats/pandemic/assess",
			form: v("date", "2020-03-01", "level", "3"), status: 400, has: []string{"Name the sources"}},
		{name: "an assessment", who: "olga", method: "POST", path: "/threats/pandemic/assess",
			form: v("date", "2020-03-01", "level", "3", "trend", "rising", "areas", "TJ", "illustrative", "on"), status: 303, verbs: []string{"AssessThreat"}},
		{name: "the decision answers it", who: "olga", method: "POST", path: "/threats/pandemic/link", form: v("kind", "decision", "ref", "csc-2020-1"), status: 303,
			verbs: []string{"LinkThreat"}},
		{name: "a missing record cannot answer it", who: "olga", method: "POST", path: "/threats/pandemic/link", form: v("kind", "decision", "ref", "nope"), status: 400,
			has: []string{"There is no such record."}},
		// Operations: aggregates only.
		// Areas of the register.
		{name: "the public may not register an area", who: "anonymous", method: "GET", path: "/areas/new", status: 303, location: "/signin?"},
		{name: "a delegate may not register an area", who: "del-TJ", method: "POST", path: "/areas/new", form: v("id", "tj-south", "name.en", "Southern Tajikistan"), status: 403},
		{name: "an outline that is not GeoJSON is refused on its field, in Russian, with what was typed", who: "olga", method: "POST", path: "/areas/new?lang=ru",
			form: v("id", "tj-south", "name.ru", "Юг Таджикистана", "within", "TJ", "geometry", `{"type":"Point"`), status: 400,
			has: []string{"Это не геометрия GeoJSON", `value="Юг Таджикистана"`, `{&#34;type&#34;:&#34;Point&#34;`}},
		{name: "an ISO code is two capital letters", who: "olga", method: "POST", path: "/areas/new?lang=en", form: v("id", "tj-south", "name.en", "Southern Tajikistan", "iso", "TJK"),
			status: 400, has: []string{"Two capital letters, as KG."}},
		{name: "an area within Tajikistan", who: "olga", method: "POST", path: "/areas/new",
			form:   v("id", "tj-south", "name.ru", "Юг Таджикистана", "name.en", "Southern Tajikistan", "within", "TJ", "geometry", `{"type":"Point","coordinates":[68.8,37.9]}`, "illustrative", "on"),
			status: 303, location: "/areas/tj-south", verbs: []string{"RegisterArea"}},
		{name: "the area page", who: "anonymous", method: "GET", path: "/areas/tj-south?lang=en", status: 200, has: []string{"Southern Tajikistan", "Lies within", "/areas/TJ"}},
		{name: "an operation", who: "olga", method: "POST", path: "/operations/new",
			form:   v("id", "quarantine", "code_name.en", "Quarantine", "metrics.1.key", "checkpoints", "metrics.1.name.en", "Checkpoints", "metrics.1.unit", "count", "classification", "public"),
			status: 303, verbs: []string{"RegisterOperation"}},
		{name: "a stage", who: "olga", method: "POST", path: "/operations/quarantine/stages/new",
			form: v("sid", "q-2020-1", "name.en", "First stage", "from", "2020-03-01", "participants", "KG"), status: 303, verbs: []string{"AddStage"}},
		{name: "a figure", who: "olga", method: "POST", path: "/operations/quarantine/figures/new",
			form:   v("metric", "checkpoints", "qualifier", "about", "value", "120", "scope", "year", "year", "2020", "source", "csto-csc", "classification", "public"),
			status: 303, verbs: []string{"ReportFigure"}},
		{name: "the form has no field for a person", who: "olga", method: "GET", path: "/operations/quarantine/figures/new", status: 200,
			lacks: []string{`name="name"`, `name="surname"`, `name="person"`, `name="passport"`}},
		{name: "the operation page", who: "anonymous", method: "GET", path: "/operations/quarantine?lang=en", status: 200, has: []string{"about 120", "First stage"}},
		// Publications, foreword, sources.
		{name: "an interview with its video", who: "olga", method: "POST", path: "/publications/new",
			form: v("kind", "interview", "section", "news", "date", "2020-03-02", "title.en", "An interview", "title.authentic", "en",
				"video_url", "https://video.example/watch?v=1", "parts.1.heading.en", "Q?", "parts.1.body.en", "A.", "about", "session csc-2020-03-02", "classification", "public"),
			status: 303, location: "/publications/2020-03-02-an-interview", verbs: []string{"Publish"}},
		{name: "the interview page links its video and its section", who: "anonymous", method: "GET", path: "/publications/2020-03-02-an-interview?lang=en", status: 200,
			has: []string{`href="https://video.example/watch?v=1"`, "Back to the section", "/sections/news"}},
		{name: "the section's feed", who: "anonymous", method: "GET", path: "/sections/news/feed.atom", status: 200, has: []string{"<feed", "An interview"}},
		{name: "a foreword", who: "olga", method: "POST", path: "/reviews/2020/foreword", form: v("flang", "en", "text", "A year of trials."), status: 303,
			location: "/reports/2020", verbs: []string{"Publish"}},
		{name: "a source", who: "olga", method: "POST", path: "/sources/new",
			form: v("id", "tass-2020", "title.en", "TASS report", "class", "news_agency", "url", "https://tass.example/1"), status: 303, verbs: []string{"RegisterSource"}},
		// Drafts.
		{name: "a draft", who: "olga", method: "POST", path: "/drafts/new",
			form: v("id", "draft-x", "title.en", "Draft X", "date", "2020-03-01", "text", "Утвердить план.", "classification", "public"), status: 303, verbs: []string{"ProposeDraft"}},
		{name: "its revision", who: "olga", method: "POST", path: "/drafts/draft-x/revise",
			form: v("date", "2020-03-02", "text", "Утвердить прилагаемый план.", "translation.en", "Approve the attached plan.", "translation.status", "working"), status: 303,
			verbs: []string{"ReviseDraft"}},
		{name: "the draft shows the word difference", who: "anonymous", method: "GET", path: "/drafts/draft-x?lang=en", status: 200, has: []string{"<ins>", "прилагаемый"}},
		{name: "deferring an item", who: "olga", method: "POST", path: ses + "/items/new", form: v("title.en", "Third", "kind", "procedural", "classification", "public"),
			status: 303, verbs: []string{"AddAgendaItem"}},
		{name: "deferred", who: "olga", method: "POST", path: "/items/csc-2020-03-02-3/defer", form: v("date", "2020-03-02", "note.en", "Needs more work"), status: 303,
			verbs: []string{"DeferItem"}},
		// A restricted decision with a public summary.
		{name: "a restricted item", who: "olga", method: "POST", path: ses + "/items/new", form: v("title.en", "Border measures", "kind", "substantive", "classification", "restricted"),
			status: 303, verbs: []string{"AddAgendaItem"}},
		{name: "positions on it", who: "olga", method: "POST", path: ses + "/positions", form: grid("4", "joins", "joins", "joins", "joins", "joins", "joins"), status: 303,
			verbs: []string{"RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition", "RecordPosition"}},
		{name: "the decide form offers a public summary", who: "olga", method: "GET", path: "/items/csc-2020-03-02-4/decide?lang=en", status: 200, has: []string{`name="public_summary.en"`}},
		{name: "decided with a public summary", who: "olga", method: "POST", path: "/items/csc-2020-03-02-4/decide", form: v("public_summary.en", "Measures on the border were agreed."),
			status: 303, location: "/decisions/csc-2020-2", verbs: []string{"DecideItem"}},
		{name: "the public sees the summary, not the decision", who: "anonymous", method: "GET", path: ses + "?lang=en", status: 200,
			has: []string{"Public summaries of restricted decisions", "Measures on the border were agreed."}, lacks: []string{"/decisions/csc-2020-2", "Border measures"}},
		// Setting up: a state and a body.
		{name: "a state needs a code or an identifier", who: "olga", method: "POST", path: "/states/new?lang=en", form: v("name.en", "Uzbekistan", "from", "2020-01-01"),
			status: 400, has: []string{"Give the code or an identifier."}},
		{name: "a state", who: "olga", method: "POST", path: "/states/new", form: v("code", "UZ", "name.ru", "Узбекистан", "name.en", "Uzbekistan", "from", "2020-01-01"),
			status: 303, location: "/states/UZ", verbs: []string{"AdmitState"}},
		{name: "a body with a qualified majority", who: "olga", method: "POST", path: "/bodies/new",
			form: v("id", "wg-test", "name.en", "Test group", "kind", "working_group", "parent", "csc", "rule.from", "2020-01-01",
				"rule.substantive", "qualified_majority", "rule.procedural", "simple_majority", "majority", "2/3"),
			status: 303, location: "/bodies/wg-test", verbs: []string{"RegisterBody"}},
		{name: "the body's rule", who: "anonymous", method: "GET", path: "/bodies/wg-test?lang=en", status: 200, has: []string{"qualified majority 2/3", "Collective Security Council"}},
		// A change of membership.
		{name: "the public may not change a membership", who: "anonymous", method: "GET", path: "/states/UZ/membership", status: 303, location: "/signin?"},
		{name: "a delegate may not change a membership", who: "del-KG", method: "POST", path: "/states/UZ/membership", form: v("change", "suspended", "from", "2021-01-01"), status: 403},
		{name: "a suspension needs its first day", who: "olga", method: "POST", path: "/states/UZ/membership?lang=en", form: v("change", "suspended", "until", "2021-06-30", "pnote", "Arrears"),
			status: 400, has: []string{"Fill this in.", `value="2021-06-30"`, `value="Arrears"`}},
		{name: "a withdrawal is from the organization", who: "olga", method: "POST", path: "/states/UZ/membership?lang=ru", form: v("change", "withdrawal", "until", "2022-12-31", "body", "csc"),
			status: 400, has: []string{"Выход — из организации: оставьте орган пустым."}},
		{name: "a suspension", who: "olga", method: "POST", path: "/states/UZ/membership", form: v("change", "suspended", "from", "2021-01-01", "until", "2021-06-30", "pnote", "Arrears"),
			status: 303, location: "/states/UZ", verbs: []string{"RecordMembership"}},
		{name: "a withdrawal", who: "olga", method: "POST", path: "/states/UZ/membership", form: v("change", "withdrawal", "until", "2022-12-31"),
			status: 303, location: "/states/UZ", verbs: []string{"RecordMembership"}},
		{name: "no open membership is left to end", who: "olga", method: "POST", path: "/states/UZ/membership?lang=ru", form: v("change", "withdrawal", "until", "2023-12-31"),
			status: 409, has: []string{"нет текущего членства"}},
		{name: "the state's membership over time", who: "anonymous", method: "GET", path: "/states/UZ?lang=en", status: 200, has: []string{"Arrears", "from 1 January 2021"}},
		// A body's new rule.
		{name: "the public may not set a rule", who: "anonymous", method: "GET", path: "/bodies/wg-test/rules/new", status: 303, location: "/signin?"},
		{name: "a delegate may not set a rule", who: "del-KG", method: "POST", path: "/bodies/wg-test/rules/new",
			form: v("from", "2021-01-01", "rule.substantive", "consensus", "rule.procedural", "simple_majority"), status: 403},
		{name: "the rule form starts from the rule in force", who: "olga", method: "GET", path: "/bodies/wg-test/rules/new?lang=en", status: 200, has: []string{`value="2/3"`}},
		{name: "a rule in force is never rewritten", who: "olga", method: "POST", path: "/bodies/wg-test/rules/new?lang=en",
			form: v("from", "2020-01-01", "rule.substantive", "consensus", "rule.procedural", "simple_majority"), status: 400, has: []string{"The body already has a rule from this day"}},
		{name: "a qualified majority needs its fraction", who: "olga", method: "POST", path: "/bodies/wg-test/rules/new?lang=ru",
			form: v("from", "2021-01-01", "rule.substantive", "qualified_majority", "rule.procedural", "simple_majority"), status: 400,
			has: []string{"Для квалифицированного большинства нужна доля, например 2/3."}},
		{name: "a new rule from 2021", who: "olga", method: "POST", path: "/bodies/wg-test/rules/new",
			form:   v("from", "2021-01-01", "rule.substantive", "consensus", "rule.procedural", "simple_majority", "quorum", "2/3", "basis.en", "Decision of the Council of 2020"),
			status: 303, location: "/bodies/wg-test", verbs: []string{"SetDecisionRule"}},
		{name: "the body shows both rules", who: "anonymous", method: "GET", path: "/bodies/wg-test?lang=en", status: 200,
			has: []string{"qualified majority 2/3", "Decision of the Council of 2020"}},
		// Where an officer finds these forms; a delegate does not.
		{name: "the officer finds the new forms on the pages", who: "olga", method: "GET", path: ses + "?lang=en", status: 200, has: []string{ses + "/note?lang=en"}},
		{name: "on the state page", who: "olga", method: "GET", path: "/states/KG?lang=en", status: 200, has: []string{"/states/KG/membership?lang=en"}},
		{name: "on the body page", who: "olga", method: "GET", path: "/bodies/csc?lang=en", status: 200, has: []string{"/bodies/csc/rules/new?lang=en"}},
		{name: "on the register and the area page", who: "olga", method: "GET", path: "/threats?lang=en", status: 200, has: []string{"/areas/new?lang=en"}},
		{name: "on the area page", who: "olga", method: "GET", path: "/areas/TJ?lang=en", status: 200, has: []string{"/areas/new?lang=en&amp;within=TJ"}},
		{name: "a delegate is not offered them", who: "del-KG", method: "GET", path: "/states/KG?lang=en", status: 200, lacks: []string{"/states/KG/membership"}},
		// History.
		{name: "the history of item 1", who: "anonymous", method: "GET", path: "/history/item/csc-2020-03-02-1?lang=en", status: 200,
			has: []string{"item put on the agenda", "item decided", "outcome.result"}, lacks: []string{"user:olga"}},
		{name: "officers see who wrote it", who: "olga", method: "GET", path: "/history/item/csc-2020-03-02-1", status: 200, has: []string{"user:olga"}},
	}
	runSteps(t, ts, steps)
	rep, err := ts.st.Verify(t.Context(), nil)
	if err != nil || !rep.OK {
		t.Fatalf("verify after the scenario: %+v %v", rep, err)
	}
}

// A form posted from another site is refused before it can write.
func TestCrossSiteFormsAreRefused(t *testing.T) {
	ts := newTestServer(t)
	c := ts.signIn("olga")
	before := ts.head()
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		req, _ := http.NewRequest("POST", "http://example.com/sessions/new", strings.NewReader(v("body", "csc", "date", "2020-03-02", "kind", "regular").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, val := range h {
			req.Header.Set(k, val)
		}
		res := c.do(req)
		if res.Code != http.StatusForbidden {
			t.Errorf("%v: status %d", h, res.Code)
		}
	}
	if got := ts.verbsSince(before); len(got) != 0 {
		t.Fatalf("a cross-site form wrote %v", got)
	}
}
