package server

import (
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The section's feed never builds a link from the Host header, which the client
// chooses and a kept page would serve to everyone: links are relative to the feed, or
// absolute at the configured public address; entry IDs are absolute either way.
func TestTheFeedLinksFromTheConfiguredAddressOnly(t *testing.T) {
	ts := newTestServer(t)
	type feed struct {
		ID      string `xml:"id"`
		Entries []struct {
			ID   string `xml:"id"`
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	read := func(srv http.Handler) (string, feed) {
		t.Helper()
		req := httptest.NewRequest("GET", "/sections/news/feed.atom?lang=en", nil)
		req.Host = "evil.example"
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("the feed: %d %s", rec.Code, rec.Body.String())
		}
		var f feed
		if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
			t.Fatalf("the feed is not XML: %v", err)
		}
		if len(f.Entries) == 0 {
			t.Fatal("the feed has no entries")
		}
		return rec.Body.String(), f
	}
	body, f := read(ts.srv)
	if strings.Contains(body, "evil.example") {
		t.Fatalf("the feed links to the request's Host:\n%.1000s", body)
	}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "urn:secretariat:publications:") || !strings.HasPrefix(e.Link.Href, "/publications/") {
			t.Errorf("without a public address: id %q, link %q", e.ID, e.Link.Href)
		}
	}

	srv, err := New(ts.st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Now: ts.srv.app.Now, Auth: ts.srv.auth, BaseURL: "https://record.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	body, f = read(srv)
	if strings.Contains(body, "evil.example") || !strings.HasPrefix(f.ID, "https://record.example.org/sections/news") {
		t.Fatalf("with a public address: feed id %q\n%.1000s", f.ID, body)
	}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "https://record.example.org/publications/") || !strings.HasPrefix(e.Link.Href, "https://record.example.org/publications/") {
			t.Errorf("with a public address: id %q, link %q", e.ID, e.Link.Href)
		}
	}
}
