package api

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/translog"
)

// scenario runs requests in order against one record and checks each answer: its status,
// what its body says, and the journal entries it wrote (by verb, each attributed to the
// account and token that sent it), or that it wrote none.
type scenario struct {
	*testAPI
	t *testing.T
}

// step is one request and what it must do.
type step struct {
	req    request
	status int
	// says are texts the body must contain.
	says []string
	// verbs are the journal entries the request must write, in order; none for a
	// refusal or a read.
	verbs []string
}

func (s *scenario) run(st step) response {
	s.t.Helper()
	before := s.journalHead()
	res := s.do(st.req)
	name := st.req.method + " " + st.req.path
	if res.status != st.status {
		s.t.Fatalf("%s as %q: status %d, want %d\n%s", name, st.req.reader, res.status, st.status, clip(res.body))
	}
	for _, want := range st.says {
		if !strings.Contains(string(res.body), want) {
			s.t.Errorf("%s: the answer does not say %q:\n%s", name, want, clip(res.body))
		}
	}
	var got []string
	actor := "user:" + map[string]string{"officer": "olga", "admin": "root"}[st.req.reader] + " token:"
	err := s.st.Entries(context.Background(), before+1, func(e store.Entry) error {
		got = append(got, e.Verb)
		if !strings.HasPrefix(e.Actor, actor) || !strings.Contains(s.tokens[st.req.reader], strings.TrimPrefix(e.Actor, actor)) {
			s.t.Errorf("%s: entry %d's actor is %q, not the account and token that sent it", name, e.Seq, e.Actor)
		}
		return nil
	})
	if err != nil {
		s.t.Fatal(err)
	}
	if !slices.Equal(got, st.verbs) {
		s.t.Errorf("%s: wrote %v, want %v", name, got, st.verbs)
	}
	if res.status == 201 {
		var ans WriteAnswer
		if err := json.Unmarshal(res.body, &ans); err != nil || ans.Entry == nil || len(ans.Record) == 0 {
			s.t.Fatalf("%s: a write answers with its record and entry: %v\n%s", name, err, res.body)
		}
		if res.header.Get("ETag") != etag(ans.Entry.Seq) || len(ans.Entry.Hash) != 64 {
			s.t.Errorf("%s: ETag %q, entry %d hash %q", name, res.header.Get("ETag"), ans.Entry.Seq, ans.Entry.Hash)
		}
	}
	return res
}

// etagOf reads a record's ETag as the officer.
func (s *scenario) etagOf(kind, id string) string {
	s.t.Helper()
	res := s.get(Prefix+"/"+plural[kind]+"/"+url.PathEscape(id), "officer")
	if res.status != 200 || res.header.Get("ETag") == "" {
		s.t.Fatalf("reading %s %s: %d %s", kind, id, res.status, clip(res.body))
	}
	return res.header.Get("ETag")
}

// write is a step of a verb sent by the officer.
func write(path, body string, status int, verbs ...string) step {
	return step{req: request{method: "POST", path: Prefix + path, reader: "officer", body: body}, status: status, verbs: verbs}
}

// ifMatch sends the step with If-Match.
func (st step) ifMatch(tag string) step {
	st.req.header = map[string]string{"If-Match": tag}
	return st
}

func (st step) saying(s ...string) step { st.says = s; return st }

