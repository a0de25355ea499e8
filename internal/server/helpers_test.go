package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/auth"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The tests run the whole server (middleware, pages, forms) over a real SQLite file
// holding the demo record, and sign in through the sign-in form with real argon2id
// hashes.

// testNow is the server's clock in these tests: 2 March 2020.
var testNow = time.Date(2020, 3, 2, 9, 0, 0, 0, time.UTC)

const testPassword = "a test password"

// demoStates are the member states of the demo record.
var demoStates = []string{"AM", "BY", "KG", "KZ", "RU", "TJ"}

type testServer struct {
	t   *testing.T
	st  *store.Store
	srv *Server
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ctx := context.Background()
	st := testrecord.Demo(t).WithClock(func() time.Time { return testNow })
	svc, err := auth.New(st)
	if err != nil {
		t.Fatal(err)
	}
	// Cheaper hashes keep the suite quick; the costs themselves are tested in auth.
	svc.Params = auth.Params{Time: 1, Memory: 64, Threads: 1}
	clock := testNow
	svc.Clock = func() time.Time { return clock }
	by := auth.Actor{Name: "test", Address: "test"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.AddAccount(ctx, by, "root", secretariat.RoleAdmin, "", testPassword))
	must(svc.AddAccount(ctx, by, "olga", secretariat.RoleOfficer, "", testPassword))
	for _, s := range demoStates {
		must(svc.AddAccount(ctx, by, "del-"+s, secretariat.RoleDelegate, s, testPassword))
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Now: func() time.Time { return testNow }, Auth: svc})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, st: st, srv: srv}
}

// client is a browser: it keeps cookies and does not follow redirects.
type client struct {
	ts      *testServer
	cookies map[string]*http.Cookie
	name    string
}

func (ts *testServer) anonymous() *client {
	return &client{ts: ts, cookies: map[string]*http.Cookie{}, name: "anonymous"}
}

// signIn signs in through the form.
func (ts *testServer) signIn(name string) *client {
	ts.t.Helper()
	c := ts.anonymous()
	c.name = name
	res := c.post("/signin", url.Values{"name": {name}, "password": {testPassword}, "next": {"/"}})
	if res.Code != http.StatusSeeOther {
		ts.t.Fatalf("signing in %s: %d %s", name, res.Code, res.Body.String())
	}
	if _, ok := c.cookies["secretariat"]; !ok {
		ts.t.Fatalf("signing in %s set no cookie", name)
	}
	return c
}

func (c *client) do(req *http.Request) *httptest.ResponseRecorder {
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.ts.srv.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest("GET", path, nil))
}

// post sends a form as a browser on the same site does.
func (c *client) post(path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", "http://example.com")
	return c.do(req)
}

// postFiles sends a multipart form with files.
func (c *client) postFiles(path string, form url.Values, files map[string][]byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("documents", name)
		fw.Write(data)
	}
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// head is the journal's last entry number.
func (ts *testServer) head() int64 {
	n, _, err := ts.st.Head(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	return n
}

// verbsSince lists the verbs of the journal entries after seq.
func (ts *testServer) verbsSince(seq int64) []string {
	var out []string
	err := ts.st.Entries(context.Background(), seq+1, func(e store.Entry) error {
		out = append(out, e.Verb)
		return nil
	})
	if err != nil {
		ts.t.Fatal(err)
	}
	return out
}

// actorsSince lists the actors of the journal entries after seq.
func (ts *testServer) actorsSince(seq int64) []string {
	var out []string
	ts.st.Entries(context.Background(), seq+1, func(e store.Entry) error {
		out = append(out, e.Actor)
		return nil
	})
	return out
}
