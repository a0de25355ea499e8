package ui

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/auth"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// demoApp is the application over the demo record, with a clock on a fixed day.
func demoApp(t *testing.T) (*App, *store.Store) {
	t.Helper()
	st := testrecord.SharedDemo(t)
	svc, err := auth.New(st)
	if err != nil {
		t.Fatal(err)
	}
	a := New(st, svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.Now = func() time.Time { return time.Date(2020, 3, 1, 12, 0, 0, 0, time.UTC) }
	return a, st
}

// as returns a request signed in with the role: the session is put in the context as the
// server's middleware would.
func as(r *http.Request, v secretariat.Viewer) *http.Request {
	if v.Role == secretariat.RolePublic {
		return r
	}
	ses := &store.SignInSession{Account: store.Account{Name: "tester", Role: v.Role, State: v.State}}
	return r.WithContext(auth.NewContext(r.Context(), ses))
}

// pageURLs names, for every template, a page that renders it.
var pageURLs = map[string]string{
	"home.html":          "/",
	"sessions.html":      "/sessions?body=csc&year=2019",
	"session.html":       "/sessions/csc-2019-11-28",
	"item.html":          "/items/csc-2019-11-28-2",
	"decisions.html":     "/decisions?year=2019",
	"decision.html":      "/decisions/csc-2019-2",
	"draft.html":         "/drafts/draft-gcts",
	"tasks.html":         "/tasks?session=csc-2018-11-08",
	"task.html":          "/tasks/t2018-p2-crisis-center",
	"chairmanships.html": "/chairmanships",
	"chairmanship.html":  "/chairmanships/csc-chair-2019",
	"states.html":        "/states",
	"state.html":         "/states/KG",
	"bodies.html":        "/bodies",
	"body.html":          "/bodies/csc",
	"threats.html":       "/threats",
	"threat.html":        "/threats/afghanistan",
	"area.html":          "/areas/af-north",
	"operations.html":    "/operations",
	"operation.html":     "/operations/mercenary",
	"publications.html":  "/sections/news",
	"publication.html":   "/publications/interview-semerikov-2019",
	"source.html":        "/sources/asiaplus-2019-11-29",
	"history.html":       "/history/item/csc-2019-11-28-2",
	"reviews.html":       "/reviews",
	"search.html":        "/search?q=решение",
	"signin.html":        "/signin",
	"accounts.html":      "/admin/accounts",
	"audit.html":         "/admin/audit",
	"form.html":          "/sessions/new",
	"grid.html":          "/sessions/csc-2019-11-28/positions",
	"error.html":         "/sessions/no-such-session",
}

var templateMarker = regexp.MustCompile(`<main id="main"`)

// Every template is executed with its page struct, in both languages, through the
// handler that builds the struct from the demo record; and every interface string a
// Russian page shows has its Russian.
func TestEveryTemplateRendersInBothLanguages(t *testing.T) {
	a, _ := demoApp(t)
	mux := http.NewServeMux()
	a.Routes(mux)
	var names []string
	for n := range pages {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if _, ok := pageURLs[n]; !ok {
			t.Errorf("template %s has no page in the test", n)
		}
	}
	for name, url := range pageURLs {
		if _, ok := pages[name]; !ok {
			t.Errorf("the test names a template %s that does not exist", name)
		}
		for _, lang := range []string{"en", "ru"} {
			req := as(httptest.NewRequest("GET", url+sep(url)+"lang="+lang, nil), secretariat.Viewer{Role: secretariat.RoleAdmin})
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			body := rec.Body.String()
			want := http.StatusOK
			if name == "error.html" {
				want = http.StatusNotFound
			}
			if rec.Code != want || !templateMarker.MatchString(body) {
				t.Errorf("%s (%s, %s): status %d\n%.600s", url, name, lang, rec.Code, body)
				continue
			}
			if !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s: the page does not declare its language %s", url, lang)
			}
			if strings.Contains(body, "%!") {
				t.Errorf("%s (%s): a format verb went wrong: %s", url, lang, body[strings.Index(body, "%!")-80:strings.Index(body, "%!")+40])
			}
		}
	}
	if m := MissingTranslations(); len(m) > 0 {
		t.Errorf("interface strings without Russian:\n%s", strings.Join(m, "\n"))
	}
}

