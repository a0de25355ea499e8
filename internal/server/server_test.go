package server

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
)

func TestHomeShowsTheCycleToThePublic(t *testing.T) {
	ts := newTestServer(t)
	res := ts.anonymous().get("/?lang=en")
	body := res.Body.String()
	if res.Code != 200 {
		t.Fatalf("status %d: %s", res.Code, body)
	}
	for _, want := range []string{"Collective Security Treaty Organization", "Next sessions", "2 December 2020",
		"Kyrgyzstan", "Increase the organization", "Tasks due", "overdue", "interview", `href="/reports/2019?lang=en"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the front page lacks %q", want)
		}
	}
	if strings.Contains(body, "Carry out the additional measures on the Tajik–Afghan border") {
		t.Error("a restricted task is shown to the public")
	}
}

// The interview's page says, in the reader's language, that a video version was
// published with it and that the record has no address for it (the sources give none),
// offers the original publication's section, and the ways back to the section and to all
// publications, as the original page does.
func TestTheInterviewSaysItHasAVideoVersion(t *testing.T) {
	ts := newTestServer(t)
	for lang, want := range map[string][]string{
		"en": {"A video version was published with it; its address is not in the record.", "Back to the section", "All publications", `href="https://en.odkb-csto.org/news/"`},
		"ru": {"Вместе с материалом опубликована его видеоверсия; её адреса в записи нет.", "Назад к разделу", "Все публикации"},
	} {
		res := ts.anonymous().get("/publications/interview-semerikov-2019?lang=" + lang)
		body := res.Body.String()
		if res.Code != 200 {
			t.Fatalf("%s: status %d", lang, res.Code)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the interview's page lacks %q", lang, w)
			}
		}
		if strings.Contains(body, "Watch the video") || strings.Contains(body, "Смотреть видео") {
			t.Errorf("%s: the page offers a video link to an address the record does not have", lang)
		}
	}
}

// Every response carries the security headers; the policy allows no inline script or
// style; the year in review, which carries its own stylesheet, allows that stylesheet by
// its hash and nothing else.
func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	c := ts.anonymous()
	for _, path := range []string{"/", "/items/csc-2019-11-28-2", "/nope", "/signin", "/assets/site.css"} {
		res := c.get(path)
		h := res.Header()
		csp := h.Get("Content-Security-Policy")
		if csp != CSP || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	// No page has an inline script, style element or style attribute.
	for _, path := range []string{"/", "/threats/afghanistan", "/operations/mercenary", "/states/KG", "/items/csc-2019-11-28-2"} {
		body := c.get(path).Body.String()
		if regexp.MustCompile(`<script>|<style|\sstyle="|\son[a-z]+="`).MatchString(body) {
			t.Errorf("%s has inline script or style", path)
		}
	}
	res := c.get("/reports/2019?lang=en")
	body := res.Body.String()
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the review has no stylesheet")
	}
	sum := sha256.Sum256([]byte(m[1]))
	want := "style-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := res.Header().Get("Content-Security-Policy"); !strings.Contains(csp, want) || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("review CSP %q lacks %q", csp, want)
	}
}

func TestReviewAndRecordLinks(t *testing.T) {
	ts := newTestServer(t)
	c := ts.anonymous()
	res := c.get("/reports/2019?lang=en")
	body := res.Body.String()
	if res.Code != 200 || !strings.Contains(body, "all 17 were adopted") || !strings.Contains(body, `href="/items/csc-2019-11-28-1?lang=en"`) || !strings.Contains(body, "<svg") {
		t.Fatalf("the review page: %d %.300s", res.Code, body)
	}
	if strings.Contains(body, "cmd-2019-04-30-1") {
		t.Fatal("the public review page shows a restricted record")
	}
	if res := c.get("/reports/2019?lang=ru"); !strings.Contains(res.Body.String(), "приняты все 17") {
		t.Fatal("the Russian review page")
	}
	if res := c.get("/reports/2019/pdf"); res.Code != 200 || !strings.HasPrefix(res.Body.String(), "%PDF-") {
		t.Fatalf("the PDF: %d", res.Code)
	}
	// /records/KIND/ID leads to the record's own page, or to its place on another's.
	for from, to := range map[string]string{
		"/records/item/csc-2019-11-28-1":                    "/items/csc-2019-11-28-1?lang=en",
		"/records/position/csc-2019-11-28-1.KG":             "/items/csc-2019-11-28-1?lang=en#pos-KG",
		"/records/chairmanship/csc-chair-2019":              "/chairmanships/csc-chair-2019?lang=en",
		"/records/figure/mercenary-channels-2019-interview": "/operations/mercenary?lang=en#fig-mercenary-channels-2019-interview",
		"/records/report/t2018-p2-crisis-center-r1":         "/tasks/t2018-p2-crisis-center?lang=en#report-t2018-p2-crisis-center-r1",
	} {
		res := c.get(from + "?lang=en")
		if res.Code != http.StatusFound || res.Header().Get("Location") != to {
			t.Errorf("%s: %d → %q, want %q", from, res.Code, res.Header().Get("Location"), to)
		}
	}
	for _, path := range []string{"/records/item/cmd-2019-04-30-1", "/records/person/x", "/reports/nineteen", "/items/cmd-2019-04-30-1", "/nope/at/all"} {
		if res := c.get(path); res.Code != http.StatusNotFound {
			t.Errorf("%s: %d", path, res.Code)
		}
	}
}

// Not-found and forbidden pages speak the reader's language and say what to do.
func TestErrorPagesInTheReadersLanguage(t *testing.T) {
	ts := newTestServer(t)
	c := ts.anonymous()
	res := c.get("/items/no-such-item?lang=ru")
	if res.Code != 404 || !strings.Contains(res.Body.String(), "Не найдено") || !strings.Contains(res.Body.String(), `<html lang="ru">`) {
		t.Fatalf("404 in Russian: %d %s", res.Code, res.Body.String())
	}
	d := ts.signIn("del-AM")
	res = d.get("/admin/accounts?lang=ru")
	if res.Code != 403 || !strings.Contains(res.Body.String(), "Вашей учётной записи это не разрешено.") {
		t.Fatalf("403 in Russian: %d", res.Code)
	}
	res = c.get("/admin/accounts?lang=en")
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Header().Get("Location"), "/signin?lang=en&next=%2Fadmin%2Faccounts") {
		t.Fatalf("the public to the admin page: %d %s", res.Code, res.Header().Get("Location"))
	}
}

// Signing in sets an HttpOnly, SameSite cookie with a fresh token each time; signing
// out ends it; wrong passwords are refused and, past the limit, throttled; everything is
// in the account audit log.
func TestSignIn(t *testing.T) {
	ts := newTestServer(t)
	c := ts.anonymous()
	res := c.post("/signin", url.Values{"name": {"olga"}, "password": {"wrong password"}, "next": {"/tasks"}})
	if res.Code != http.StatusUnauthorized || !strings.Contains(res.Body.String(), "The name or the password is wrong.") {
		t.Fatalf("a wrong password: %d", res.Code)
	}
	res = c.post("/signin", url.Values{"name": {"olga"}, "password": {testPassword}, "next": {"https://evil.example/"}})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/?lang=en" {
		t.Fatalf("sign-in: %d %q (an outside next must not be followed)", res.Code, res.Header().Get("Location"))
	}
	var ck *http.Cookie
	for _, x := range res.Result().Cookies() {
		if x.Name == "secretariat" {
			ck = x
		}
	}
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Path != "/" || len(ck.Value) < 40 {
		t.Fatalf("sign-in cookie: %+v", ck)
	}
	first := ck.Value
	if body := c.get("/sessions/new").Body.String(); !strings.Contains(body, "olga") {
		t.Fatal("signed in, the page does not know it")
	}
	res = c.post("/signin", url.Values{"name": {"olga"}, "password": {testPassword}})
	if c.cookies["secretariat"].Value == first {
		t.Fatal("a second sign-in kept the token")
	}
	stale := ts.anonymous()
	stale.cookies["secretariat"] = &http.Cookie{Name: "secretariat", Value: first}
	if res := stale.get("/sessions/new"); res.Code != http.StatusSeeOther {
		t.Fatalf("the replaced token still signs in: %d", res.Code)
	}
	if res := c.post("/signout", nil); res.Code != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.Code)
	}
	if _, ok := c.cookies["secretariat"]; ok {
		t.Fatal("sign-out left the cookie")
	}
	// Over TLS the cookie is Secure and carries the __Host- prefix.
	req := httptest.NewRequest("POST", "https://example.com/signin", strings.NewReader(url.Values{"name": {"root"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	cs := rec.Result().Cookies()
	if len(cs) == 0 || cs[0].Name != "__Host-secretariat" || !cs[0].Secure || rec.Header().Get("Strict-Transport-Security") == "" {
		t.Fatalf("TLS sign-in cookie: %+v", cs)
	}
	// Ten wrong passwords for a name, then the right one is throttled.
	for i := 0; i < 10; i++ {
		c.post("/signin", url.Values{"name": {"del-KG"}, "password": {"guess"}})
	}
	res = c.post("/signin?lang=ru", url.Values{"name": {"del-KG"}, "password": {testPassword}})
	if res.Code != http.StatusTooManyRequests || !strings.Contains(res.Body.String(), "Слишком много неудачных попыток") {
		t.Fatalf("throttling: %d", res.Code)
	}
	log, _, err := ts.st.AccountAudit(t.Context(), "", 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range log {
		actions[e.Action]++
	}
	if actions["signin_failed"] != 11 || actions["signed_in"] != 3 || actions["signed_out"] != 1 || actions["signin_throttled"] != 1 {
		t.Fatalf("audit: %v", actions)
	}
}

func TestBodiesAreLimited(t *testing.T) {
	ts := newTestServer(t)
	c := ts.signIn("olga")
	before := ts.head()
	big := url.Values{"body": {"csc"}, "date": {"2020-03-02"}, "kind": {"regular"}, "note.en": {strings.Repeat("x", 2<<20)}}
	res := c.post("/sessions/new", big)
	if res.Code != http.StatusBadRequest || len(ts.verbsSince(before)) != 0 {
		t.Fatalf("a 2 MiB form: %d, %v", res.Code, ts.verbsSince(before))
	}
}

// A record's history is the journal's, and the difference between two versions shows
// what changed.
func TestHistoryShowsTheDifference(t *testing.T) {
	ts := newTestServer(t)
	res := ts.anonymous().get("/history/task/t2018-p2-crisis-center?lang=en")
	body := res.Body.String()
	if res.Code != 200 || !strings.Contains(body, "task set") || !strings.Contains(body, "implementation reported") || !strings.Contains(body, "<code>status</code>") {
		t.Fatalf("history: %d %.2000s", res.Code, textOf(body))
	}
	if res := ts.anonymous().get("/history/item/cmd-2019-04-30-1"); res.Code != 404 {
		t.Fatalf("the history of a restricted record: %d", res.Code)
	}
}

// Pages are kept until the record changes, whoever changes it: a write through another
// handle on the same database file (the command line, an import) is seen at once.
func TestPageCacheFollowsTheJournal(t *testing.T) {
	ts := newTestServer(t)
	c := ts.anonymous()
	first := c.get("/threats?lang=en").Body.String()
	if again := c.get("/threats?lang=en").Body.String(); again != first {
		t.Fatal("the same page twice differs with no change to the record")
	}
	other, err := store.Open(t.Context(), ts.st.Path(), store.Options{Actor: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.RegisterThreat(t.Context(), secretariat.Threat{ID: "new-threat", Category: "crime", Name: secretariat.TEN("A threat registered elsewhere", "")}); err != nil {
		t.Fatal(err)
	}
	if body := c.get("/threats?lang=en").Body.String(); !strings.Contains(body, "A threat registered elsewhere") {
		t.Fatal("a cached page outlived a change to the record")
	}
	// A signed-in reader's page is not another reader's.
	olga := ts.signIn("olga")
	if body := olga.get("/threats?lang=en").Body.String(); !strings.Contains(body, "olga") {
		t.Fatal("the officer got the public's page")
	}
	if body := c.get("/threats?lang=en").Body.String(); strings.Contains(body, "olga") {
		t.Fatal("the public got the officer's page")
	}
	// Forms are never kept.
	if res := olga.get("/sessions/new"); res.Header().Get("Cache-Control") != "no-store" {
		t.Fatal("a form may be kept")
	}
}
