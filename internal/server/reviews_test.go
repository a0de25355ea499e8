package server

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"secretariat"
)

// A crowd asking for a year in review no one has asked for since the record changed
// costs one build, HTML and PDF alike, and every reader gets the same bytes; a change to
// the record makes the next request build again.
func TestACrowdCostsOneBuildOfTheReview(t *testing.T) {
	ts := newTestServer(t)
	crowd := func(path string) []byte {
		t.Helper()
		var wg sync.WaitGroup
		bodies := make([][]byte, 24)
		codes := make([]int, 24)
		for i := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := ts.anonymous().get(path)
				bodies[i], codes[i] = res.Body.Bytes(), res.Code
			}()
		}
		wg.Wait()
		for i := range bodies {
			if codes[i] != 200 || !bytes.Equal(bodies[i], bodies[0]) {
				t.Fatalf("%s: reader %d got %d, %d bytes (the first got %d bytes)", path, i, codes[i], len(bodies[i]), len(bodies[0]))
			}
		}
		return bodies[0]
	}
	crowd("/reports/2019?lang=en")
	if n := ts.srv.builds.Load(); n != 1 {
		t.Fatalf("24 readers of the review: %d builds, want 1", n)
	}
	pdf := crowd("/reports/2019/pdf?lang=en")
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the PDF is not a PDF: %.40q", pdf)
	}
	if n := ts.srv.builds.Load(); n != 2 {
		t.Fatalf("24 readers of the PDF: %d builds in all, want 2", n)
	}
	crowd("/reports/2019?lang=en")
	if n := ts.srv.builds.Load(); n != 2 {
		t.Fatalf("the review again, the record unchanged: %d builds in all, want 2", n)
	}
	if _, err := ts.st.RegisterSource(context.Background(), secretariat.Source{ID: "new-source", Title: secretariat.T("Источник", "Source"),
		URL: "https://example.org/new", Class: secretariat.Media}); err != nil {
		t.Fatal(err)
	}
	crowd("/reports/2019?lang=en")
	if n := ts.srv.builds.Load(); n != 3 {
		t.Fatalf("the review after a change: %d builds in all, want 3", n)
	}
}

// While as many reviews are being built as the server allows, another is answered 503
// with Retry-After once it has waited its while, and the rest of the site is served.
func TestReviewBuildsAreBounded(t *testing.T) {
	ts := newTestServer(t)
	ts.srv.reviewWait = 100 * time.Millisecond
	for range cap(ts.srv.reviews) {
		ts.srv.reviews <- struct{}{} // every place taken, as by builds under way
	}
	c := ts.anonymous()
	res := c.get("/reports/2018?lang=ru")
	if res.Code != http.StatusServiceUnavailable || res.Header().Get("Retry-After") == "" ||
		!bytes.Contains(res.Body.Bytes(), []byte("Сервер занят")) {
		t.Fatalf("a review past the bound: %d, Retry-After %q\n%.800s", res.Code, res.Header().Get("Retry-After"), res.Body.String())
	}
	if res := c.get("/sessions?lang=en"); res.Code != 200 {
		t.Fatalf("the sessions page while reviews are built: %d", res.Code)
	}
	<-ts.srv.reviews // one build ends
	if res := c.get("/reports/2018?lang=ru"); res.Code != 200 {
		t.Fatalf("the review once a place is free: %d", res.Code)
	}
	if got := ts.srv.builds.Load(); got != 1 {
		t.Fatalf("%d builds, want 1 (the refused request built nothing)", got)
	}
}
