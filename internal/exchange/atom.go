package exchange

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"secretariat"
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

// FeedEntry is one entry of a feed.
type FeedEntry struct {
	ID, Title, Link string
	Updated         time.Time
	Summary         string
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
	ID      string    `xml:"id"`
	Title   atomText  `xml:"title"`
	Link    atomLink  `xml:"link"`
	Updated string    `xml:"updated"`
	Summary *atomText `xml:"summary,omitempty"`
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
	out := atomFeed{Lang: string(f.Lang), ID: f.ID, Title: atomText{Text: clean(f.Title)}, Author: clean(f.Author),
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: f.Link}, {Rel: "self", Type: "application/atom+xml", Href: f.Self}}}
	var newest time.Time
	for _, e := range f.Entries {
		if e.Updated.After(newest) {
			newest = e.Updated
		}
		ae := atomEntry{ID: e.ID, Title: atomText{Text: clean(e.Title)}, Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.Link},
			Updated: e.Updated.UTC().Format(time.RFC3339)}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Text: clean(e.Summary)}
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