// formURLs are the officers' forms: each renders, in both languages, for an officer.
var formURLs = []string{
	"/sessions/new", "/sessions/csc-2019-11-28/items/new", "/drafts/new", "/drafts/draft-gcts/revise",
	"/items/csc-2019-11-28-2/decide", "/items/csc-2019-11-28-2/defer", "/items/csc-2019-11-28-2/withdraw",
	"/decisions/csc-2019-2/sign", "/decisions/csc-2019-2/in-force", "/decisions/csc-2019-2/tasks/new",
	"/tasks/t2018-p2-crisis-center/report", "/chairmanships/new", "/chairmanships/handover?session=csc-2019-11-28",
	"/chairmanships/csc-chair-2020/priorities", "/chairmanships/csc-chair-2019/priorities/1/statement",
	"/threats/new", "/threats/afghanistan/assess", "/threats/afghanistan/link", "/operations/new",
	"/operations/mercenary/stages/new", "/operations/mercenary/figures/new", "/publications/new",
	"/reviews/2019/foreword", "/sources/new", "/organization/new", "/states/new", "/bodies/new",
	"/sessions/csc-2019-11-28/note", "/states/KG/membership", "/bodies/csc/rules/new", "/areas/new?within=AF",
}

func TestEveryFormRendersInBothLanguages(t *testing.T) {
	a, _ := demoApp(t)
	mux := http.NewServeMux()
	a.Routes(mux)
	for _, url := range formURLs {
		for _, lang := range []string{"en", "ru"} {
			req := as(httptest.NewRequest("GET", url+sep(url)+"lang="+lang, nil), secretariat.Secretariat)
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.Contains(body, `<form method="post"`) {
				t.Errorf("%s (%s): status %d\n%.400s", url, lang, rec.Code, body)
			}
			if strings.Contains(body, "%!") {
				t.Errorf("%s (%s): a format verb went wrong", url, lang)
			}
		}
	}
	if m := MissingTranslations(); len(m) > 0 {
		t.Errorf("interface strings without Russian:\n%s", strings.Join(m, "\n"))
	}
}

func sep(url string) string {
	if strings.Contains(url, "?") {
		return "&"
	}
	return "?"
}

// Every label group the pages use is either the interface's own or one of the record's
// enumerations, and the interface's own labels have both languages.
func TestLabelGroupsExist(t *testing.T) {
	known := map[string]bool{}
	for _, e := range secretariat.Enums() {
		known[string(e)] = true
	}
	for g, vs := range labels {
		known[g] = true
		for v, l := range vs {
			if (l[0] == "") != (l[1] == "") || l[0] == "" {
				t.Errorf("label %s.%q lacks a language: %q", g, v, l)
			}
		}
	}
	use := regexp.MustCompile(`(?:Label "|Label\("|enumOptions\(")([a-z_]+)"`)
	files, _ := filepath.Glob("templates/*.html")
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range append(files, gofiles...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(data), -1) {
			if !known[m[1]] {
				t.Errorf("%s uses an unknown label group %q", f, m[1])
			}
		}
	}
}

func TestWithLangKeepsQueryAndFragment(t *testing.T) {
	for in, want := range map[string]string{
		"/sessions":                "/sessions?lang=ru",
		"/tasks?open=1":            "/tasks?lang=ru&open=1",
		"/items/x#positions":       "/items/x?lang=ru#positions",
		"/sessions?lang=en&page=2": "/sessions?lang=ru&page=2",
	} {
		if got := withLang(in, secretariat.RU); got != want {
			t.Errorf("withLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeNextStaysOnTheSite(t *testing.T) {
	for in, want := range map[string]string{
		"/tasks?open=1": "/tasks?open=1", "": "/", "https://evil.example/": "/", "//evil.example/x": "/",
		"/\\evil.example": "/", "javascript:alert(1)": "/", "relative": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLanguageComesFromParameterCookieOrBrowser(t *testing.T) {
	r := httptest.NewRequest("GET", "/?lang=ru", nil)
	if Lang(r) != secretariat.RU {
		t.Fatal("?lang=ru")
	}
	r = httptest.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: langCookie, Value: "ru"})
	r.Header.Set("Accept-Language", "en-GB")
	if Lang(r) != secretariat.RU {
		t.Fatal("the cookie wins over the browser")
	}
	r = httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "de-DE, ru;q=0.8, en;q=0.5")
	if Lang(r) != secretariat.RU {
		t.Fatal("the browser's first of ru/en")
	}
	r = httptest.NewRequest("GET", "/?lang=xx", nil)
	if Lang(r) != secretariat.EN {
		t.Fatal("an unknown language falls back to English")
	}
}
