package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The document validates as OpenAPI 3.1, documents every route the server routes, and
// routes every operation it documents.
func TestTheOpenAPIDocumentIsTheRouteTable(t *testing.T) {
	ta := newTestAPI(t, Options{})
	res := ta.get(OpenAPIPath, "")
	if res.status != 200 {
		t.Fatalf("%s: %d", OpenAPIPath, res.status)
	}
	doc, _, err := loadSpec(res.body)
	if err != nil {
		t.Fatalf("the document does not validate: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() || doc.OpenAPI != "3.1.0" {
		t.Fatalf("the document is OpenAPI %s, not 3.1", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	routed := map[string]bool{"GET " + OpenAPIPath: true}
	for _, rt := range ta.api.routes {
		routed[rt.method+" "+rt.path] = true
	}
	for r := range routed {
		if !documented[r] {
			t.Errorf("%s is routed but not documented", r)
		}
	}
	param := regexp.MustCompile(`\{[a-z_]+\}`)
	for d := range documented {
		if !routed[d] {
			t.Errorf("%s is documented but not routed", d)
		}
		// And the server answers it: a route it does not have would be a 404 "no such
		// route" or a 405.
		method, path, _ := strings.Cut(d, " ")
		r := httptest.NewRequest(method, param.ReplaceAllString(path, "x"), nil)
		_, pattern := ta.api.mux.Handler(r)
		if pattern == "" {
			t.Errorf("%s is documented but the server has no route for it", d)
		}
	}
	if len(documented) < 70 {
		t.Errorf("only %d operations documented", len(documented))
	}
}

// A record is founded over the API: the organization, then what every record starts
// with.
func TestFoundingARecord(t *testing.T) {
	st := testrecord.Empty(t).WithClock(func() time.Time { return testNow })
	ctx := context.Background()
	if err := st.CreateAccount(ctx, store.Account{Name: "olga", Role: secretariat.RoleOfficer, PasswordHash: "x"}, store.AuditEntry{At: testNow}); err != nil {
		t.Fatal(err)
	}
	a, err := New(st, discard(), Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := CreateToken(ctx, st, "olga", store.ScopeWrite, time.Hour, testNow, store.AuditEntry{})
	if err != nil {
		t.Fatal(err)
	}
	ta := &testAPI{t: t, st: st, api: a, tokens: map[string]string{"officer": tok}}
	s := &scenario{testAPI: ta, t: t}
	s.run(write("/organizations", `{"id":"org","name":`+text("An organization")+`}`, 201, "FoundOrganization").saying(`"org"`))
	s.run(write("/organizations", `{"id":"org","name":`+text("Again")+`}`, 409))
	s.run(step{req: request{method: "GET", path: Prefix + "/organizations/org", reader: "officer"}, status: 200})
}

// Twenty clients change the same record at once, each with the version it read: one
// wins per version, the others are refused with 412, and the journal holds each winner's
// change on top of the one before.
func TestIfMatchLetsOneOfTwentyWin(t *testing.T) {
	ta := newTestAPI(t, Options{})
	const clients, rounds = 20, 3
	srv := httptest.NewServer(ta.api)
	defer srv.Close()
	for round := 1; round <= rounds; round++ {
		res := ta.get(Prefix+"/drafts/draft-gcts", "officer")
		tag := res.header.Get("ETag")
		versions := len(res.json(t)["data"].(map[string]any)["draft"].(map[string]any)["versions"].([]any))
		var wg sync.WaitGroup
		statuses := make([]int, clients)
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := fmt.Sprintf(`{"date":"2020-03-0%d","text":"Version by client %d in round %d."}`, round, i, round)
				req, _ := http.NewRequest("POST", srv.URL+Prefix+"/drafts/draft-gcts/versions", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+ta.tokens["officer"])
				req.Header.Set("If-Match", tag)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				statuses[i] = resp.StatusCode
			}()
		}
		wg.Wait()
		sort.Ints(statuses)
		want := append([]int{201}, repeat(412, clients-1)...)
		if fmt.Sprint(statuses) != fmt.Sprint(want) {
			t.Fatalf("round %d: statuses %v, want one 201 and %d 412", round, statuses, clients-1)
		}
		after := ta.get(Prefix+"/drafts/draft-gcts", "officer")
		got := after.json(t)["data"].(map[string]any)["draft"].(map[string]any)["versions"].([]any)
		if len(got) != versions+1 {
			t.Fatalf("round %d: %d versions after, want %d", round, len(got), versions+1)
		}
	}
	// The journal: one ReviseDraft per round, each on the version the one before wrote.
	hist := ta.get(Prefix+"/history/draft/draft-gcts", "officer")
	var entries []store.HistoryEntry
	if err := json.Unmarshal(hist.body, &entries); err != nil {
		t.Fatal(err)
	}
	revisions := 0
	prev := 0
	for _, e := range entries {
		var d secretariat.Draft
		if err := json.Unmarshal(e.Doc, &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Versions) != prev+1 && prev != 0 {
			t.Errorf("entry %d holds %d versions after %d: an update was lost", e.Seq, len(d.Versions), prev)
		}
		prev = len(d.Versions)
		if e.Verb == "ReviseDraft" && strings.HasPrefix(e.Actor, "user:olga") {
			revisions++
		}
	}
	if revisions != rounds {
		t.Errorf("%d revisions journaled, want %d", revisions, rounds)
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// A POST repeated with its Idempotency-Key is written once and answered the same; the
// key with another body is refused; another token's same key is its own.
func TestIdempotencyKeyWritesOnce(t *testing.T) {
	ta := newTestAPI(t, Options{})
	body := `{"id":"csc-2020-05-01","body":"csc","date":"2020-05-01","kind":"regular"}`
	key := map[string]string{"Idempotency-Key": "3f0a7c1e-session"}
	head := ta.journalHead()
	first := ta.post(Prefix+"/sessions", "officer", body, key)
	if first.status != 201 {
		t.Fatalf("first: %d %s", first.status, first.body)
	}
	for range 3 {
		again := ta.post(Prefix+"/sessions", "officer", body, key)
		if again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" ||
			again.header.Get("ETag") != first.header.Get("ETag") {
			t.Fatalf("repeated: %d %s (replayed %q)", again.status, again.body, again.header.Get("Idempotent-Replayed"))
		}
	}
	if n := ta.journalHead(); n != head+1 {
		t.Fatalf("%d entries written, want 1", n-head)
	}
	other := ta.post(Prefix+"/sessions", "officer", strings.Replace(body, "05-01", "05-02", 2), key)
	if other.status != 409 || !strings.Contains(string(other.body), "Idempotency-Key") {
		t.Fatalf("the key with another body: %d %s", other.status, other.body)
	}
	// Without the key the same body is a new request, refused by the record itself.
	if res := ta.post(Prefix+"/sessions", "officer", body, nil); res.status != 409 || !strings.Contains(string(res.body), "already exists") {
		t.Fatalf("without the key: %d %s", res.status, res.body)
	}
	// Another token's key is its own.
	if res := ta.post(Prefix+"/sessions", "admin", strings.Replace(body, "05-01", "05-03", 2), key); res.status != 201 {
		t.Fatalf("another token's key: %d %s", res.status, res.body)
	}
	// Twenty clients sending the same keyed request at once write it once.
	srv := httptest.NewServer(ta.api)
	defer srv.Close()
	head = ta.journalHead()
	var wg sync.WaitGroup
	answers := make([]string, 20)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", srv.URL+Prefix+"/sessions", strings.NewReader(strings.Replace(body, "05-01", "05-04", 2)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+ta.tokens["officer"])
			req.Header.Set("Idempotency-Key", "concurrent")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var ans WriteAnswer
			json.NewDecoder(resp.Body).Decode(&ans)
			answers[i] = fmt.Sprint(resp.StatusCode, " ", ans.Entry != nil && ans.Entry.Seq == head+1)
		}()
	}
	wg.Wait()
	for _, a := range answers {
		if a != "201 true" {
			t.Fatalf("concurrent keyed requests answered %v", answers)
		}
	}
	if n := ta.journalHead(); n != head+1 {
		t.Fatalf("concurrent keyed requests wrote %d entries", n-head)
	}
	// After 24 hours the key is forgotten.
	later := ta.api.opts.Now().Add(IdempotencyWindow + time.Minute)
	ta.api.opts.Now = func() time.Time { return later }
	if res := ta.post(Prefix+"/sessions", "officer", body, key); res.status != 409 || strings.Contains(string(res.body), "Idempotency-Key") {
		t.Fatalf("a key past 24 hours: %d %s", res.status, res.body)
	}
	if res := ta.post(Prefix+"/sessions", "officer", body, map[string]string{"Idempotency-Key": "bad key"}); res.status != 400 {
		t.Fatalf("a key with a space: %d", res.status)
	}
}

// Limits: bodies, nesting, tokens, the rate, and the answers of routes that do not exist.
func TestLimits(t *testing.T) {
	ta := newTestAPI(t, Options{TokenRate: 1, TokenBurst: 3, PublicRate: 1, PublicBurst: 2})
	big := `{"id":"x","note":{"en":"` + strings.Repeat("a", MaxJSONBody) + `"}}`
	if res := ta.post(Prefix+"/sessions", "officer", big, nil); res.status != 413 || res.errorCode() != codeTooLarge {
		t.Errorf("a body over 1 MiB: %d %s", res.status, clip(res.body))
	}
	deep := strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1)
	if res := ta.post(Prefix+"/sessions", "officer", deep, nil); res.status != 400 || !strings.Contains(string(res.body), "deeper") {
		t.Errorf("a body nested too deep: %d %s", res.status, res.body)
	}
	// The rate: a token's burst, then 429 with Retry-After; the public's by address.
	var last response
	for range 4 {
		last = ta.get(Prefix+"/states", "delegate:KG")
	}
	if last.status != 429 || last.header.Get("Retry-After") == "" || last.errorCode() != codeRateLimited {
		t.Errorf("past the rate: %d %q %s", last.status, last.header.Get("Retry-After"), last.body)
	}
	if res := ta.get(Prefix+"/states", "delegate:RU"); res.status != 200 {
		t.Errorf("another token is limited by the first's rate: %d", res.status)
	}
	for range 3 {
		last = ta.get(Prefix+"/states", "")
	}
	if last.status != 429 {
		t.Errorf("the public past its rate: %d", last.status)
	}
	// Tokens that do not sign in.
	for _, h := range []string{"Basic b2xnYTpw", "Bearer nonsense", "Bearer sct_abc_def"} {
		r := httptest.NewRequest("GET", Prefix+"/states", nil)
		r.Header.Set("Authorization", h)
		w := httptest.NewRecorder()
		ta.api.ServeHTTP(w, r)
		if w.Code != 401 {
			t.Errorf("Authorization %q: %d", h, w.Code)
		}
	}
	if err := ta.st.RevokeAPIToken(context.Background(), tokenID(ta.tokens["admin"]), store.AuditEntry{At: testNow}); err != nil {
		t.Fatal(err)
	}
	if res := ta.get(Prefix+"/states", "admin"); res.status != 401 {
		t.Errorf("a revoked token: %d", res.status)
	}
	// Routes that do not exist answer in the error body.
	if res := ta.get(Prefix+"/nothing", ""); res.status != 404 || res.errorCode() != codeNotFound {
		t.Errorf("an unknown route: %d %s", res.status, res.body)
	}
	r := httptest.NewRequest("DELETE", Prefix+"/sessions", nil)
	w := httptest.NewRecorder()
	ta.api.ServeHTTP(w, r)
	if w.Code != 405 || !strings.Contains(w.Body.String(), `"code"`) || w.Header().Get("Allow") == "" {
		t.Errorf("a method a route does not take: %d %s", w.Code, w.Body)
	}
}

// tokenID is the ID part of a token.
func tokenID(tok string) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(tok, tokenPrefix), "_")
	return id
}

