// Package pdf writes the year in review as an A4 PDF with fpdf: the same title,
// provenance, foreword, generated paragraphs, tables, charts and cited records as the
// Markdown and HTML renderers of package report, in English or Russian.
//
// Text is set in an embedded, subsetted TrueType font (DejaVu Sans unless the caller
// names another) so that Cyrillic renders in any viewer. Charts are the device-independent
// scenes of report.Charts, drawn shape by shape with fpdf's primitives, so the PDF shows
// the very pictures the HTML page does. The output depends only on the review: the same
// review gives the same bytes.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"secretariat"
	"secretariat/internal/report"
)

// Page geometry, in points (the document's unit, so that chart scenes, which are
// measured in points, map one to one). The 20 mm margins give a text width of 482 pt,
// the width chart.DefaultWidth was chosen to fit.
const (
	pageW          = 595.28
	pageH          = 841.89
	margin         = 56.69
	textW          = pageW - 2*margin
	top            = margin
	bottom         = pageH - margin
	footerBaseline = pageH - 30
)

// Type sizes and line heights, in points.
const (
	titleSize    = 18
	titleLead    = 22
	headingSize  = 13
	headingLead  = 17
	bodySize     = 10
	bodyLead     = 13.5
	smallSize    = 8.5
	smallLead    = 11
	recordsSize  = 7.5
	recordsLead  = 9.5
	tableSize    = 8.5
	tableLead    = 10.5
	tablePad     = 3
	footerSize   = 8
	maxChartZoom = 1.0 // a chart narrower than the text is not enlarged: its type would grow past the body's
	minChartFit  = 0.7 // a chart may shrink to this share of its size to fit the rest of a page
)

// Colours of the page furniture, close to the HTML page's stylesheet.
var (
	inkColor     = rgb{0x1a, 0x1a, 0x1a}
	mutedColor   = rgb{0x55, 0x55, 0x55}
	ruleColor    = rgb{0xcc, 0xcc, 0xcc}
	linkColor    = rgb{0x00, 0x72, 0xB2} // chart.Blue
	citeColor    = rgb{0x33, 0x33, 0x33} // a record cited by kind and ID, not linked
	besideColor  = rgb{0xa1, 0x5c, 0x00} // figures shown beside the counted one
	besideFill   = rgb{0xff, 0xf4, 0xe5}
	headFill     = rgb{0xef, 0xef, 0xef}
	forewordRule = rgb{0x00, 0x72, 0xB2}
)

// Render writes the review as an A4 PDF in opts.Lang (English unless Russian). Records cited
// under each section link to opts.Links(kind, id) when that gives an http or https
// address, and are cited for `secretariat get KIND ID` otherwise. opts.FontPath names
// the TrueType font for both regular and bold text; empty takes DejaVu Sans from Debian's
// fonts-dejavu-core. Nothing is written to w unless the whole document was made.
func Render(w io.Writer, r *report.YearReview, opts report.RenderOptions) error {
	if r == nil {
		return secretariat.Errorf(secretariat.EINVALID, "pdf: no review to render")
	}
	if opts.Lang != secretariat.RU {
		opts.Lang = secretariat.EN
	}
	fonts, err := loadFonts(opts.FontPath)
	if err != nil {
		return err
	}
	// fpdf's own way to print the page count, an alias swapped for the number when the
	// document is closed, is measured as the alias and does not add the number's digits
	// to the font subset. Laying the document out twice, first to count the pages, is
	// cheap and exact: the footer never changes the layout.
	pages, _, err := draw(r, opts, fonts, 0)
	if err != nil {
		return err
	}
	_, out, err := draw(r, opts, fonts, pages)
	if err != nil {
		return err
	}
	out = tagSubsets(out, fonts)
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}

// draw lays the review out once. total is the page count for the footers (0 when not
// yet known). It returns the number of pages and the document.
func draw(r *report.YearReview, opts report.RenderOptions, fonts *fontSet, total int) (pages int, out []byte, err error) {
	// fpdf panics on some inputs (a font it cannot parse, an index past a table); the
	// caller gets an error instead.
	defer func() {
		if p := recover(); p != nil {
			pages, out = 0, nil
			err = secretariat.Errorf(secretariat.EINTERNAL, "pdf: drawing the review failed: %v", p)
		}
	}()
	f := fpdf.New("P", "pt", "A4", "")
	if err := fonts.register(f); err != nil {
		return 0, nil, err
	}
	d := &doc{f: f, r: r, doc: report.Compose(r, opts.Lang, opts.Links), lang: opts.Lang, opts: opts, fonts: fonts, total: total}
	d.setup()
	d.body()
	if err := f.Error(); err != nil {
		return 0, nil, fmt.Errorf("pdf: laying out the review: %w", err)
	}
	pages = f.PageNo()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return 0, nil, fmt.Errorf("pdf: writing the document: %w", err)
	}
	return pages, buf.Bytes(), nil
}

