package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"secretariat/internal/testkit"
)

// The browser tests drive Debian's Chromium, headless, through the whole of an
// officer's work: sign in, prepare a session with two items, record six positions on
// each, decide both, set a task and report on it with a document, switch to Russian and
// read it all back. Every text typed carries a script; none may run. The main pages are
// opened at desktop and phone width in both languages, and must fit the screen; with
// SECRETARIAT_SCREENSHOTS set, screenshots of them go to that directory.
//
// The browser tests run once, on SQLite. On the PostgreSQL run they would test the same
// pages in the same browser again; what the forms write is held to PostgreSQL without a
// browser (TestOfficerKeepsTheRecordThroughTheForms and the rest of the package).

const chromiumPath = "/usr/bin/chromium"

// browser starts Chromium for a test; without it the test is skipped, or fails under
// CI=true, where a missing browser is a broken machine.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testkit.OnPostgres() {
		t.Skip("the browser tests run on SQLite: the PostgreSQL run tests the forms' writes without a browser")
	}
	path := chromiumPath
	if _, err := os.Stat(path); err != nil {
		if p, err := exec.LookPath("chromium"); err == nil {
			path = p
		} else {
			if os.Getenv("CI") == "true" {
				t.Fatalf("Chromium is not installed at %s: install it with `apt-get install chromium` (scripts/test does)", chromiumPath)
			}
			t.Skipf("Chromium is not installed at %s: install it with `apt-get install chromium` to run the browser tests", chromiumPath)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// screenshots is where the browser tests save their screenshots.
func screenshots(t *testing.T) string {
	dir := os.Getenv("SECRETARIAT_SCREENSHOTS")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// dialogs accepts every confirm the pages ask (deciding, cancelling) and records every
// other dialog: an alert would be a script that should not have run.
type dialogs struct {
	mu     sync.Mutex
	alerts []string
}

func watchDialogs(ctx context.Context, t *testing.T) *dialogs {
	d := &dialogs{}
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			if ev.Type != page.DialogTypeConfirm {
				d.mu.Lock()
				d.alerts = append(d.alerts, string(ev.Type)+": "+ev.Message)
				d.mu.Unlock()
			}
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return d
}

func TestBrowserOfficerRecordsASession(t *testing.T) { officerFlow(t, "") }

// Every text the officer types carries a script; the pages show it as text, and it never
// runs.
func TestBrowserStoredScriptsDoNotRun(t *testing.T) { officerFlow(t, xss) }

func officerFlow(t *testing.T, payload string) {
	ctx := browser(t)
	ts := newTestServer(t)
	web := httptest.NewServer(ts.srv)
	defer web.Close()
	dl := watchDialogs(ctx, t)
	u := func(p string) string { return web.URL + p }
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			html, _ := chromedp.Run(dctx, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("%s: %v\n%.3000s", name, err, html)
		}
	}
	text := func(sel string) string {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	noScriptRan := func(where string) {
		t.Helper()
		ectx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		ran, err := chromedp.Run(ectx, chromedp.Evaluate[bool](`typeof window.xssRan !== "undefined"`))
		if err != nil {
			t.Fatal(err)
		}
		if ran {
			t.Errorf("%s: a stored script ran", where)
		}
	}
	// accessible holds the page to what a screen reader and a keyboard need, as the
	// browser has laid it out: the document's language, one h1 and no heading level
	// skipped, every form control with a label (a <label for>, a wrapping label or an
	// aria-label), every image with alternative text, every link with a name; and to
	// print: the site's navigation and forms are hidden on paper.
	accessible := func(where string) {
		t.Helper()
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		problems, err := chromedp.Run(actx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			if (!document.documentElement.lang) out.push("the document has no lang");
			const hs = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")];
			if (document.querySelectorAll("h1").length !== 1) out.push(document.querySelectorAll("h1").length + " h1 elements");
			let level = 1;
			for (const h of hs) {
				const l = +h.tagName[1];
				if (l > level + 1) out.push("heading " + h.tagName + " after h" + level + ": " + h.textContent.trim().slice(0, 40));
				level = l;
			}
			for (const c of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
				if (c.labels.length === 0 && !c.getAttribute("aria-label") && !c.getAttribute("aria-labelledby")) out.push("an unlabelled " + c.tagName.toLowerCase() + " " + (c.name || c.id));
			}
			for (const i of document.querySelectorAll("img")) if (!i.hasAttribute("alt")) out.push("an image without alt: " + i.src);
			for (const a of document.querySelectorAll("a[href]")) {
				if (!(a.textContent.trim() || a.getAttribute("aria-label") || a.querySelector("img[alt]:not([alt=''])") || a.querySelector("svg title"))) out.push("a link with no name: " + a.getAttribute("href"));
			}
			return out;
		})()`))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", where, p)
		}
		// On paper, the page is its content: the navigation, the language switch and
		// the forms are not printed.
		var printed []string
		err = chromedp.Do(actx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			var err error
			printed, err = chromedp.Evaluate[[]string](`[...document.querySelectorAll("header.site nav, .langs, main form")].filter(e => getComputedStyle(e).display !== "none").map(e => e.tagName.toLowerCase() + "." + e.className)`)(ctx, tg)
			return err
		}), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			return err
		}))
		if err != nil {
			t.Fatalf("%s: printing: %v", where, err)
		}
		if len(printed) > 0 {
			t.Errorf("%s: printed, the page still shows %v", where, printed)
		}
	}
	// shot looks at the page at a width: it must fit, with no page-wide horizontal
	// scrolling (a wide table scrolls in its own box). With SECRETARIAT_SCREENSHOTS set it
	// also saves a full-page screenshot there; the clean run's are the README's. Saving
	// them is asked for, not done on every run: 56 full-page PNGs cost a third of the
	// test's time, and a temporary directory that nobody opens is not looked at.
	saveShots := os.Getenv("SECRETARIAT_SCREENSHOTS") != "" && payload == ""
	shots := ""
	if saveShots {
		shots = screenshots(t)
	}
	shot := func(name string, width, height int64) {
		t.Helper()
		var overflow int
		step("at "+name+" width", chromedp.EmulateViewport(width, height),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				var err error
				overflow, err = chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`)(ctx, tg)
				return err
			}))
		if overflow > 0 {
			t.Errorf("%s: the page is %d px wider than the %d px screen", name, overflow, width)
		}
		if !saveShots {
			return
		}
		var png []byte
		step("screenshot "+name, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			b, err := chromedp.FullScreenshot(100)(ctx, tg)
			png = b
			return err
		}))
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	submit := chromedp.Click(chromedp.CSS(`form.record button[type=submit]`))

	// Sign in.
	step("sign in", chromedp.Navigate(u("/signin?lang=en")), chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SetValue(chromedp.ID("f-name"), "olga"), chromedp.SetValue(chromedp.ID("f-password"), testPassword),
		submit, chromedp.WaitVisible(chromedp.CSS(".who .user")))
	if !strings.Contains(text(".who .user"), "olga") {
		t.Fatal("not signed in")
	}
	// A session with two items.
	step("new session", chromedp.Navigate(u("/sessions/new")), chromedp.WaitVisible(chromedp.ID("f-date")),
		chromedp.SetValue(chromedp.ID("f-body"), "csc"), chromedp.SetValue(chromedp.ID("f-date"), "2020-03-02"),
		chromedp.Click(chromedp.CSS(`input[name=kind][value=extraordinary]`)),
		chromedp.SetValue(chromedp.ID("f-place-ru"), "Москва"+payload), chromedp.SetValue(chromedp.ID("f-place-en"), "Moscow"+payload),
		submit, chromedp.WaitVisible(chromedp.CSS("#agenda")))
	noScriptRan("the new session")
	for _, item := range []struct{ ru, en string }{
		{"О мерах по борьбе с пандемией", "On measures against the pandemic" + payload},
		{"О бюджете на 2021 год", "On the budget for 2021"},
	} {
		step("new item", chromedp.Navigate(u("/sessions/csc-2020-03-02/items/new")), chromedp.WaitVisible(chromedp.ID("f-title-ru")),
			chromedp.SetValue(chromedp.ID("f-title-ru"), item.ru), chromedp.SetValue(chromedp.ID("f-title-en"), item.en),
			chromedp.SetValue(chromedp.ID("f-classification"), "public"), submit, chromedp.WaitVisible(chromedp.CSS("#positions")))
	}
	// Six positions on each item, in the grid.
	step("the grid", chromedp.Navigate(u("/sessions/csc-2020-03-02/positions")), chromedp.WaitVisible(chromedp.CSS("table.grid")))
	shot("grid-empty-en", 1280, 900)
	stances := map[string][]string{
		"1": {"joins", "joins", "joins_with_reservation", "joins", "joins", "non_interest"},
		"2": {"joins", "objects", "joins", "joins", "joins", "joins"},
	}
	var fill []chromedp.Action[chromedp.Void]
	for item, ss := range stances {
		for i, st := range demoStates {
			fill = append(fill, chromedp.SetValue(chromedp.CSS(`select[name="stance:csc-2020-03-02-`+item+`:`+st+`"]`), ss[i]))
		}
	}
	fill = append(fill, chromedp.SetValue(chromedp.CSS(`textarea[name="stance:csc-2020-03-02-1:KG:ru"]`), "С оговоркой о сроках"+payload, chromedp.NodeReady),
		chromedp.Click(chromedp.CSS(`#grid button[type=submit]:not([form])`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	step("record twelve positions", fill...)
	outcome := text(`#item-csc-2020-03-02-1 .outcome`)
	if !strings.Contains(outcome, "adopted in limited format") {
		t.Fatalf("the grid does not show what the rule gives: %q", outcome)
	}
	shot("grid-en", 1280, 900)
	step("the grid in Russian", chromedp.Navigate(u("/sessions/csc-2020-03-02/positions?lang=ru")), chromedp.WaitVisible(chromedp.CSS("table.grid")))
	shot("grid-ru", 1280, 900)
	shot("grid-ru-phone", 390, 844)
	step("back to English", chromedp.Navigate(u("/sessions/csc-2020-03-02/positions?lang=en")), chromedp.WaitVisible(chromedp.CSS("table.grid")))
	if got := len(ts.verbsSince(0)); got == 0 {
		t.Fatal("nothing journaled")
	}
	// Decide both items from the grid (the page asks to confirm).
	step("decide item 1", chromedp.Click(chromedp.CSS(`button[form="decide-csc-2020-03-02-1"]`)), chromedp.WaitVisible(chromedp.CSS("#signatures")))
	step("back to the grid", chromedp.Navigate(u("/sessions/csc-2020-03-02/positions")), chromedp.WaitVisible(chromedp.CSS("table.grid")))
	step("decide item 2", chromedp.Click(chromedp.CSS(`button[form="decide-csc-2020-03-02-2"]`)), chromedp.WaitVisible(chromedp.CSS("#positions")))
	if s := text("dl.facts"); !strings.Contains(s, "not adopted") {
		t.Fatalf("item 2: %q", s)
	}
	// A task on the decision, and a report on it with a document.
	step("set a task", chromedp.Navigate(u("/decisions/csc-2020-1/tasks/new")), chromedp.WaitVisible(chromedp.ID("f-text-en")),
		chromedp.SetValue(chromedp.ID("f-paragraph"), "2"), chromedp.SetValue(chromedp.ID("f-text-en"), "Report on the measures taken"+payload),
		chromedp.SetValue(chromedp.ID("f-text-ru"), "Доложить о принятых мерах"),
		chromedp.Click(chromedp.CSS(`input[name="responsible.kind"][value=states]`)),
		chromedp.Click(chromedp.CSS(`input[name="responsible.states"][value=KG]`)),
		chromedp.SetValue(chromedp.ID("f-due"), "2020-06-30"), submit, chromedp.WaitVisible(chromedp.CSS("#reports")))
	doc := filepath.Join(t.TempDir(), "report.pdf")
	os.WriteFile(doc, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o644)
	step("report on it", chromedp.Navigate(u("/tasks/csc-2020-1-t1/report")), chromedp.WaitVisible(chromedp.ID("f-text-en")),
		chromedp.SetValue(chromedp.ID("f-author"), "KG"), chromedp.SetValue(chromedp.ID("f-speaks_for"), "KG"),
		chromedp.SetValue(chromedp.ID("f-text-en"), "Measures taken in full"+payload), chromedp.SetValue(chromedp.ID("f-progress"), "100"),
		chromedp.SetUploadFiles(chromedp.ID("f-documents"), []string{doc}), submit, chromedp.WaitVisible(chromedp.CSS(`article[id^="report-"]`)))
	if s := text("main"); !strings.Contains(s, "Measures taken in full") || !strings.Contains(s, "report.pdf") {
		t.Fatalf("the report: %q", s)
	}
	noScriptRan("the task")
	shot("task-en", 1280, 900)
	// Switch to Russian with the switch on the page, and read it all back.
	step("switch to Russian", chromedp.Click(chromedp.CSS(`.langs a[lang=ru]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang=ru]`)))
	if s := text("main"); !strings.Contains(s, "Доклады об исполнении") || !strings.Contains(s, "доложено об исполнении") {
		t.Fatalf("the task page in Russian: %q", s)
	}
	step("the session in Russian", chromedp.Navigate(u("/sessions/csc-2020-03-02")), chromedp.WaitVisible(chromedp.CSS("#agenda")))
	s := text("main")
	for _, want := range []string{"Внеочередная сессия", "О мерах по борьбе с пандемией", "принято в ограниченном формате", "не принято", "2 марта 2020 года"} {
		if !strings.Contains(s, want) {
			t.Errorf("the session page in Russian lacks %q: %s", want, s)
		}
	}
	noScriptRan("the session in Russian")
	step("the decision in Russian", chromedp.Navigate(u("/decisions/csc-2020-1")), chromedp.WaitVisible(chromedp.CSS("#tasks")))
	if s := text("main"); !strings.Contains(s, "Доложить о принятых мерах") || !strings.Contains(s, "не связано: заявлена незаинтересованность") {
		t.Errorf("the decision page in Russian: %s", s)
	}
	step("the item in Russian", chromedp.Navigate(u("/items/csc-2020-03-02-1")), chromedp.WaitVisible(chromedp.CSS("#positions")))
	if s := text("#positions + .scroll"); !strings.Contains(s, "С оговоркой о сроках") || !strings.Contains(s, "заявляет о незаинтересованности") {
		t.Errorf("the positions in Russian: %s", s)
	}
	noScriptRan("the item in Russian")
	// Screenshots of the main pages, desktop and phone, both languages.
	for _, p := range []struct{ name, path string }{
		{"home", "/"}, {"session", "/sessions/csc-2019-11-28"}, {"item", "/items/csc-2019-11-28-2"}, {"decision", "/decisions/csc-2019-2"},
		{"tasks", "/tasks?session=csc-2018-11-08"}, {"chairmanship", "/chairmanships/csc-chair-2019"}, {"state", "/states/KG"},
		{"threat", "/threats/afghanistan"}, {"operation", "/operations/mercenary"}, {"publication", "/publications/interview-semerikov-2019"},
		{"history", "/history/task/t2018-p2-crisis-center"}, {"threats", "/threats"}, {"sessions", "/sessions"},
		{"new-session-form", "/sessions/new"}, {"membership-form", "/states/KG/membership"},
	} {
		for _, lang := range []string{"en", "ru"} {
			step("open "+p.name, chromedp.Navigate(u(p.path+sep(p.path)+"lang="+lang)), chromedp.WaitVisible(chromedp.CSS("main h1")))
			noScriptRan(p.name)
			accessible(p.name + "-" + lang)
			shot(p.name+"-"+lang, 1280, 900)
			shot(p.name+"-"+lang+"-phone", 390, 844)
		}
	}
	dl.mu.Lock()
	defer dl.mu.Unlock()
	if len(dl.alerts) > 0 {
		t.Fatalf("dialogs opened: %v", dl.alerts)
	}
	if saveShots {
		t.Logf("screenshots in %s", shots)
	}
}
