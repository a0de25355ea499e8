// Package ui renders the record as server-side HTML pages. Every page has a typed struct
// and an embedded template; a test executes every template.
package ui

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"

	"secretariat"
	"secretariat/internal/present"
)

//go:embed templates/*.html
var templateFiles embed.FS

var funcs = template.FuncMap{
	"text": func(t secretariat.Text, lang secretariat.Lang) string { return t.In(lang) },
}

var pages = template.Must(template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/*.html"))

// Render executes the named page template into w. It renders into a buffer first, so a
// template error never leaves a half-written page.
func Render(w http.ResponseWriter, name string, data any) error {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := buf.WriteTo(w)
	return err
}

// RecordPage shows one record as path/value lines.
type RecordPage struct {
	Lang         secretariat.Lang
	Kind, ID     string
	KindTitle    string
	Illustrative bool
	Fields       []present.Field
}

// HomePage lists the sessions and decisions of the record.
type HomePage struct {
	Lang      secretariat.Lang
	Org       string
	Sessions  []secretariat.Session
	Decisions []secretariat.Decision
	Reports   []int
	Hidden    int
}
