package ui

import (
	"net/http"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/search"
	"secretariat/internal/store"
)

// SearchPage is the full-text search: the query, the filters, and the records found.
type SearchPage struct {
	*Base
	Query string
	Kind  string
	Year  string
	Kinds []string
	// Problem says why the query cannot be run, in the reader's language.
	Problem string
	Hits    []store.SearchHit
	Total   int
	// More says that more records match than Total, which is the most a search counts.
	More  bool
	Pager Pager
}

// searchPerPage is how many results a page of the search shows.
const searchPerPage = 20

func (a *App) search(w http.ResponseWriter, r *http.Request) error {
	b, err := a.base(r, "", "search")
	if err != nil {
		return err
	}
	b.Title = b.T("Search")
	qp := r.URL.Query()
	p := &SearchPage{Base: b, Query: strings.TrimSpace(qp.Get("q")), Kind: qp.Get("kind"), Year: qp.Get("year"), Kinds: store.SearchKinds()}
	if p.Query == "" {
		p.Pager, _ = b.pager(1, searchPerPage, 0, "record")
		return a.render(w, r, http.StatusOK, "search.html", p)
	}
	refuse := func(err error) error {
		p.Problem = localizeError(b.Lang, err)
		p.Pager, _ = b.pager(1, searchPerPage, 0, "record")
		return a.render(w, r, http.StatusBadRequest, "search.html", p)
	}
	q, err := search.Parse(p.Query)
	if err != nil {
		return refuse(err)
	}
	f := store.SearchFilter{Kind: p.Kind, Show: b.Lang, Limit: searchPerPage}
	if p.Year != "" {
		if f.Year, err = strconv.Atoi(p.Year); err != nil {
			return refuse(secretariat.Errorf(secretariat.EINVALID, "%q is not a year", p.Year))
		}
	}
	page := pageParam(r)
	f.Offset = (page - 1) * searchPerPage
	res, err := a.st.Search(r.Context(), viewer(r), q, f)
	if err != nil {
		if secretariat.ErrorCode(err) == secretariat.EINVALID {
			return refuse(err)
		}
		return err
	}
	p.Hits, p.Total, p.More = res.Hits, res.Total, res.More
	if p.Pager, err = b.pager(page, searchPerPage, p.Total, "record"); err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, "search.html", p)
}