// doc is one layout pass: the fpdf document and the cursor.
type doc struct {
	f     *fpdf.Fpdf
	r     *report.YearReview
	doc   *report.Document
	lang  secretariat.Lang
	opts  report.RenderOptions
	fonts *fontSet
	total int
	// y is the top of the next line on the current page.
	y float64
	// cur is the font last selected, to spare fpdf a font switch per word.
	cur struct {
		bold bool
		size float64
		set  bool
	}
}

func (d *doc) tr(en, ru string) string {
	if d.lang == secretariat.RU {
		return ru
	}
	return en
}

// setup sets the metadata, the page furniture and the first page.
func (d *doc) setup() {
	f := d.f
	title := d.doc.Title
	f.SetTitle(title, true)
	f.SetAuthor("secretariat", true)
	f.SetCreator("secretariat", true)
	f.SetSubject(d.tr(fmt.Sprintf("The year %d in review, generated from the record", d.r.Year),
		fmt.Sprintf("Итоги %d года, сформированные из записи", d.r.Year)), true)
	f.SetLang(string(d.lang))
	// The dates come from the review, not the clock, so the same review gives the same
	// bytes; the review's as-of time is the moment of the record it shows. A review
	// without one falls back to the epoch, still not to the clock.
	at, err := time.Parse(time.RFC3339, d.r.AsOf)
	if err != nil {
		at = time.Unix(0, 0)
	}
	f.SetCreationDate(at.UTC())
	f.SetModificationDate(at.UTC())
	f.SetCatalogSort(true)
	f.SetMargins(margin, top, margin)
	f.SetAutoPageBreak(false, 0) // every break is decided here, to keep rows and charts whole
	f.SetFooterFunc(d.footer)
	d.newPage()
}

// footer writes "page N of M" at the foot of every page.
func (d *doc) footer() {
	n := d.f.PageNo()
	if n == 1 {
		return // the cover
	}
	s := d.tr(fmt.Sprintf("page %d of %d", n, d.total), fmt.Sprintf("стр. %d из %d", n, d.total))
	if d.total == 0 {
		s = d.tr(fmt.Sprintf("page %d", n), fmt.Sprintf("стр. %d", n))
	}
	// fpdf calls the footer from AddPage and restores the body's font afterwards, so
	// what setFont remembers must be restored too.
	saved := d.cur
	defer func() { d.cur = saved }()
	st := style{size: footerSize, color: mutedColor}
	w := d.width(s, st)
	d.text((pageW-w)/2, footerBaseline, s, st)
}

func (d *doc) newPage() {
	d.f.AddPage()
	d.y = top
}

// room starts a new page unless h points fit above the bottom margin.
func (d *doc) room(h float64) {
	if d.y+h > bottom && d.y > top {
		d.newPage()
	}
}

// cover draws the title page: the organization, the title and the year, and what the
// review was built from, down to the journal's head hash, so that a printed copy can be
// checked against the record.
func (d *doc) cover() {
	c := d.doc.Cover
	d.y = top + 120
	if c.Organization != "" {
		d.flow([]span{{c.Organization, style{size: 16, color: mutedColor}}}, margin, textW, 21, nil)
		d.y += 18
	}
	d.flow([]span{{c.Title, style{size: 30, bold: true, color: inkColor}}}, margin, textW, 36, nil)
	d.flow([]span{{c.Year, style{size: 48, bold: true, color: linkColor}}}, margin, textW, 56, nil)
	d.y = bottom - 150
	d.rule(d.y, ruleColor)
	d.y += 10
	for _, l := range c.Lines {
		d.flow([]span{{l.Label, style{size: smallSize, bold: true, color: mutedColor}}}, margin, textW, smallLead, nil)
		value := l.Value
		if l.Mono && len(value) > 32 {
			// A hash is one word: split it in two halves rather than let it run off the page.
			value = value[:32] + "\n" + value[32:]
		}
		d.flow([]span{{value, style{size: bodySize, color: inkColor}}}, margin, textW, bodyLead, nil)
		d.y += 4
	}
	d.newPage()
}

