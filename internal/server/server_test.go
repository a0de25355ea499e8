package server

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"secretariat/internal/demo"
	"secretariat/internal/store"
)

// demoStore loads the demo record into a fresh database.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := demo.Load(context.Background(), st, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestHomeListsPublicSessionsAndDecisions(t *testing.T) {
	srv, err := New(demoStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, body)
	}
	for _, want := range []string{"Collective Security Treaty Organization", "2019-11-28", "Appointment of the Secretary General", "restricted decisions are not shown"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The restricted border decision is neither listed nor named.
	if strings.Contains(body, "csc-2019-3<") || strings.Contains(body, "List of additional measures") {
		t.Error("a restricted decision is shown to the public")
	}
	if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("security headers missing")
	}
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/nope", nil))
	if rec.Code != 404 {
		t.Fatalf("unknown path: %d", rec.Code)
	}
}

func TestReportsAndRecordPages(t *testing.T) {
	srv, err := New(demoStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	rec := get("/reports/2019")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "all 17 were adopted") || !strings.Contains(body, `href="/records/item/csc-2019-11-28-1?lang=en"`) || !strings.Contains(body, "<svg") {
		t.Fatalf("the review page: %d %.300s", rec.Code, body)
	}
	if strings.Contains(body, "cmd-2019-04-30-1") || strings.Contains(body, "secret document") {
		t.Fatal("the public review page shows a restricted record")
	}
	if rec := get("/reports/2019?lang=ru"); !strings.Contains(rec.Body.String(), "приняты все 17") {
		t.Fatal("the Russian review page")
	}
	if rec := get("/reports/2019/pdf"); rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "%PDF-") {
		t.Fatalf("the PDF: %d %.100s", rec.Code, rec.Body.String())
	}
	if rec := get("/records/item/csc-2019-11-28-1"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Statement on improving international cooperation") {
		t.Fatalf("a record page: %d", rec.Code)
	}
	for _, path := range []string{"/records/item/cmd-2019-04-30-1", "/records/person/x", "/reports/nineteen", "/reports/1066"} {
		if rec := get(path); rec.Code != 404 && rec.Code != 400 {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
}
