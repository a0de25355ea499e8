package report

import (
	"fmt"
	"io"
	"strings"
)

// RenderMarkdown writes the review as Markdown: the title and provenance, the foreword,
// and each section's paragraphs, lists and tables, with the records behind its figures.
// Charts are drawn by the HTML and PDF renderers; Markdown has the tables instead.
func RenderMarkdown(w io.Writer, r *YearReview, opts RenderOptions) error {
	d := Compose(r, opts.Lang, opts.Links)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n\n", mdEscape(d.Title))
	p("_%s_\n\n", mdSpans(d.Provenance))
	if d.Foreword != nil {
		p("## %s\n\n_%s_\n\n", mdEscape(d.Foreword.Heading), mdEscape(d.Foreword.Note))
		for _, line := range strings.Split(d.Foreword.Text, "\n") {
			p("> %s\n", mdEscape(line))
		}
		p("\n")
	}
	for _, sec := range d.Sections {
		p("## %s\n\n", mdEscape(sec.Heading))
		for _, bl := range sec.Blocks {
			switch bl.Kind {
			case Para:
				if bl.Lead != "" {
					p("**%s** ", mdEscape(bl.Lead))
				}
				p("%s\n\n", mdSpans(bl.Spans))
			case Small:
				p("_%s_\n\n", mdSpans(bl.Spans))
			case List:
				for _, it := range bl.Items {
					p("- ")
					if it.Lead != "" {
						p("**%s** ", mdEscape(it.Lead))
					}
					p("%s\n", mdSpans(it.Spans))
				}
				p("\n")
			case TableBlock:
				mdTable(&b, bl.Table)
			}
		}
		if len(sec.Records) > 0 {
			p("%s %s\n\n", tr(d.Lang, "Records:", "Записи:"), citeRefs(sec.Records, opts.Links))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdTable(b *strings.Builder, t *Table) {
	if t.Caption != "" {
		fmt.Fprintf(b, "**%s**\n\n", mdEscape(t.Caption))
	}
	heads := make([]string, len(t.Columns))
	rule := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		heads[i] = mdCell(c.Head)
		rule[i] = "---"
		if c.Right {
			rule[i] = "---:"
		}
	}
	fmt.Fprintf(b, "| %s |\n|%s|\n", strings.Join(heads, " | "), strings.Join(rule, "|"))
	for _, r := range t.Rows {
		cells := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = mdCell(c)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

func mdCell(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }

func mdSpans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch {
		case s.Code:
			b.WriteString("`" + s.Text + "`")
		case s.Href != "":
			fmt.Fprintf(&b, "[%s](%s)", mdEscape(s.Text), s.Href)
		default:
			b.WriteString(mdEscape(s.Text))
		}
	}
	return b.String()
}

// citeRefs writes the records behind a section: links when the reader can follow them,
// kind and ID to type otherwise.
func citeRefs(refs []Ref, links func(kind, id string) string) string {
	var parts []string
	for _, r := range uniqueRefs(refs) {
		if links != nil {
			if href := links(r.Kind, r.ID); href != "" {
				parts = append(parts, fmt.Sprintf("[%s %s](%s)", r.Kind, r.ID, href))
				continue
			}
		}
		parts = append(parts, fmt.Sprintf("`%s %s`", r.Kind, r.ID))
	}
	return strings.Join(parts, ", ")
}

// uniqueRefs keeps the first of each record.
func uniqueRefs(refs []Ref) []Ref {
	seen := map[Ref]bool{}
	var out []Ref
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
