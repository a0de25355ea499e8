package report

import (
	"bytes"
	"html/template"
	"io"

	"secretariat"

	"secretariat/internal/chart"
)

// htmlPage is what the HTML template renders.
type htmlPage struct {
	D        *Document
	Sections []htmlSection
	Records  string
}

type htmlSection struct {
	Section
	Refs []htmlRef
}

type htmlRef struct {
	Kind, ID, Href string
	// Name is the kind as the reader's language names it, for a record that links to its
	// page; a record cited for the command line keeps the kind one types.
	Name string
}

// RenderHTML writes the review as one self-contained HTML page: inline CSS, inline SVG
// charts, no scripts, nothing fetched. Each section's records link to their pages when
// opts.Links gives addresses, and are cited for `secretariat get KIND ID` otherwise.
func RenderHTML(w io.Writer, r *YearReview, opts RenderOptions) error {
	d := Compose(r, opts.Lang, opts.Links)
	page := htmlPage{D: d, Records: tr(d.Lang, "Records behind these figures", "Записи, на которых основаны цифры")}
	for _, sec := range d.Sections {
		hs := htmlSection{Section: sec}
		for _, ref := range uniqueRefs(sec.Records) {
			h := htmlRef{Kind: ref.Kind, ID: ref.ID, Name: KindName(ref.Kind, d.Lang)}
			if opts.Links != nil {
				h.Href = opts.Links(ref.Kind, ref.ID)
			}
			hs.Refs = append(hs.Refs, h)
		}
		page.Sections = append(page.Sections, hs)
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// KindName is a kind of record as the language names it: "поручение", "agenda item".
func KindName(kind string, lang secretariat.Lang) string {
	if k, ok := secretariat.LookupKind(kind); ok {
		return k.Title.In(lang)
	}
	return kind
}

var htmlFuncs = template.FuncMap{
	// SVG escapes its own text.
	"svg":   func(s *chart.Scene) template.HTML { return template.HTML(chart.SVG(*s)) },
	"para":  func(k BlockKind) bool { return k == Para },
	"small": func(k BlockKind) bool { return k == Small },
	"list":  func(k BlockKind) bool { return k == List },
	"table": func(k BlockKind) bool { return k == TableBlock },
	"chart": func(k BlockKind) bool { return k == ChartBlock },
}

var htmlTemplate = template.Must(template.New("review").Funcs(htmlFuncs).Parse(`<!doctype html>
<html lang="{{.D.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.D.Title}}</title>
<style>
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.prov{color:#555;font-size:.85rem}.foreword{border-left:3px solid #0072B2;padding-left:1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.8rem 0}td,th{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.r,th.r{text-align:right}caption{text-align:left;font-weight:bold;padding:.3rem 0}
tr.marked td{color:#8a4b00;background:#fff4e5}.small{font-size:.82rem;color:#555}
.records{font-size:.78rem;color:#555}.records code{font-size:.75rem;background:#f6f6f6;padding:0 .2rem}
code{font-family:"DejaVu Sans Mono",monospace;background:#f6f6f6;padding:0 .2rem}
ul.items li{margin:.4rem 0}.chart{margin:1rem 0}.chart svg{width:100%;max-width:44rem;height:auto}
dl.cover{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.85rem;color:#555}dl.cover dd{margin:0;overflow-wrap:anywhere}
@media print{body{max-width:none}h2{break-after:avoid}.chart,table{break-inside:avoid}}
</style>
</head>
<body>
{{define "spans"}}{{range .}}{{if .Code}}<code>{{.Text}}</code>{{else if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end}}
<header>
<h1>{{.D.Title}}</h1>
<p class="prov">{{template "spans" .D.Provenance}}</p>
<dl class="cover">{{range .D.Cover.Lines}}<dt>{{.Label}}</dt><dd>{{if .Mono}}<code>{{.Value}}</code>{{else}}{{.Value}}{{end}}</dd>{{end}}</dl>
</header>
{{with .D.Foreword}}<section id="foreword"><h2>{{.Heading}}</h2><p class="small">{{.Note}}</p><div class="foreword"><p>{{.Text}}</p></div></section>{{end}}
{{range .Sections}}
<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{range .Blocks}}{{if para .Kind}}<p>{{with .Lead}}<strong>{{.}}</strong> {{end}}{{template "spans" .Spans}}</p>
{{else if small .Kind}}<p class="small">{{template "spans" .Spans}}</p>
{{else if list .Kind}}<ul class="items">{{range .Items}}<li>{{with .Lead}}<strong>{{.}}</strong> {{end}}{{template "spans" .Spans}}</li>{{end}}</ul>
{{else if table .Kind}}{{with .Table}}<table>{{with .Caption}}<caption>{{.}}</caption>{{end}}<tr>{{range .Columns}}<th{{if .Right}} class="r"{{end}}>{{.Head}}</th>{{end}}</tr>
{{$cols := .Columns}}{{range .Rows}}<tr{{if .Marked}} class="marked"{{end}}>{{range $i, $c := .Cells}}<td{{if (index $cols $i).Right}} class="r"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</table>{{end}}
{{else if chart .Kind}}<div class="chart">{{svg .Chart}}</div>
{{end}}{{end}}
{{with .Refs}}<p class="records">{{$.Records}}: {{range $i, $r := .}}{{if $i}}, {{end}}{{if $r.Href}}<a href="{{$r.Href}}">{{$r.Name}} {{$r.ID}}</a>{{else}}<code title="secretariat get {{$r.Kind}} {{$r.ID}}">{{$r.Kind}} {{$r.ID}}</code>{{end}}{{end}}</p>{{end}}
</section>
{{end}}
</body>
</html>
`))
