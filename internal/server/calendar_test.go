package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"secretariat/internal/testkit/testrecord"
)

// calendarURLs fetches the calendar with the given Host header and returns the URL of
// every event.
func calendarURLs(t *testing.T, srv http.Handler, host string) (string, []string) {
	t.Helper()
	req := httptest.NewRequest("GET", "/calendar.ics", nil)
	req.Host = host
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("/calendar.ics: %d %s", rec.Code, rec.Body.String())
	}
	body := strings.ReplaceAll(rec.Body.String(), "\r\n ", "") // unfold (RFC 5545 §3.1)
	var urls []string
	for _, line := range strings.Split(body, "\r\n") {
		if u, ok := strings.CutPrefix(line, "URL:"); ok {
			urls = append(urls, u)
		}
	}
	return body, urls
}

// The feed's links are made from the configured public address and the application's
// routes, never from the Host header a client sends, and every one of them opens a page.
func TestCalendarLinksGoToPagesAtTheConfiguredAddress(t *testing.T) {
	st := testrecord.SharedDemo(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const base = "https://record.example.org/csto"
	srv, err := New(st, log, Options{BaseURL: base + "/", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	body, urls := calendarURLs(t, srv, "evil.example")
	if strings.Contains(body, "evil.example") {
		t.Fatal("the feed took an address from the request's Host header")
	}
	kinds := map[string]int{}
	for _, u := range urls {
		path, ok := strings.CutPrefix(u, base+"/")
		if !ok {
			t.Fatalf("link %q is not at the configured address %s", u, base)
		}
		if _, err := url.Parse(u); err != nil {
			t.Fatalf("link %q: %v", u, err)
		}
		kinds[strings.SplitN(path, "/", 2)[0]]++
		req := httptest.NewRequest("GET", "/"+path, nil)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("link %s: the page answers %d", u, rec.Code)
		}
	}
	if kinds["sessions"] == 0 || kinds["tasks"] == 0 {
		t.Fatalf("the feed links %v: want sessions and tasks", kinds)
	}
	t.Logf("%d links checked: %v", len(urls), kinds)

	// Without a configured address the events carry no link at all.
	bare, err := New(st, log, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, urls := calendarURLs(t, bare, "evil.example"); len(urls) != 0 {
		t.Fatalf("without --base-url the feed still links: %v", urls[:1])
	}
}
