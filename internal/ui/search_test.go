package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
)

// get serves one request through the application's routes as the viewer.
func get(t *testing.T, mux http.Handler, url string, v secretariat.Viewer) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, as(httptest.NewRequest("GET", url, nil), v))
	return rec.Code, rec.Body.String()
}

func TestSearchPageFindsMarksAndFilters(t *testing.T) {
	a, _ := demoApp(t)
	mux := http.NewServeMux()
	a.Routes(mux)
	public := secretariat.Viewer{Role: secretariat.RolePublic}

	// A Russian word in another form than the record's finds the operation, with the
	// word marked in the snippet and the count in words.
	code, body := get(t, mux, "/search?lang=ru&q=наемника", public)
	if code != http.StatusOK || !strings.Contains(body, `href="/operations/mercenary?lang=ru"`) {
		t.Fatalf("наемника: status %d, no link to the operation:\n%.2000s", code, body)
	}
	if !strings.Contains(body, "<mark>Наемник</mark>") || !strings.Contains(body, "Найдено: ") {
		t.Errorf("the hit is not marked or not counted:\n%.3000s", body)
	}

	// The kind filter keeps to one kind.
	_, body = get(t, mux, "/search?lang=en&q=mercenary&kind=publication", public)
	if strings.Contains(body, `href="/operations/mercenary`) {
		t.Errorf("kind=publication still lists the operation")
	}

	// A restricted draft is found by an officer and not by the public.
	const secret = "/drafts/draft-tj-af-border"
	_, body = get(t, mux, "/search?lang=ru&q=таджикско-афганской", secretariat.Viewer{Role: secretariat.RoleOfficer})
	if !strings.Contains(body, secret) {
		t.Errorf("an officer does not find the restricted draft")
	}
	_, body = get(t, mux, "/search?lang=ru&q=таджикско-афганской", public)
	if strings.Contains(body, secret) {
		t.Errorf("the public finds the restricted draft")
	}

	// Bad input is answered with what was wrong, not with an empty list.
	for url, want := range map[string]string{
		`/search?lang=en&q=-mercenary`:           "no word to look for",
		`/search?lang=en&q=mercenary&kind=state`: "the search covers",
		`/search?lang=en&q=mercenary&year=soon`:  "is not a year",
		`/search?lang=ru&q=-наемник`:             "в запросе нет слова для поиска",
		`/search?lang=ru&q=наемник&year=скоро`:   "«скоро» — не год",
	} {
		code, body := get(t, mux, url, public)
		if code != http.StatusBadRequest || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, want 400 saying %q:\n%.1500s", url, code, want, body)
		}
	}
}

// Past the search's bound, the page says that more records match than it counts, and
// asks for narrower words, in the reader's language; its pages end at the bound.
func TestSearchPageSaysWhenMoreMatchThanItCounts(t *testing.T) {
	a, _ := demoApp(t)
	mux := http.NewServeMux()
	a.Routes(mux)
	defer func(b int) { store.SearchBound = b }(store.SearchBound)
	store.SearchBound = 3
	officer := secretariat.Viewer{Role: secretariat.RoleOfficer}
	code, body := get(t, mux, "/search?lang=ru&q=решение", officer)
	if code != http.StatusOK || !strings.Contains(body, "Найдено записей: более 3; уточните слова или выберите вид записи или год") {
		t.Fatalf("past the bound, in Russian: status %d:\n%.3000s", code, body)
	}
	_, results, _ := strings.Cut(body, `<ol class="results">`)
	results, _, _ = strings.Cut(results, "</ol>")
	if n := strings.Count(results, "<li>"); n != 3 {
		t.Errorf("the page lists %d records, want the bound's 3", n)
	}
	_, body = get(t, mux, "/search?lang=en&q=decision", officer)
	if !strings.Contains(body, "Found more than 3 records; narrow the words") {
		t.Errorf("past the bound, in English:\n%.3000s", body)
	}
}
