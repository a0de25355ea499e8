package ui

import (
	"net/http/httptest"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/present"
)

// Every template is executed with a typed page, so a broken template fails here and
// not in front of a reader.
func TestEveryTemplateExecutes(t *testing.T) {
	pages := map[string]any{
		"home.html": HomePage{Lang: secretariat.RU, Org: "ОДКБ <&>",
			Sessions:  []secretariat.Session{{ID: "s", Body: "csc", Date: secretariat.MustDate("2019-11-28"), Kind: secretariat.Regular, Place: secretariat.T("Бишкек", "Bishkek")}},
			Decisions: []secretariat.Decision{{ID: "csc-2019-1", Title: secretariat.T("Заявление", "Statement"), Provenance: secretariat.Provenance{Illustrative: true}}},
			Reports:   []int{2019}, Hidden: 1},
		"record.html": RecordPage{Lang: secretariat.RU, Kind: "item", ID: "x", KindTitle: "ОДКБ <&>", Illustrative: true,
			Fields: []present.Field{{Path: "title", Value: "Бишкек"}}},
	}
	for _, tmpl := range templatesNames() {
		data, ok := pages[tmpl]
		if !ok {
			t.Errorf("no test page for template %s", tmpl)
			continue
		}
		rec := httptest.NewRecorder()
		if err := Render(rec, tmpl, data); err != nil {
			t.Fatalf("%s: %v", tmpl, err)
		}
		body := rec.Body.String()
		if !strings.Contains(body, "ОДКБ &lt;&amp;&gt;") || !strings.Contains(body, "Бишкек") || !strings.Contains(strings.ToLower(body), "illustrative") {
			t.Errorf("%s renders wrong: %s", tmpl, body)
		}
	}
	if err := Render(httptest.NewRecorder(), "home.html", struct{}{}); err == nil {
		t.Fatal("a page of the wrong type rendered")
	}
}

func templatesNames() []string {
	var out []string
	for _, t := range pages.Templates() {
		if strings.HasSuffix(t.Name(), ".html") {
			out = append(out, t.Name())
		}
	}
	return out
}
