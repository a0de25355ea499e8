package api

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The tests run the API over a real SQLite record with the demo loaded, with accounts
// and tokens of every role, and hold every answer to the OpenAPI document the API
// serves (kin-openapi, with JSON Schema 2020-12 as OpenAPI 3.1 has it).

// testNow is the API's clock in these tests: 2 March 2020.
var testNow = time.Date(2020, 3, 2, 9, 0, 0, 0, time.UTC)

// demoStates are the member states of the demo record.
var demoStates = []string{"AM", "BY", "KG", "KZ", "RU", "TJ"}

type testAPI struct {
	t   testing.TB
	st  *store.Store
	api *API
	// tokens by reader: "admin", "officer", "officer-read", "delegate:KG", …
	tokens map[string]string
}

// newTestAPI returns the API over a demo record of its own, which the test may write to.
func newTestAPI(t testing.TB, opts Options) *testAPI {
	t.Helper()
	return newTestAPIOver(t, testrecord.Demo(t).WithClock(func() time.Time { return testNow }), opts)
}

func newTestAPIOver(t testing.TB, st *store.Store, opts Options) *testAPI {
	t.Helper()
	ctx := context.Background()
	by := store.AuditEntry{At: testNow, Actor: "test"}
	tokens := map[string]string{}
	add := func(name string, role secretariat.Role, state, reader string) {
		if _, err := st.FindAccount(ctx, name); err != nil {
			if err := st.CreateAccount(ctx, store.Account{Name: name, Role: role, State: state, PasswordHash: "not used by the API"}, by); err != nil {
				t.Fatal(err)
			}
		}
		for _, scope := range []string{store.ScopeRead, store.ScopeWrite} {
			tok, _, err := CreateToken(ctx, st, name, scope, 30*24*time.Hour, testNow, by)
			if err != nil {
				t.Fatal(err)
			}
			key := reader
			if scope == store.ScopeRead {
				key += "-read"
			}
			tokens[key] = tok
		}
	}
	add("root", secretariat.RoleAdmin, "", "admin")
	add("olga", secretariat.RoleOfficer, "", "officer")
	for _, s := range demoStates {
		add("del-"+s, secretariat.RoleDelegate, s, "delegate:"+s)
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.TokenRate == 0 {
		opts.TokenRate, opts.PublicRate = -1, -1
	}
	a, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return &testAPI{t: t, st: st, api: a, tokens: tokens}
}

// response is an answer as the test reads it.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a map.
func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("the answer is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// errorCode is the code of an error answer, or "".
func (r response) errorCode() string {
	var e Error
	if json.Unmarshal(r.body, &e) != nil {
		return ""
	}
	return e.Error.Code
}

// request is one request of a test.
type request struct {
	method, path string
	reader       string // a key of tokens, or "" for the public
	body         string
	contentType  string
	header       map[string]string
}

// do sends a request and checks the answer against the OpenAPI document.
func (ta *testAPI) do(rq request) response {
	ta.t.Helper()
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	r := httptest.NewRequest(rq.method, rq.path, body)
	r.RemoteAddr = "192.0.2.1:1234"
	if rq.body != "" {
		ct := rq.contentType
		if ct == "" {
			ct = "application/json"
		}
		r.Header.Set("Content-Type", ct)
	}
	if rq.reader != "" {
		tok, ok := ta.tokens[rq.reader]
		if !ok {
			ta.t.Fatalf("no token for %q", rq.reader)
		}
		r.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range rq.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	ta.api.ServeHTTP(w, r)
	res := response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
	ta.validate(rq, res)
	return res
}

func (ta *testAPI) get(path, reader string) response {
	ta.t.Helper()
	return ta.do(request{method: "GET", path: path, reader: reader})
}

func (ta *testAPI) post(path, reader, body string, header map[string]string) response {
	ta.t.Helper()
	return ta.do(request{method: "POST", path: path, reader: reader, body: body, header: header})
}

// The OpenAPI document, loaded and checked once per test binary.
var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
	// covered records each documented operation a test answered.
	coveredMu sync.Mutex
	covered   = map[string]map[int]bool{}
)

func loadSpec(doc []byte) (*openapi3.T, routers.Router, error) {
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromData(doc)
		if specErr != nil {
			return
		}
		if specErr = specDoc.Validate(context.Background()); specErr != nil {
			return
		}
		specRouter, specErr = legacy.NewRouter(specDoc)
	})
	return specDoc, specRouter, specErr
}

// validate holds an answer to the schema the document gives its route and status. An
// answer the document does not describe is a failure.
func (ta *testAPI) validate(rq request, res response) {
	ta.t.Helper()
	_, router, err := loadSpec(ta.api.OpenAPI())
	if err != nil {
		ta.t.Fatalf("the OpenAPI document does not load: %v", err)
	}
	r := httptest.NewRequest(rq.method, rq.path, nil)
	rt, params, err := router.FindRoute(r)
	if err != nil {
		if res.status == http.StatusNotFound || res.status == http.StatusMethodNotAllowed {
			if res.errorCode() == "" {
				ta.t.Errorf("%s %s: %d without the error body: %s", rq.method, rq.path, res.status, res.body)
			}
			return
		}
		ta.t.Fatalf("%s %s answered %d but the document has no such route: %v", rq.method, rq.path, res.status, err)
	}
	coveredMu.Lock()
	if covered[rt.Operation.OperationID] == nil {
		covered[rt.Operation.OperationID] = map[int]bool{}
	}
	covered[rt.Operation.OperationID][res.status] = true
	coveredMu.Unlock()
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: rt,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.status, Header: res.header,
		Body: io.NopCloser(bytes.NewReader(res.body)), Options: in.Options}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		ta.t.Errorf("%s %s → %d does not match the document: %v\n%s", rq.method, rq.path, res.status, err, clip(res.body))
	}
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// journalHead returns the number of journal entries.
func (ta *testAPI) journalHead() int64 {
	ta.t.Helper()
	n, _, err := ta.st.Head(context.Background())
	if err != nil {
		ta.t.Fatal(err)
	}
	return n
}

// TestMain runs the tests and then, when all of them ran, fails unless every operation
// the document describes answered successfully in some test: every route has its
// scenario.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code != 0 || flag.Lookup("test.run").Value.String() != "" || specDoc == nil {
		os.Exit(code)
	}
	var missing []string
	for path, item := range specDoc.Paths.Map() {
		for method, op := range item.Operations() {
			ok := false
			for status := range covered[op.OperationID] {
				ok = ok || status < 300
			}
			if !ok {
				missing = append(missing, method+" "+path)
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		fmt.Fprintf(os.Stderr, "FAIL: no test answered these operations successfully:\n  %s\n", strings.Join(missing, "\n  "))
		os.Exit(1)
	}
	os.Exit(code)
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
