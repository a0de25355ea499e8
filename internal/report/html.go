package report

import (
	"bytes"
	"html/template"
	"io"
	"strings"

	"secretariat"
	"secretariat/internal/chart"
)

// htmlPage is what the HTML template renders.
type htmlPage struct {
	R          *YearReview
	Lang       secretariat.Lang
	Title      string
	Provenance string
	HowToRead  string
	Foreword   string
	Sections   []htmlSection
	L          map[string]string
}

type htmlSection struct {
	Paragraph
	Charts  []template.HTML
	Records []htmlRef
}

type htmlRef struct {
	Kind, ID, Href string
}

// RenderHTML writes the review as one self-contained HTML page: inline CSS, inline SVG
// charts, no scripts, nothing fetched. Each section's records link to their pages when
// opts.Links gives addresses, and are cited as `secretariat get KIND ID` otherwise.
func RenderHTML(w io.Writer, r *YearReview, opts RenderOptions) error {
	lang := opts.Lang
	page := htmlPage{R: r, Lang: lang, Title: Title(r, lang), Provenance: Provenance(r, lang), HowToRead: HowToRead(r, lang, opts.Links == nil),
		L: map[string]string{
			"records": tr(lang, "Records behind these figures", "Записи, на которых основаны цифры"), "foreword": tr(lang, "Foreword, by the secretariat", "Предисловие Секретариата"),
			"priority": tr(lang, "Priority", "Приоритет"), "assessment": tr(lang, "Assessment", "Оценка"), "tasks": tr(lang, "Tasks", "Поручения"),
			"task": tr(lang, "Task", "Поручение"), "status": tr(lang, "Status", "Состояние"), "due": tr(lang, "Due", "Срок"), "responsible": tr(lang, "Responsible", "Ответственные"),
			"figure": tr(lang, "Figure", "Показатель"), "source": tr(lang, "Source", "Источник"), "counted": tr(lang, "Counted", "Учтено"),
			"yes": tr(lang, "yes", "да"), "beside": tr(lang, "no: shown beside", "нет: приводится рядом"),
			"threat": tr(lang, "Threat", "Угроза"), "level": tr(lang, "Level at year end", "Уровень на конец года"), "trend": tr(lang, "Trend", "Тенденция"),
			"answered": tr(lang, "Answered by", "Ответные меры"), "illustrative": tr(lang, "illustrative", "иллюстративно"),
			"year": tr(lang, "Year", "Год"), "items": tr(lang, "Items considered", "Рассмотрено вопросов"), "adopted": tr(lang, "Adopted", "Принято"),
			"set": tr(lang, "Tasks set", "Поручений дано"), "done": tr(lang, "Tasks fulfilled", "Поручений выполнено"),
		}}
	if r.Foreword != nil {
		page.Foreword = r.Foreword.Text.In(lang)
	}
	charts := Charts(r, lang)
	for _, p := range Narrate(r, lang) {
		s := htmlSection{Paragraph: p}
		for _, c := range charts {
			if c.Section == p.Section {
				s.Charts = append(s.Charts, template.HTML(chart.SVG(c.Scene))) // SVG escapes its own text
			}
		}
		seen := map[Ref]bool{}
		for _, ref := range p.Records {
			if seen[ref] || (ref.Kind == "chairmanship" && strings.Contains(ref.ID, "#")) {
				continue
			}
			seen[ref] = true
			h := htmlRef{Kind: ref.Kind, ID: ref.ID}
			if opts.Links != nil {
				h.Href = opts.Links(ref.Kind, ref.ID)
			}
			s.Records = append(s.Records, h)
		}
		page.Sections = append(page.Sections, s)
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

var htmlFuncs = template.FuncMap{
	"text":       func(t secretariat.Text, lang secretariat.Lang) string { return t.In(lang) },
	"amount":     func(a secretariat.Amount, lang secretariat.Lang) string { return FormatAmount(a, lang) },
	"assessment": func(a string, lang secretariat.Lang) string { return assessmentName(a, lang) },
	"trend":      func(t secretariat.Trend, lang secretariat.Lang) string { return TrendName(t, lang) },
	"percent":    percent,
	"join":       strings.Join,
}

var htmlTemplate = template.Must(template.New("review").Funcs(htmlFuncs).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.prov{color:#555;font-size:.85rem}.foreword{border-left:3px solid #0072B2;padding-left:1rem;font-style:italic}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.8rem 0}td,th{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.records{font-size:.78rem;color:#555}.records code{font-size:.75rem;background:#f6f6f6;padding:0 .2rem}
.chart{margin:1rem 0}.chart svg{max-width:100%;height:auto}.ill{color:#a15c00}.beside{color:#a15c00}
@media print{body{max-width:none}h2{break-after:avoid}.chart{break-inside:avoid}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="prov">{{.Provenance}}</p>
{{with .Foreword}}<h2>{{$.L.foreword}}</h2><p class="foreword">{{.}}</p>{{end}}
{{range .Sections}}
<section id="{{.Section}}">
<h2>{{.Heading}}</h2>
<p>{{.Text}}</p>
{{if eq .Section "chairmanship"}}{{range $.R.Chairmanship.Terms}}{{if .Priorities}}
<table><tr><th>{{$.L.priority}}</th><th>{{$.L.assessment}}</th><th>{{$.L.tasks}}</th></tr>
{{range .Priorities}}<tr><td>{{.Priority.N}}. {{text .Priority.Text $.Lang}}</td><td>{{assessment .Assessment $.Lang}} ({{printf "%.0f" .Rollup.Progress}}%)</td><td>{{join .Tasks ", "}}</td></tr>
{{end}}</table>{{end}}{{end}}{{end}}
{{if eq .Section "tasks"}}{{with $.R.Tasks.Open}}
<table><tr><th>{{$.L.task}}</th><th>{{$.L.status}}</th><th>{{$.L.due}}</th><th>{{$.L.responsible}}</th></tr>
{{range .}}<tr><td>{{.ID}}: {{text .Text $.Lang}}</td><td>{{.Status}}{{if .Overdue}} ⚠{{end}}</td><td>{{.Due}}</td><td>{{join .Responsible ", "}}</td></tr>
{{end}}</table>{{end}}{{end}}
{{if eq .Section "threats"}}
<table><tr><th>{{$.L.threat}}</th><th>{{$.L.level}}</th><th>{{$.L.trend}}</th><th>{{$.L.answered}}</th></tr>
{{range $.R.Threats.Threats}}<tr><td>{{text .Name $.Lang}}</td><td>{{if .Level}}{{.Level}}{{if .Illustrative}} <span class="ill">({{$.L.illustrative}})</span>{{end}}{{else}}—{{end}}</td><td>{{trend .Trend $.Lang}}</td><td>{{range $i, $r := .AnsweredBy}}{{if $i}}, {{end}}{{$r.ID}}{{end}}</td></tr>
{{end}}</table>{{end}}
{{if eq .Section "operations"}}{{range $.R.Operations.Operations}}
<table><tr><th>{{text .CodeName $.Lang}}</th><th>{{$.L.figure}}</th><th>{{$.L.source}}</th><th>{{$.L.counted}}</th></tr>
{{range .Metrics}}{{$m := .}}{{range .Figures}}<tr><td>{{text $m.Metric.Name $.Lang}}</td><td>{{amount .Amount $.Lang}}</td><td>{{text .SourceTitle $.Lang}}</td><td>{{$.L.yes}}</td></tr>
{{end}}{{range .Conflicts}}<tr class="beside"><td>{{text $m.Metric.Name $.Lang}}</td><td>{{amount .Amount $.Lang}}</td><td>{{text .SourceTitle $.Lang}}{{with text .Note $.Lang}} — {{.}}{{end}}</td><td>{{$.L.beside}}</td></tr>
{{end}}{{end}}</table>{{end}}{{end}}
{{if eq .Section "comparison"}}
<table><tr><th>{{$.L.year}}</th><th>{{$.L.items}}</th><th>{{$.L.adopted}}</th><th>{{$.L.set}}</th><th>{{$.L.done}}</th></tr>
{{range $.R.Comparison.Years}}<tr><td>{{.Year}}</td><td>{{.Items.N}}</td><td>{{.Adopted.N}} ({{percent .Rate}})</td><td>{{.TasksSet.N}}</td><td>{{.TasksDone.N}}</td></tr>
{{end}}</table>{{end}}
{{range .Charts}}<div class="chart">{{.}}</div>{{end}}
{{with .Records}}<p class="records">{{$.L.records}}: {{range $i, $r := .}}{{if $i}}, {{end}}{{if $r.Href}}<a href="{{$r.Href}}">{{$r.Kind}} {{$r.ID}}</a>{{else}}<code title="secretariat get {{$r.Kind}} {{$r.ID}}">{{$r.Kind}} {{$r.ID}}</code>{{end}}{{end}}</p>{{end}}
</section>
{{end}}
<hr><p class="prov">{{.HowToRead}}</p>
</body>
</html>
`))
