package exchange

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/store"
)

// Feed is an Atom feed (RFC 4287) of publications.
type Feed struct {
	// ID is the feed's permanent IRI.
	ID    string
	Title string
	// Author names who publishes: the organization.
	Author string
	// Link is the page the feed follows; Self is the feed's own address.
	Link, Self string
	Lang       secretariat.Lang
	Entries    []FeedEntry
}

// FeedEntry is one entry of a feed. An entry without a link carries its content: Atom
// requires one or the other (RFC 4287, 4.1.1.1).
type FeedEntry struct {
	ID, Title, Link string
	Updated         time.Time
	Summary         string
	// Content is the entry's whole text, when the feed carries it.
	Content string
	// Categories are terms that classify the entry (a publication's section and kind).
	Categories []string
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Link       *atomLink      `xml:"link,omitempty"`
	Updated    string         `xml:"updated"`
	Categories []atomCategory `xml:"category,omitempty"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   atomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Author  string      `xml:"author>name"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// Write writes the feed. Atom requires an updated time: the feed was updated when
// its newest entry was.
func (f *Feed) Write(w io.Writer) error {
	out := atomFeed{Lang: string(f.Lang), ID: f.ID, Title: atomText{Text: clean(f.Title)}, Author: clean(f.Author)}
	if f.Link != "" {
		out.Links = append(out.Links, atomLink{Rel: "alternate", Type: "text/html", Href: f.Link})
	}
	if f.Self != "" {
		out.Links = append(out.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: f.Self})
	}
	var newest time.Time
	for _, e := range f.Entries {
		if e.Updated.After(newest) {
			newest = e.Updated
		}
		ae := atomEntry{ID: e.ID, Title: atomText{Text: clean(e.Title)}, Updated: e.Updated.UTC().Format(time.RFC3339)}
		if e.Link != "" {
			ae.Link = &atomLink{Rel: "alternate", Type: "text/html", Href: e.Link}
		}
		for _, c := range e.Categories {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Text: clean(e.Summary)}
		}
		if e.Content != "" || e.Link == "" {
			ae.Content = &atomText{Type: "text", Text: clean(e.Content)}
		}
		out.Entries = append(out.Entries, ae)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	out.Updated = newest.UTC().Format(time.RFC3339)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing the Atom feed: %w", err)
	}
	return enc.Close()
}

// clean drops characters XML 1.0 cannot carry, which encoding/xml would otherwise write
// as a replacement character or refuse.
func clean(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		b = append(b, r)
	}
	return string(b)
}

// FeedOptions steer PublicationsFeed.
type FeedOptions struct {
	Lang secretariat.Lang
	// Section keeps one section of the site ("news", "press"…); empty for all.
	Section string
	// Link gives the public address of a record's page, by its kind and ID, or "" for
	// none, as for the calendar (CalendarOptions.Link); Base is the site's public
	// address, for the feed's own link. Without them the feed's IDs are URNs and each
	// entry carries its whole text.
	Link func(kind, id string) string
	Base string
}

// PublicationsFeed builds the Atom feed (RFC 4287) of the publications the viewer may
// see, newest first: each with its title, date, section and kind, its lead as the
// summary and its whole text (lead and sections) as the content, in the language asked
// for (or the other where it has only that one).
func PublicationsFeed(ctx context.Context, st *store.Store, v secretariat.Viewer, opts FeedOptions) (*Feed, error) {
	lang := opts.Lang
	if lang == "" {
		lang = secretariat.EN
	}
	var f store.Filter
	if opts.Section != "" {
		f = store.Where("section", opts.Section)
	}
	pubs, _, err := store.FindAll[secretariat.Publication](ctx, st, v, f)
	if err != nil {
		return nil, err
	}
	// The organization publishes: it is the feed's author, which Atom requires.
	orgs, _, err := store.FindAll[secretariat.Organization](ctx, st, v, store.Filter{Limit: 1})
	if err != nil {
		return nil, err
	}
	author := "secretariat"
	if len(orgs) > 0 {
		author = orgs[0].Name.In(lang)
	}
	title := map[secretariat.Lang]string{secretariat.EN: "Publications", secretariat.RU: "Публикации"}[lang]
	feed := &Feed{ID: "urn:secretariat:publications", Title: author + ": " + title, Author: author, Lang: lang}
	if opts.Section != "" {
		feed.ID += ":" + opts.Section
	}
	if opts.Base != "" {
		feed.ID, feed.Link = opts.Base+"/publications", opts.Base+"/publications"
		if opts.Section != "" {
			feed.ID, feed.Link = opts.Base+"/sections/"+opts.Section, opts.Base+"/sections/"+opts.Section
		}
	}
	slices.SortStableFunc(pubs, func(a, b secretariat.Publication) int { return b.Date.Compare(a.Date) })
	for _, p := range pubs {
		e := FeedEntry{ID: "urn:secretariat:publication:" + p.ID, Title: p.Title.In(lang), Updated: p.Date.Time().Add(12 * time.Hour),
			Summary: p.Lead.In(lang), Categories: slices.Compact([]string{p.Section, string(p.Kind)})}
		if opts.Link != nil {
			if l := opts.Link("publication", p.ID); l != "" {
				e.ID, e.Link = l, l
			}
		}
		var text []string
		if l := p.Lead.In(lang); l != "" {
			text = append(text, l)
		}
		for _, part := range p.Parts {
			if h := part.Heading.In(lang); h != "" {
				text = append(text, h)
			}
			text = append(text, part.Body.In(lang))
		}
		if p.URL != "" {
			text = append(text, p.URL)
		}
		e.Content = strings.Join(text, "\n\n")
		feed.Entries = append(feed.Entries, e)
	}
	return feed, nil
}