// An expired token does not sign in, and a token of a disabled account neither.
func TestExpiredTokens(t *testing.T) {
	ta := newTestAPI(t, Options{})
	later := testNow.Add(31 * 24 * time.Hour)
	ta.api.opts.Now = func() time.Time { return later }
	r := httptest.NewRequest("GET", Prefix+"/states", nil)
	r.Header.Set("Authorization", "Bearer "+ta.tokens["officer"])
	w := httptest.NewRecorder()
	ta.api.ServeHTTP(w, r)
	if w.Code != 401 {
		t.Errorf("an expired token: %d", w.Code)
	}
	ta.api.opts.Now = func() time.Time { return testNow }
	if err := ta.st.DisableAccount(context.Background(), "olga", store.AuditEntry{At: testNow}); err != nil {
		t.Fatal(err)
	}
	if res := ta.get(Prefix+"/states", "officer"); res.status != 401 {
		t.Errorf("a disabled account's token: %d", res.status)
	}
}

// Pages of a listing follow each other without repeating or losing a record, even when
// the record grows between two pages: the pages after the first read the record as the
// first did.
func TestCursorsPageThroughASnapshot(t *testing.T) {
	ta := newTestAPI(t, Options{})
	var ids []string
	path := Prefix + "/positions?limit=40"
	total := -1
	for pages := 0; path != ""; pages++ {
		res := ta.get(path, "officer")
		var page ListAnswer
		if err := json.Unmarshal(res.body, &page); err != nil || res.status != 200 {
			t.Fatalf("%s: %d %s", path, res.status, clip(res.body))
		}
		if total < 0 {
			total = page.Total
			// A position recorded after the first page is not on the later ones.
			if _, err := ta.st.ScheduleSession(context.Background(), secretariat.Session{ID: "late", Body: "csc", Date: secretariat.NewDate(2020, 4, 1), Kind: secretariat.Regular}); err != nil {
				t.Fatal(err)
			}
		}
		for _, it := range page.Items {
			var p struct{ ID string }
			json.Unmarshal(it, &p)
			ids = append(ids, p.ID)
		}
		path = ""
		if page.Next != "" {
			path = Prefix + "/positions?limit=40&cursor=" + page.Next
		}
		if pages > 100 {
			t.Fatal("the pages do not end")
		}
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s is on two pages", id)
		}
		seen[id] = true
	}
	if len(ids) != total || total < 100 {
		t.Errorf("%d positions on the pages, total %d", len(ids), total)
	}
	// A cursor of one listing is refused by another.
	first := ta.get(Prefix+"/positions?limit=40", "officer")
	var page ListAnswer
	json.Unmarshal(first.body, &page)
	if res := ta.get(Prefix+"/items?cursor="+page.Next, "officer"); res.status != 400 {
		t.Errorf("another listing's cursor: %d", res.status)
	}
	if res := ta.get(Prefix+"/positions?limit=100000", "officer"); len(mustList(t, res).Items) != MaxLimit && mustList(t, res).Total > MaxLimit {
		t.Errorf("the limit is not capped")
	}
}

func mustList(t *testing.T, res response) ListAnswer {
	var l ListAnswer
	if err := json.Unmarshal(res.body, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// An unexpected error is logged and answered as EINTERNAL without its detail.
func TestInternalErrorsSayNothing(t *testing.T) {
	status, body, _ := describe(fmt.Errorf("reading /secret/path: disk on fire"))
	if status != 500 || body.Error.Code != codeInternal || body.Error.Message != "internal error" {
		t.Fatalf("%d %+v", status, body)
	}
	ta := newTestAPI(t, Options{})
	ta.st.Close() // every read now fails inside the driver
	res := ta.get(Prefix+"/states", "")
	if res.status != 500 || strings.Contains(string(res.body), "sql") || res.errorCode() != codeInternal {
		t.Fatalf("a failing database: %d %s", res.status, res.body)
	}
}