// multipartBody is a report with one document, as a client sends it.
func multipartBody(t *testing.T, jsonPart, docName string, doc []byte) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="json"`)
	h.Set("Content-Type", "application/json")
	p, _ := w.CreatePart(h)
	p.Write([]byte(jsonPart))
	if doc != nil {
		f, _ := w.CreateFormFile("documents", docName)
		f.Write(doc)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

const (
	en = `{"en":%q,"authentic":"en"}`
)

func text(s string) string { return fmt.Sprintf(en, s) }

// TestEveryVerbScenario goes through every verb of the record over the API, from a new
// session to decisions, tasks, reports, chairmanships, threats, operations and
// publications, with the refusals each may meet.
func TestEveryVerbScenario(t *testing.T) {
	s := &scenario{testAPI: newTestAPI(t, Options{}), t: t}
	rule := `{"from":"2020-01-01","substantive":{"method":"consensus"},"procedural":{"method":"simple_majority"}}`

	// Who may write.
	ses := `{"id":"csc-2020-05-01","body":"csc","date":"2020-05-01","kind":"regular","place":` + text("Moscow") + `}`
	s.run(step{req: request{method: "POST", path: Prefix + "/sessions", body: ses}, status: 401, says: []string{`"EUNAUTHORIZED"`}})
	s.run(step{req: request{method: "POST", path: Prefix + "/sessions", reader: "officer-read", body: ses}, status: 403, says: []string{"write scope"}})
	s.run(step{req: request{method: "POST", path: Prefix + "/sessions", reader: "delegate:KG", body: ses}, status: 403, says: []string{"officers"}})
	s.run(step{req: request{method: "POST", path: Prefix + "/sessions", reader: "officer", body: ses, contentType: "text/plain"}, status: 415, says: []string{`"EMEDIATYPE"`}})
	s.run(write("/sessions", `{"id":"x","bodyy":"csc"}`, 400).saying(`"bodyy"`, "unknown field"))
	s.run(write("/sessions", `{"id":"x","kind":5}`, 400).saying(`"kind"`))
	s.run(write("/sessions", `{"id":"x","date":"soon"}`, 400).saying("soon"))
	s.run(write("/sessions", `{"id":"x"} {"id":"y"}`, 400).saying("more after"))
	s.run(write("/sessions", ses, 201, "ScheduleSession").saying(`"csc-2020-05-01"`))
	s.run(write("/sessions", ses, 409, []string{}...).saying(`"ECONFLICT"`, "already exists"))
	s.run(write("/sessions", `{"id":"csc-2020-05-02","body":"csc","date":"2020-05-02","kind":"regular","chair":"XX"}`, 404).saying(`"ENOTFOUND"`))

	// A change to an existing record needs the version read.
	note := `{"note":` + text("Held by videoconference") + `}`
	s.run(write("/sessions/csc-2020-05-01/note", note, 428).saying(`"EPRECONDITIONREQUIRED"`, "If-Match"))
	s.run(write("/sessions/csc-2020-05-01/note", note, 412).ifMatch(`"1"`).saying(`"EPRECONDITION"`, "has changed"))
	s.run(write("/sessions/csc-2020-05-01/note", note, 400).ifMatch(`W/"1"`).saying(`"If-Match"`))
	s.run(write("/sessions/csc-2020-05-01/note", note, 201, "NoteSession").ifMatch(s.etagOf("session", "csc-2020-05-01")))
	s.run(write("/sessions/nowhere/note", note, 404).ifMatch(`"1"`))

	// The agenda, positions and decisions.
	s.run(write("/sessions/csc-2020-05-01/items", `{"title":`+text("First question")+`,"kind":"substantive"}`, 201, "AddAgendaItem").saying(`"csc-2020-05-01-1"`))
	s.run(write("/sessions/csc-2020-05-01/items", `{"title":`+text("Second question")+`,"kind":"procedural"}`, 201, "AddAgendaItem"))
	s.run(write("/sessions/csc-2020-05-01/items", `{"title":`+text("Third question")+`,"kind":"substantive"}`, 201, "AddAgendaItem"))
	s.run(write("/sessions/csc-2020-05-01/items", `{"session":"csc-2019-11-28","title":`+text("Elsewhere")+`,"kind":"substantive"}`, 400).saying("differs from the path"))
	s.run(write("/sessions/csc-2020-05-01/items", `{"title":{"en":""},"kind":"substantive"}`, 400).saying(`"fields"`))
	for _, st := range []string{"AM", "BY", "KZ", "RU", "TJ"} {
		s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"`+st+`","stance":"joins"}`, 201, "RecordPosition"))
	}
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"KG","stance":"objects"}`, 201, "RecordPosition").saying(`"objects"`))
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"KG","stance":"joins_with_reservation","reservation":`+text("On the wording")+`}`, 428))
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"KG","stance":"joins_with_reservation","reservation":`+text("On the wording")+`}`, 201, "RecordPosition").
		ifMatch(s.etagOf("position", "csc-2020-05-01-1.KG")))
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"XX","stance":"joins"}`, 404))
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"KG","stance":"maybe"}`, 400).saying(`"stance"`))
	s.run(write("/items/csc-2020-05-01-1/decide", `{}`, 428))
	dec := s.run(write("/items/csc-2020-05-01-1/decide", `{"requires_ratification":true}`, 201, "DecideItem").
		ifMatch(s.etagOf("item", "csc-2020-05-01-1")).saying(`"adopted"`, `"kind":"decision"`))
	decision := decisionOf(t, dec)
	s.run(write("/items/csc-2020-05-01-1/decide", `{}`, 409).ifMatch(s.etagOf("item", "csc-2020-05-01-1")).saying("already decided"))
	s.run(write("/items/csc-2020-05-01-1/positions", `{"state":"AM","stance":"objects"}`, 409).ifMatch(s.etagOf("position", "csc-2020-05-01-1.AM")))
	s.run(write("/items/csc-2020-05-01-2/defer", `{"note":`+text("Next time")+`}`, 201, "DeferItem").ifMatch(s.etagOf("item", "csc-2020-05-01-2")).saying(`"deferred"`))
	s.run(write("/items/csc-2020-05-01-3/withdraw", `{}`, 201, "WithdrawItem").ifMatch(s.etagOf("item", "csc-2020-05-01-3")).saying(`"withdrawn"`))
	s.run(write("/decisions/"+decision+"/signatures", `{"state":"KG","date":"2020-05-01"}`, 201, "SignDecision").ifMatch(s.etagOf("decision", decision)))
	s.run(write("/decisions/"+decision+"/signatures", `{"state":"KG","date":"2020-05-01"}`, 409).ifMatch(s.etagOf("decision", decision)).saying("already signed"))
	s.run(write("/decisions/"+decision+"/entry-into-force", `{"state":"KG","date":"2020-06-01"}`, 201, "RecordEntryIntoForce").ifMatch(s.etagOf("decision", decision)))
	s.run(write("/decisions/"+decision+"/entry-into-force", `{"state":"RU","date":"2020-06-01"}`, 409).ifMatch(s.etagOf("decision", decision)).saying("has not signed"))
	rc := `{"id":"csc-2020-06-01-rc","body":"csc","date":"2020-06-01","title":` + text("A roll call") + `,"kind":"procedural","votes":[` +
		`{"state":"AM","stance":"joins"},{"state":"BY","stance":"joins"},{"state":"KG","stance":"objects"},{"state":"KZ","stance":"joins"},{"state":"RU","stance":"joins"},{"state":"TJ","stance":"absent"}]}`
	s.run(write("/rollcalls", rc, 201, "ImportRollCall").saying(`"adopted"`))
	s.run(write("/rollcalls", rc, 409))

	// Tasks and reports.
	task := `{"text":` + text("Prepare a plan") + `,"responsible":{"kind":"body","body":"cssc"},"due":"2020-12-01"}`
	s.run(write("/decisions/"+decision+"/tasks", task, 201, "SetTask").saying(`"assigned"`))
	s.run(write("/decisions/"+decision+"/tasks", task, 201, "SetTask"))
	s.run(write("/decisions/nowhere/tasks", task, 404))
	t1, t2 := decision+"-t1", decision+"-t2"
	body, ct := multipartBody(t, `{"date":"2020-06-01","author":"cssc","speaks_for":"cssc","text":`+text("Half done")+`,"progress":50}`, "plan.txt", []byte("The plan, half written.\n"))
	s.run(step{req: request{method: "POST", path: Prefix + "/tasks/" + t1 + "/reports", reader: "officer", body: body, contentType: ct}, status: 201, verbs: []string{"ReportImplementation"}, says: []string{`"plan.txt"`}})
	body, ct = multipartBody(t, `{"date":"2020-07-01","author":"cssc","speaks_for":"cssc","text":`+text("Done")+`,"progress":100}`, "", nil)
	s.run(step{req: request{method: "POST", path: Prefix + "/tasks/" + t1 + "/reports", reader: "officer", body: body, contentType: ct}, status: 201, verbs: []string{"ReportImplementation"}})
	body, ct = multipartBody(t, `{"date":"2020-07-01","author":"cssc","speaks_for":"cssc","text":`+text("A page")+`,"progress":10}`, "page.html", []byte("<html><body>x</body></html>"))
	s.run(step{req: request{method: "POST", path: Prefix + "/tasks/" + t2 + "/reports", reader: "officer", body: body, contentType: ct}, status: 400, says: []string{"not allowed"}})
	s.run(step{req: request{method: "POST", path: Prefix + "/tasks/" + t2 + "/reports", reader: "officer", body: `{"progress":10}`}, status: 415})
	s.run(write("/tasks/"+t1+"/return", "", 201, "ReturnTask").ifMatch(s.etagOf("task", t1)).saying(`"in_progress"`))
	s.run(write("/tasks/"+t1+"/fulfil", "", 409).ifMatch(s.etagOf("task", t1)))
	s.run(write("/tasks/"+t1+"/fulfil", `{"x":1}`, 400).ifMatch(s.etagOf("task", t1)).saying("takes no body"))
	s.run(write("/tasks/"+t2+"/cancel", "", 201, "CancelTask").ifMatch(s.etagOf("task", t2)).saying(`"cancelled"`))
	body, ct = multipartBody(t, `{"date":"2020-08-01","author":"cssc","speaks_for":"cssc","text":`+text("Done again")+`,"progress":100}`, "", nil)
	s.run(step{req: request{method: "POST", path: Prefix + "/tasks/" + t1 + "/reports", reader: "officer", body: body, contentType: ct}, status: 201, verbs: []string{"ReportImplementation"}})
	s.run(write("/tasks/"+t1+"/fulfil", "", 201, "FulfilTask").ifMatch(s.etagOf("task", t1)).saying(`"fulfilled"`))

	// The organization, sources, states and bodies.
	s.run(write("/organizations", `{"id":"csto","name":`+text("Again")+`}`, 409))
	s.run(write("/sources", `{"id":"api-src","class":"official_site","title":`+text("An API source")+`,"url":"https://example.org/api"}`, 201, "RegisterSource"))
	s.run(write("/states", `{"id":"UZ","code":"UZ","name":{"en":"Uzbekistan","ru":"Узбекистан","authentic":"ru"},"memberships":[{"status":"member","from":"2020-01-01"}]}`, 201, "AdmitState"))
	s.run(write("/states/UZ/memberships", `{"withdraw_on":"2020-02-01"}`, 201, "RecordMembership").ifMatch(s.etagOf("state", "UZ")))
	s.run(write("/states/UZ/memberships", `{}`, 400).ifMatch(s.etagOf("state", "UZ")).saying(`"period"`))
	_, vkey, err := translog.GenerateKey(rand.Reader, "kg.example/witness", translog.WitnessKey)
	if err != nil {
		t.Fatal(err)
	}
	s.run(write("/states/KG/witness-keys", `{"key":"`+vkey+`"}`, 201, "RegisterWitnessKey").ifMatch(s.etagOf("state", "KG")))
	s.run(write("/states/RU/witness-keys", `{"key":"not a key"}`, 400).ifMatch(s.etagOf("state", "RU")))
	s.run(write("/bodies", `{"id":"wg-api","kind":"working_group","name":`+text("API working group")+`,"rules":[`+rule+`]}`, 201, "RegisterBody"))
	s.run(write("/bodies/wg-api/rules", strings.Replace(rule, "2020-01-01", "2020-06-01", 1), 201, "SetDecisionRule").ifMatch(s.etagOf("body", "wg-api")))
	s.run(write("/bodies/wg-api/rules", rule, 409).ifMatch(s.etagOf("body", "wg-api")).saying("never rewritten"))

	// Drafts.
	s.run(write("/drafts", `{"id":"draft-api","body":"cssc","title":`+text("A draft")+`,"versions":[{"date":"2020-03-01","text":"Текст проекта."}]}`, 201, "ProposeDraft"))
	s.run(write("/drafts/draft-api/versions", `{"date":"2020-03-02","text":"Текст проекта, исправленный."}`, 201, "ReviseDraft").ifMatch(s.etagOf("draft", "draft-api")).saying(`"n":2`))

	// Chairmanships.
	s.run(write("/sessions", `{"id":"wg-api-2020-04-01","body":"wg-api","date":"2020-04-01","kind":"regular"}`, 201, "ScheduleSession"))
	s.run(write("/chairmanships", `{"id":"wg-api-chair-kg","body":"wg-api","state":"KG","from":"2020-03-01"}`, 201, "TakeChair"))
	s.run(write("/chairmanships/handover", `{"session":"wg-api-2020-04-01","to":"RU"}`, 201, "HandOverChairmanship").saying(`"RU"`))
	s.run(write("/chairmanships/handover", `{"session":"wg-api-2020-04-01","to":"RU"}`, 409))
	s.run(write("/chairmanships/wg-api-chair-kg/priorities", `{"on":"2020-03-01","priorities":[{"text":`+text("Peace")+`}]}`, 201, "AnnouncePriorities").ifMatch(s.etagOf("chairmanship", "wg-api-chair-kg")))
	s.run(write("/chairmanships/wg-api-chair-kg/priorities/1/statement", `{"statement":`+text("It was done")+`}`, 201, "StateOnPriority").ifMatch(s.etagOf("chairmanship", "wg-api-chair-kg")))
	s.run(write("/chairmanships/wg-api-chair-kg/priorities/2/statement", `{"statement":`+text("No such")+`}`, 404).ifMatch(s.etagOf("chairmanship", "wg-api-chair-kg")))
	s.run(write("/chairmanships/wg-api-chair-kg/priorities/x/statement", `{"statement":`+text("No such")+`}`, 404).ifMatch(s.etagOf("chairmanship", "wg-api-chair-kg")))

	// Threats, operations and figures.
	s.run(write("/areas", `{"id":"api-area","name":`+text("An area")+`}`, 201, "RegisterArea"))
	s.run(write("/threats", `{"id":"api-threat","category":"terrorism","name":`+text("A threat")+`}`, 201, "RegisterThreat"))
	s.run(write("/threats/api-threat/assessments", `{"date":"2020-03-01","level":3,"trend":"stable","areas":["api-area"],"sources":["api-src"]}`, 201, "AssessThreat").ifMatch(s.etagOf("threat", "api-threat")))
	s.run(write("/threats/api-threat/assessments", `{"date":"2020-03-05","level":9,"illustrative":true}`, 400).ifMatch(s.etagOf("threat", "api-threat")))
	s.run(write("/threats/api-threat/links", `{"kind":"decision","id":"`+decision+`"}`, 201, "LinkThreat").ifMatch(s.etagOf("threat", "api-threat")))
	s.run(write("/threats/api-threat/links", `{"kind":"person","id":"x"}`, 400).ifMatch(s.etagOf("threat", "api-threat")))
	s.run(write("/operations", `{"id":"api-op","code_name":`+text("Api")+`,"since":"2020-01-01","metrics":[{"key":"checks","name":`+text("checks made")+`,"unit":"count"}]}`, 201, "RegisterOperation"))
	s.run(write("/operations/api-op/stages", `{"id":"s1","from":"2020-03-01"}`, 201, "AddStage").ifMatch(s.etagOf("operation", "api-op")))
	s.run(write("/figures", `{"id":"api-fig","operation":"api-op","metric":"checks","year":2020,"value":10,"qualifier":"exact","source":"api-src"}`, 201, "ReportFigure"))
	s.run(write("/figures", `{"id":"api-fig-2","operation":"api-op","metric":"checks","year":2020,"value":1,"qualifier":"exact","source":"api-src","full_name":"A B"}`, 400).saying("personal data"))
	s.run(write("/figures", `{"id":"api-fig-3","operation":"api-op","metric":"arrests","year":2020,"value":1,"qualifier":"exact","source":"api-src"}`, 400).saying(`"metric"`))

	// Publications and the foreword.
	s.run(write("/publications", `{"id":"api-pub","kind":"news","section":"news","date":"2020-03-01","title":`+text("News from the API")+`,"languages":["en"]}`, 201, "Publish"))
	s.run(write("/reviews/2019/foreword", `{"lang":"en","text":"The year in a few words."}`, 201, "Publish").saying(`"foreword-2019-en"`))
	s.run(write("/reviews/2019/foreword", `{"lang":"fr","text":"x"}`, 400))
	s.run(write("/reviews/year/foreword", `{"lang":"en","text":"x"}`, 404))

	// Reads of what was written, and of every view.
	for _, rd := range []struct {
		path   string
		status int
		says   []string
	}{
		{"/sessions?where=body=wg-api", 200, []string{`"total":1`}},
		{"/items?where=session=csc-2020-05-01&lang=ru", 200, []string{`"total":3`, "принято", `"labels"`}},
		{"/items?where=colour=red", 400, []string{"has no field"}},
		{"/items?where=outcome.result=maybe", 400, []string{"adopted"}},
		{"/items?limit=0", 400, nil},
		{"/items?cursor=garbage", 400, []string{`"cursor"`}},
		{"/items/csc-2020-05-01-1?lang=en", 200, []string{`"positions"`, `"explanation"`, `"labels"`}},
		{"/items/nowhere", 404, []string{`"ENOTFOUND"`}},
		{"/decisions/" + decision, 200, []string{`"signatures"`}},
		{"/decisions/" + decision + "/progress", 200, nil},
		{"/decisions/" + decision + "/tasks", 200, []string{`"tasks"`, `"progress"`, `"status"`}},
		{"/decisions/nowhere/tasks", 404, []string{`"ENOTFOUND"`}},
		{"/tasks/" + t1, 200, []string{`"reports"`, "plan.txt"}},
		{"/drafts/draft-api", 200, []string{`"diffs"`}},
		{"/chairmanships/wg-api-chair-kg/priorities", 200, []string{`"priorities"`}},
		{"/threats/api-threat/history?from=2020-01-01", 200, []string{`"history"`}},
		{"/threats/api-threat/history?from=yesterday", 400, []string{`"from"`}},
		{"/operations/api-op", 200, []string{`"totals"`}},
		{"/states/KG/votes?from=2020-01-01", 200, []string{"csc-2020-05-01-1"}},
		{"/states/KG/agreement/RU", 200, []string{`"agreed"`}},
		{"/sessions/csc-2018-11-08/tasks?as_of=2019-11-28", 200, []string{`"fulfilled"`}},
		{"/mandates/open?responsible=cssc", 200, nil},
		{"/history/task/" + t1, 200, []string{"FulfilTask"}},
		{"/history/colour/x", 404, nil},
		{"/reviews/2019?lang=ru", 200, []string{`"narrative"`, "Председательство"}},
		{"/reviews/1990", 404, nil},
		{"/sessions/csc-2020-05-01?as_of=2020-01-01", 404, nil},
		{"/sessions?as_of=tomorrow", 400, []string{`"as_of"`}},
		{"/sessions?lang=fr", 400, []string{`"lang"`}},
	} {
		s.run(step{req: request{method: "GET", path: Prefix + rd.path, reader: "officer"}, status: rd.status, says: rd.says})
	}
}

// decisionOf returns the ID of the decision a DecideItem answer's entry wrote.
func decisionOf(t *testing.T, res response) string {
	var ans WriteAnswer
	if err := json.Unmarshal(res.body, &ans); err != nil {
		t.Fatal(err)
	}
	ids := ans.Entry.IDs("decision")
	if len(ids) != 1 {
		t.Fatalf("the decision is not in the entry: %s", res.body)
	}
	return ids[0]
}

// A figure with which an operation's totals would pass 2^53 − 1 is refused over the API
// as the importer refuses it, with the field to correct, and writes nothing; the
// operation's read still answers with its totals.
func TestFigureTotalsCannotOverflow(t *testing.T) {
	s := &scenario{testAPI: newTestAPI(t, Options{}), t: t}
	most := fmt.Sprint(int64(secretariat.MaxFigureValue))
	figure := func(id, op, metric string, year int, value string) string {
		return fmt.Sprintf(`{"id":%q,"operation":%q,"metric":%q,"year":%d,"value":%s,"qualifier":"exact","source":"tass-2017-05-25"}`, id, op, metric, year, value)
	}
	s.run(write("/operations", `{"id":"big","code_name":`+text("Big")+`,"since":"2020-01-01","metrics":[{"key":"checks","name":`+text("checks made")+`,"unit":"count"}]}`, 201, "RegisterOperation"))
	s.run(write("/figures", figure("big-2020", "big", "checks", 2020, most), 201, "ReportFigure"))
	s.run(write("/figures", figure("big-2021", "big", "checks", 2021, most), 400).
		saying(`"EINVALID"`, `"value"`, "figure big-2021 is refused and nothing was written", "2^53 − 1", "check the value"))
	// Channel's figures already add up to something: 2^53 − 1 more is too much.
	s.run(write("/figures", figure("channel-firearms-2020", "channel", "firearms_seized", 2020, most), 400).saying(`"EINVALID"`, "2^53 − 1"))
	s.run(write("/figures", figure("channel-firearms-2020", "channel", "firearms_seized", 2020, "1000"), 201, "ReportFigure"))
	for _, id := range []string{"big", "channel"} {
		for _, reader := range []string{"officer", ""} {
			s.run(step{req: request{method: "GET", path: Prefix + "/operations/" + id, reader: reader}, status: 200, says: []string{`"totals"`, `"since_inception"`}})
		}
	}
	res := s.get(Prefix+"/operations/big", "officer")
	if strings.Contains(string(res.body), "big-2021") || !strings.Contains(string(res.body), `"value":`+most) {
		t.Fatalf("the refused figure is in the operation, or the accepted one is not:\n%s", clip(res.body))
	}
}
