package server

import (
	"strings"
	"testing"
)

// xss is stored through every text field of the officers' forms; the pages that show
// those texts must carry it escaped, never as markup. The browser test runs the same
// payload in Chromium and checks that no script ran.
const xss = `"><script>window.xssRan=1</script><img src=x onerror="window.xssRan=2">`

func TestStoredTextIsEscapedEverywhere(t *testing.T) {
	ts := newTestServer(t)
	c := ts.signIn("olga")
	posts := []struct {
		path string
		form map[string]string
	}{
		{"/sessions/new", map[string]string{"id": "xss-session", "body": "csc", "date": "2020-03-02", "kind": "regular",
			"place.ru": xss, "place.en": xss, "title.ru": xss, "title.en": xss, "note.ru": xss, "note.en": xss}},
		{"/sessions/xss-session/items/new", map[string]string{"title.ru": xss, "title.en": xss, "kind": "substantive", "classification": "public"}},
		{"/sessions/xss-session/positions", map[string]string{"stance:xss-session-1:KG": "joins_with_reservation", "stance:xss-session-1:KG:ru": xss,
			"stance:xss-session-1:KG:en": xss, "stance:xss-session-1:AM": "joins"}},
		{"/items/xss-session-1/decide", map[string]string{"title.en": xss, "text": xss, "translation.en": xss, "translation.status": "working"}},
		{"/decisions/csc-2020-1/tasks/new", map[string]string{"paragraph": xss, "text.ru": xss, "text.en": xss, "responsible.kind": "secretariat",
			"cycle.en": xss, "classification": "public"}},
		{"/tasks/csc-2020-1-t1/report", map[string]string{"date": "2020-03-03", "author": "secretariat", "speaks_for": "secretariat", "text.ru": xss, "text.en": xss, "progress": "50"}},
		{"/chairmanships/csc-chair-2020/priorities", map[string]string{"announced": "2020-01-01", "priorities.1.ru": xss, "priorities.1.en": xss}},
		{"/chairmanships/csc-chair-2020/priorities/1/statement", map[string]string{"statement.ru": xss, "statement.en": xss}},
		{"/threats/new", map[string]string{"id": "xss-threat", "category": "crime", "name.ru": xss, "name.en": xss, "description.en": xss, "classification": "public"}},
		{"/threats/xss-threat/assess", map[string]string{"date": "2020-03-01", "level": "2", "narrative.en": xss, "illustrative": "on"}},
		{"/operations/new", map[string]string{"id": "xss-op", "code_name.ru": xss, "code_name.en": xss, "purpose.en": xss, "mandate_note.en": xss,
			"metrics.1.key": "k", "metrics.1.name.en": xss, "metrics.1.unit": "count", "classification": "public"}},
		{"/operations/xss-op/stages/new", map[string]string{"sid": "s1", "name.en": xss, "hq.en": xss, "observers": xss}},
		{"/operations/xss-op/figures/new", map[string]string{"metric": "k", "qualifier": "exact", "value": "1", "scope": "stage", "stage": "s1",
			"source": "csto-csc", "note.en": xss, "classification": "public"}},
		{"/publications/new", map[string]string{"id": "xss-pub", "kind": "news", "section": "news", "date": "2020-03-02", "title.en": xss, "title.ru": xss,
			"lead.en": xss, "parts.1.heading.en": xss, "parts.1.body.en": xss, "note.en": xss, "classification": "public"}},
		{"/reviews/2020/foreword", map[string]string{"flang": "en", "text": xss}},
		{"/sources/new", map[string]string{"id": "xss-src", "title.en": xss, "class": "media", "ref": xss, "publisher": xss, "note.en": xss}},
		{"/drafts/new", map[string]string{"id": "xss-draft", "title.en": xss, "date": "2020-03-01", "text": xss, "translation.en": xss,
			"translation.status": "working", "vnote.en": xss, "classification": "public"}},
	}
	before := ts.head()
	for _, p := range posts {
		form := v()
		for k, val := range p.form {
			form.Set(k, val)
		}
		res := c.post(p.path+"?lang=en", form)
		if res.Code != 303 {
			t.Fatalf("%s: %d %.2000s", p.path, res.Code, textOf(res.Body.String()))
		}
	}
	if n := len(ts.verbsSince(before)); n < len(posts) {
		t.Fatalf("only %d entries written", n)
	}
	// A form refused with the payload shows it back, escaped.
	bad := c.post("/sessions/new", v("body", "csc", "date", "nope", "kind", "regular", "place.en", xss))
	if bad.Code != 400 || strings.Contains(bad.Body.String(), "<script>window.xssRan") {
		t.Fatalf("a refused form: %d", bad.Code)
	}
	pages := []string{"/", "/sessions", "/sessions/xss-session", "/sessions/xss-session/positions", "/items/xss-session-1", "/decisions", "/decisions/csc-2020-1",
		"/tasks", "/tasks/csc-2020-1-t1", "/chairmanships/csc-chair-2020", "/threats", "/threats/xss-threat", "/operations", "/operations/xss-op",
		"/publications", "/publications/xss-pub", "/sections/news/feed.atom", "/sources/xss-src", "/drafts/xss-draft", "/reports/2020",
		"/history/threat/xss-threat", "/history/item/xss-session-1", "/states/KG", "/items/xss-session-1/decide", "/tasks/csc-2020-1-t1/report"}
	for _, p := range pages {
		for _, lang := range []string{"en", "ru"} {
			body := c.get(p + "?lang=" + lang).Body.String()
			if strings.Contains(body, "<script>window.xssRan") || strings.Contains(body, `onerror="window.xssRan`) || strings.Contains(body, "<img src=x") {
				t.Errorf("%s (%s): the payload is in the page as markup", p, lang)
			}
		}
	}
	// At least the pages that show the texts show them escaped.
	for _, p := range []string{"/sessions/xss-session", "/threats/xss-threat", "/publications/xss-pub", "/operations/xss-op"} {
		if body := c.get(p + "?lang=en").Body.String(); !strings.Contains(body, "&lt;script&gt;window.xssRan=1&lt;/script&gt;") {
			t.Errorf("%s does not show the stored text", p)
		}
	}
}

// Addresses typed into forms cannot become javascript: links.
func TestLinksAreOnlyHTTP(t *testing.T) {
	ts := newTestServer(t)
	c := ts.signIn("olga")
	before := ts.head()
	res := c.post("/publications/new?lang=en", v("kind", "news", "section", "news", "date", "2020-03-02", "title.en", "T",
		"video_url", "javascript:alert(1)", "classification", "public"))
	if res.Code != 400 || len(ts.verbsSince(before)) != 0 {
		t.Fatalf("a javascript: video link: %d", res.Code)
	}
}
