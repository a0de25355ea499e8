package secretariat

import (
	"fmt"
	"slices"
)

// PublicationKind is what sort of publication it is.
type PublicationKind string

// Publication kinds.
const (
	News         PublicationKind = "news"
	Interview    PublicationKind = "interview"
	PressRelease PublicationKind = "press_release"
	Statement    PublicationKind = "statement"
)

// PublicationKinds lists every kind of publication.
var PublicationKinds = []PublicationKind{News, Interview, PressRelease, Statement}

// PublicationSections are the sections of the organization's site a publication may
// appear in; "foreword" holds the secretariat's forewords to the year in review.
var PublicationSections = []string{"news", "press", "statements", "foreword"}

// RecordRef points at another record of the record.
type RecordRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// PublicationPart is one section of a publication's body, such as a question and its
// answer.
type PublicationPart struct {
	Heading Text `json:"heading,omitzero"`
	Body    Text `json:"body"`
}

// Publication is news, an interview, a press release or a statement.
type Publication struct {
	ID   string          `json:"id"`
	Kind PublicationKind `json:"kind"`
	// Section is the site section it appears in, such as "news".
	Section   string            `json:"section"`
	Date      Date              `json:"date"`
	Title     Text              `json:"title"`
	Lead      Text              `json:"lead,omitzero"`
	Parts     []PublicationPart `json:"parts,omitempty"`
	Languages []Lang            `json:"languages,omitempty"`
	URL       string            `json:"url,omitempty"`
	// Video says a video version was published with it; VideoURL is its address when
	// the record knows it.
	Video    bool   `json:"video,omitempty"`
	VideoURL string `json:"video_url,omitempty"`
	// About links the records the publication speaks of.
	About []RecordRef `json:"about,omitempty"`
	// Note says what the record does not know of the publication, such as an
	// approximate date.
	Note Text `json:"note,omitzero"`
	Access
	Provenance
}

// Validate checks the publication.
func (p *Publication) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", p.ID, true)
	if !slices.Contains(PublicationKinds, p.Kind) {
		f.addf("kind", "%q is not a kind of publication: use news, interview, press_release or statement", p.Kind)
	}
	if !slices.Contains(PublicationSections, p.Section) {
		f.addf("section", "%q is not a section: use one of %v", p.Section, PublicationSections)
	}
	if p.Date.IsZero() {
		f.add("date", "is required")
	}
	p.Title.validate(f, "title", true)
	p.Lead.validate(f, "lead", false)
	for i, part := range p.Parts {
		fi := fieldIndex("parts", i)
		part.Heading.validate(f, fi+".heading", false)
		part.Body.validate(f, fi+".body", true)
	}
	for i, l := range p.Languages {
		if l != RU && l != EN {
			f.addf(fieldIndex("languages", i), "%q is not a language of the record", l)
		}
	}
	checkURL(f, "url", p.URL)
	checkURL(f, "video_url", p.VideoURL)
	p.Note.validate(f, "note", false)
	for i, r := range p.About {
		fi := fieldIndex("about", i)
		if _, ok := LookupKind(r.Kind); !ok {
			f.addf(fi+".kind", "%q is not a kind of record", r.Kind)
		}
		checkID(f, fi+".id", r.ID, true)
	}
	p.Access.validate(f)
	p.Provenance.validate(f)
	return f.err("publication " + p.ID)
}

// SourceClass ranks how authoritative a source is.
type SourceClass string

// Source classes, from the most authoritative down. The organization's own publications
// rank above what officials of member states tell the press, because the organization
// is the primary source on its own work.
const (
	// OfficialDocument is a signed text: a decision, a treaty, a record of a session.
	OfficialDocument SourceClass = "official_document"
	// OfficialSite is a publication of the organization or of a member state's
	// government: a news item, an interview on the organization's site.
	OfficialSite SourceClass = "official_site"
	// OfficialStatement is what an official said, as reported by the press.
	OfficialStatement SourceClass = "official_statement"
	// NewsAgency is a news agency's report.
	NewsAgency SourceClass = "news_agency"
	// Media is any other press.
	Media SourceClass = "media"
)

// SourceClasses lists the classes from the most authoritative to the least.
var SourceClasses = []SourceClass{OfficialDocument, OfficialSite, OfficialStatement, NewsAgency, Media}

// Authority returns the class's rank: lower is more authoritative.
func (c SourceClass) Authority() int {
	if i := slices.Index(SourceClasses, c); i >= 0 {
		return i
	}
	return len(SourceClasses)
}

// Source is where a fact came from: an address or a document reference.
type Source struct {
	ID        string      `json:"id"`
	Title     Text        `json:"title"`
	URL       string      `json:"url,omitempty"`
	Ref       string      `json:"ref,omitempty"`
	Publisher string      `json:"publisher,omitempty"`
	Date      Date        `json:"date,omitzero"`
	Class     SourceClass `json:"class"`
	Note      Text        `json:"note,omitzero"`
}

// Validate checks the source.
func (s *Source) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", s.ID, true)
	s.Title.validate(f, "title", true)
	checkURL(f, "url", s.URL)
	if s.URL == "" && s.Ref == "" {
		f.add("url", "give the source's address or a document reference")
	}
	if !slices.Contains(SourceClasses, s.Class) {
		f.addf("class", "%q is not a class of source: use one of %v", s.Class, SourceClasses)
	}
	s.Note.validate(f, "note", false)
	return f.err("source " + s.ID)
}

// Organization is the treaty organization the installation keeps the record of.
type Organization struct {
	ID    string `json:"id"`
	Name  Text   `json:"name"`
	Short Text   `json:"short,omitzero"`
	Provenance
}

// Validate checks the organization.
func (o *Organization) Validate() error {
	f := fieldErrors{}
	checkID(f, "id", o.ID, true)
	o.Name.validate(f, "name", true)
	o.Short.validate(f, "short", false)
	o.Provenance.validate(f)
	return f.err("organization")
}

// Foreword is the publication that keeps the secretariat's own foreword to a year's
// review, in the language it was written in: the command line, the web form and the API
// write it alike.
func Foreword(year int, lang Lang, text string) Publication {
	body, title := Text{Authentic: lang}, Text{Authentic: lang}
	if lang == RU {
		body.RU, title.RU = text, fmt.Sprintf("Предисловие к итогам %d года", year)
	} else {
		body.EN, title.EN = text, fmt.Sprintf("Foreword to the %d review", year)
	}
	return Publication{ID: fmt.Sprintf("foreword-%d-%s", year, lang), Kind: Statement, Section: "foreword",
		Date: NewDate(year, 12, 31), Title: title, Languages: []Lang{lang}, Parts: []PublicationPart{{Body: body}}}
}