// body lays out the whole review.
func (d *doc) body() {
	doc := d.doc
	d.f.Bookmark(clean(doc.Title), 0, d.y)
	d.cover()
	d.flow([]span{{doc.Title, style{size: titleSize, bold: true, color: inkColor}}}, margin, textW, titleLead, nil)
	d.y += 4
	d.flow(d.spans(doc.Provenance, style{size: smallSize, color: mutedColor}), margin, textW, smallLead, nil)
	if fw := doc.Foreword; fw != nil {
		d.heading(fw.Heading)
		d.flow([]span{{fw.Note, style{size: smallSize, color: mutedColor}}}, margin+10, textW-10, smallLead, nil)
		d.y += 3
		// A rule beside the foreword sets it apart from the generated text, as on the
		// HTML page.
		bar := func(y, h float64) { d.fillRect(margin, y, 2, h, forewordRule) }
		d.flow([]span{{fw.Text, style{size: bodySize, color: inkColor}}}, margin+10, textW-10, bodyLead, bar)
	}
	for _, sec := range doc.Sections {
		d.heading(sec.Heading)
		// A chart that does not fit the rest of the page waits for the text and tables
		// after it to fill the page, and is drawn where it fits: no page is left half
		// empty for a chart.
		var waiting []*report.Block
		place := func(force bool) {
			for len(waiting) > 0 && (force || d.fits(*waiting[0].Chart)) {
				d.y += 8
				d.scene(*waiting[0].Chart)
				waiting = waiting[1:]
			}
		}
		for i := range sec.Blocks {
			b := &sec.Blocks[i]
			if b.Kind == report.ChartBlock {
				waiting = append(waiting, b)
				place(false)
				continue
			}
			if i > 0 {
				d.y += 6
			}
			d.block(b)
			place(false)
		}
		place(true)
		if spans := d.records(sec.Records); len(spans) > 0 {
			d.y += 6
			d.flow(spans, margin, textW, recordsLead, nil)
		}
	}
}

// block draws a paragraph, a list or a table.
func (d *doc) block(b *report.Block) {
	body := style{size: bodySize, color: inkColor}
	switch b.Kind {
	case report.Para:
		var spans []span
		if b.Lead != "" {
			spans = append(spans, span{b.Lead + " ", style{size: bodySize, bold: true, color: inkColor}})
		}
		d.flow(append(spans, d.spans(b.Spans, body)...), margin, textW, bodyLead, nil)
	case report.Small:
		d.flow(d.spans(b.Spans, style{size: smallSize, color: mutedColor}), margin, textW, smallLead, nil)
	case report.List:
		for j, it := range b.Items {
			if j > 0 {
				d.y += 3
			}
			d.room(2 * bodyLead)
			d.text(margin+2, baseline(d.y, bodyLead, bodySize), "•", body)
			var spans []span
			if it.Lead != "" {
				spans = append(spans, span{it.Lead + " ", style{size: bodySize, bold: true, color: inkColor}})
			}
			d.flow(append(spans, d.spans(it.Spans, body)...), margin+12, textW-12, bodyLead, nil)
		}
	case report.TableBlock:
		d.table(tableOf(b.Table))
	}
}

// spans sets the composed review's spans in st: links where they lead to the web,
// commands in bold.
func (d *doc) spans(in []report.Span, st style) []span {
	var out []span
	for _, s := range in {
		x := st
		switch {
		case s.Code:
			x.bold = true
		case webURL(s.Href):
			x.color, x.link = linkColor, s.Href
		}
		out = append(out, span{s.Text, x})
	}
	return out
}

// heading starts a section: it is kept with the first lines that follow it, and marked
// in the PDF outline.
func (d *doc) heading(s string) {
	if d.y > top {
		d.y += 14
	}
	d.room(headingLead + 6 + 4*bodyLead)
	st := style{size: headingSize, bold: true, color: inkColor}
	d.setFont(st)
	d.f.Bookmark(clean(s), 0, d.y)
	d.flow([]span{{s, st}}, margin, textW, headingLead, nil)
	d.rule(d.y+1, ruleColor)
	d.y += 6
}

// records cites the records behind a section's figures, as the Markdown does: each once,
// a chairmanship's priorities under the chairmanship itself.
func (d *doc) records(refs []report.Ref) []span {
	links := d.opts.Links
	label := d.tr("Records:", "Записи:")
	if links == nil {
		label = d.tr("Records (secretariat get KIND ID):", "Записи (secretariat get KIND ID):")
	}
	label += " "
	out := []span{{label, style{size: recordsSize, bold: true, color: mutedColor}}}
	seen := map[report.Ref]bool{}
	n := 0
	for _, ref := range refs {
		if seen[ref] || (ref.Kind == "chairmanship" && strings.Contains(ref.ID, "#")) {
			continue
		}
		seen[ref] = true
		if n > 0 {
			out = append(out, span{", ", style{size: recordsSize, color: mutedColor}})
		}
		n++
		st := style{size: recordsSize, color: citeColor}
		name := ref.Kind
		if links != nil {
			if href := links(ref.Kind, ref.ID); webURL(href) {
				st.color, st.link = linkColor, href
				name = report.KindName(ref.Kind, d.lang)
			}
		}
		out = append(out, span{name + "\u00a0" + ref.ID, st})
	}
	if n == 0 {
		return nil
	}
	return out
}

// webURL reports whether s is an absolute http or https address: the only links a
// reader of a PDF file can follow (a relative one has no page to be relative to).
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (d *doc) rule(y float64, c rgb) {
	d.f.SetDrawColor(c.r, c.g, c.b)
	d.f.SetLineWidth(0.5)
	d.f.Line(margin, y, margin+textW, y)
}

func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	d.f.SetFillColor(c.r, c.g, c.b)
	d.f.Rect(x, y, w, h, "F")
}
