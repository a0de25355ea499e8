package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/exchange"
	"secretariat/internal/store"
)

// PublicationsPage lists publications, newest first, with the sections.
type PublicationsPage struct {
	*Base
	Publications []secretariat.Publication
	Pager        Pager
	Sections     []store.Section
	// Section is the section shown, or "" for all.
	Section string
}

func (a *App) publications(w http.ResponseWriter, r *http.Request) error {
	return a.publicationList(w, r, "")
}

func (a *App) section(w http.ResponseWriter, r *http.Request) error {
	return a.publicationList(w, r, r.PathValue("section"))
}

func (a *App) publicationList(w http.ResponseWriter, r *http.Request, section string) error {
	b, err := a.base(r, "", "publications")
	if err != nil {
		return err
	}
	ctx, v := r.Context(), viewer(r)
	p := &PublicationsPage{Base: b, Section: section}
	if p.Sections, err = a.st.PublicationSections(ctx, v); err != nil {
		return err
	}
	f := store.Filter{}
	b.Title = b.T("Publications")
	if section != "" {
		known := false
		for _, s := range p.Sections {
			known = known || s.Section == section
		}
		if !known {
			return secretariat.Errorf(secretariat.ENOTFOUND, "there is no section %q", section)
		}
		f = store.Where("section", section)
		b.Title = b.Label("publication_section", section)
		b.Feed = b.Href("/sections/" + section + "/feed.atom")
	}
	page := pageParam(r)
	f.Limit, f.Offset = perPage, (page-1)*perPage
	var total int
	if p.Publications, total, err = store.FindAll[secretariat.Publication](ctx, a.st, v, f); err != nil {
		return err
	}
	if p.Pager, err = b.pager(page, perPage, total, "publication"); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "publications.html", p)
}

// PublicationPage is one publication with its parts, video link and the records it
// speaks of.
type PublicationPage struct {
	*Base
	Pub     secretariat.Publication
	About   []RecordLink
	Sources []secretariat.Source
}

// RecordLink is a link to a record with its title in the reader's language.
type RecordLink struct {
	Kind, ID, Title string
}

func (a *App) publication(w http.ResponseWriter, r *http.Request) error {
	ctx, v, id := r.Context(), viewer(r), r.PathValue("id")
	pub, err := store.FindByID[secretariat.Publication](ctx, a.st, v, id)
	if err != nil {
		return err
	}
	b, err := a.base(r, "", "publications")
	if err != nil {
		return err
	}
	b.Title = pub.Title.In(b.Lang)
	b.Feed = b.Href("/sections/" + pub.Section + "/feed.atom")
	p := &PublicationPage{Base: b, Pub: *pub}
	for _, ref := range pub.About {
		title, err := a.recordTitle(ctx, v, b, ref.Kind, ref.ID)
		if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
			continue // a record the reader may not see is not named
		}
		if err != nil {
			return err
		}
		p.About = append(p.About, RecordLink{Kind: ref.Kind, ID: ref.ID, Title: title})
	}
	if p.Sources, err = a.sources(ctx, pub.Sources); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "publication.html", p)
}

// recordTitle names any record for a link: its title, name or code name, in the
// reader's language; ENOTFOUND when the reader may not see it.
func (a *App) recordTitle(ctx context.Context, v secretariat.Viewer, b *Base, kind, id string) (string, error) {
	if _, ok := secretariat.LookupKind(kind); !ok {
		return "", secretariat.Errorf(secretariat.ENOTFOUND, "%q is not a kind of record", kind)
	}
	doc, err := a.st.Get(ctx, v, kind, id)
	if err != nil {
		return "", err
	}
	var named struct {
		Title, Name, CodeName, Text secretariat.Text
		State, Body                 string
		Date                        secretariat.Date
		Kind                        string
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(doc, &raw); err != nil {
		return "", err
	}
	for key, dst := range map[string]any{"title": &named.Title, "name": &named.Name, "code_name": &named.CodeName, "text": &named.Text,
		"state": &named.State, "body": &named.Body, "date": &named.Date, "kind": &named.Kind} {
		if v, ok := raw[key]; ok {
			json.Unmarshal(v, dst) // a field of another shape is not a name; it is skipped
		}
	}
	switch {
	case kind == "session":
		var s secretariat.Session
		if err := json.Unmarshal(doc, &s); err != nil {
			return "", err
		}
		return b.SessionTitle(s) + ", " + b.Date(s.Date), nil
	case kind == "chairmanship":
		return b.Tf("Chairmanship of %s", b.StateName(named.State)), nil
	case !named.Title.IsZero():
		return named.Title.In(b.Lang), nil
	case !named.Name.IsZero():
		return named.Name.In(b.Lang), nil
	case !named.CodeName.IsZero():
		return b.Tf("Operation “%s”", named.CodeName.In(b.Lang)), nil
	case !named.Text.IsZero():
		return named.Text.In(b.Lang), nil
	}
	return id, nil
}

// feed serves a section's Atom feed.
func (a *App) feed(w http.ResponseWriter, r *http.Request) error {
	ctx, v, section := r.Context(), viewer(r), r.PathValue("section")
	b, err := a.base(r, "", "publications")
	if err != nil {
		return err
	}
	pubs, total, err := store.FindAll[secretariat.Publication](ctx, a.st, v, store.Filter{Where: store.Where("section", section).Where, Limit: 50})
	if err != nil {
		return err
	}
	if total == 0 {
		return secretariat.Errorf(secretariat.ENOTFOUND, "there is no section %q", section)
	}
	base := strings.TrimSuffix(a.BaseURL, "/")
	// An entry's ID must be an absolute IRI that never changes: the page's address at
	// the site's public address, or without one a URN of the record.
	id := func(path string) string {
		if base != "" {
			return base + path
		}
		return "urn:secretariat:" + strings.ReplaceAll(strings.TrimPrefix(path, "/"), "/", ":")
	}
	f := exchange.Feed{ID: id("/sections/" + section), Title: b.OrgShort() + ": " + b.Label("publication_section", section), Author: b.OrgName(),
		Link: base + b.Href("/sections/"+section), Self: base + r.URL.RequestURI(), Lang: b.Lang}
	for _, p := range pubs {
		e := exchange.FeedEntry{ID: id(RecordPath("publication", p.ID)), Title: p.Title.In(b.Lang), Link: base + b.Rec("publication", p.ID),
			Updated: p.Date.Time().Add(12 * time.Hour), Summary: p.Lead.In(b.Lang)}
		if e.Summary == "" && len(p.Parts) > 0 {
			e.Summary = p.Parts[0].Body.In(b.Lang)
		}
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, err = buf.WriteTo(w)
	return err
}
