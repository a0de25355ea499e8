package report

import (
	"encoding/json"
	"io"

	"secretariat"
)

// Formats are the formats a review renders to. The PDF is written by the subpackage
// report/pdf, which draws the same Document with fpdf.
var Formats = []string{"md", "html", "pdf", "json"}

// RenderOptions steer a renderer.
type RenderOptions struct {
	Lang secretariat.Lang
	// FontPath is the TrueType font for the PDF; empty takes DejaVu Sans from Debian's
	// fonts-dejavu-core.
	FontPath string
	// Links says how a record is linked: given a kind and an ID it returns an address,
	// or "" to cite the record as `secretariat get KIND ID`.
	Links func(kind, id string) string
}

// Paragraph is one section's generated text, for the JSON rendering.
type Paragraph struct {
	Section string `json:"section"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Records []Ref  `json:"records,omitempty"`
}

// Narrate returns each section's generated text in lang, as plain paragraphs.
func Narrate(r *YearReview, lang secretariat.Lang) []Paragraph {
	d := Compose(r, lang, nil)
	var out []Paragraph
	for _, sec := range d.Sections {
		var text []string
		for _, b := range sec.Blocks {
			switch b.Kind {
			case Para, Small:
				text = append(text, b.Text())
			case List:
				for _, it := range b.Items {
					s := spansText(it.Spans)
					if it.Lead != "" {
						s = it.Lead + " " + s
					}
					text = append(text, s)
				}
			}
		}
		out = append(out, Paragraph{Section: sec.ID, Heading: sec.Heading, Text: sentences(text...), Records: uniqueRefs(sec.Records)})
	}
	return out
}

// RenderJSON writes the review as indented JSON. The data is the same in both languages;
// the generated narrative is added in the requested one.
func RenderJSON(w io.Writer, r *YearReview, opts RenderOptions) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		*YearReview
		Lang      secretariat.Lang `json:"lang"`
		Narrative []Paragraph      `json:"narrative"`
	}{r, opts.Lang, Narrate(r, opts.Lang)})
}

// Render writes the review in format: md, html or json (for pdf, see report/pdf).
func Render(w io.Writer, r *YearReview, format string, opts RenderOptions) error {
	if opts.Lang == "" {
		opts.Lang = secretariat.EN
	}
	switch format {
	case "md":
		return RenderMarkdown(w, r, opts)
	case "json":
		return RenderJSON(w, r, opts)
	case "html":
		return RenderHTML(w, r, opts)
	}
	return secretariat.Errorf(secretariat.EINVALID, "unknown format %q: use md, html or json (report/pdf writes PDF)", format)
}
