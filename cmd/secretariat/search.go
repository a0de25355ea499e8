package main

import (
	"fmt"
	"strconv"
	"strings"

	"secretariat"
	"secretariat/internal/search"
	"secretariat/internal/store"
)

func init() {
	register(command{name: "search", summary: `find records by their words, in Russian and English: "phrases", -word, OR; --kind, --body, --year, --state, --status`, run: runSearch})
	register(command{name: "reindex", summary: "rebuild the full-text search index from the records", run: runReindex,
		stopped: "the reindex is one transaction: the index is as it was"})
}

func runSearch(e *env, args []string) error {
	f := newFlags(e, "search", `QUERY [--kind K] [--lang ru|en] [--body B] [--year Y] [--state XX] [--status S] [--limit N] [--json]`).withJSON().withViewer().withLang()
	kind := f.String("kind", "", "search one kind of record: "+strings.Join(store.SearchKinds(), ", "))
	only := f.String("in", "", "match only words in this language (ru or en); --lang chooses the language shown")
	body := f.String("body", "", "records of this body")
	year := f.Int("year", 0, "records of this year")
	state := f.String("state", "", "records that name this member state")
	status := f.String("status", "", "records in this status or result (a task's status, an item's result)")
	class := f.String("classification", "", "records of this classification (public, restricted, confidential)")
	limit := f.Int("limit", 20, "show at most this many results (1–100)")
	pos, err := f.parse(args, 1, -1)
	if err != nil {
		return err
	}
	q, err := search.Parse(strings.Join(pos, " "))
	if err != nil {
		return usagef("%s", secretariat.ErrorMessage(err))
	}
	var in secretariat.Lang
	if *only != "" {
		if in, err = secretariat.ParseLang(*only); err != nil {
			return usagef("--in: %s", secretariat.ErrorMessage(err))
		}
	}
	if *limit < 1 || *limit > 100 {
		return usagef("--limit is between 1 and 100")
	}
	st, err := f.open()
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Search(e.ctx, f.reader(), q, store.SearchFilter{Kind: *kind, Body: *body, Year: *year, State: *state,
		Status: *status, Classification: *class, Lang: in, Show: f.language(), Limit: *limit})
	if err != nil {
		return err
	}
	if f.json {
		out := map[string]any{"total": res.Total, "hits": res.Hits}
		if res.More {
			out["more"] = true
		}
		return writeJSON(e.stdout, out)
	}
	lang := f.language()
	if res.Total == 0 {
		fmt.Fprintln(e.stdout, secretariat.T("Ничего не найдено.", "Nothing found.").In(lang))
		return nil
	}
	for _, h := range res.Hits {
		kind := h.Kind
		if k, ok := secretariat.LookupKind(h.Kind); ok {
			kind = k.Title.In(lang)
		}
		fmt.Fprintf(e.stdout, "%s %s: %s\n", kind, h.ID, h.Title.In(lang))
		if len(h.Snippet) > 0 {
			var b strings.Builder
			for _, s := range h.Snippet {
				if s.Hit {
					b.WriteString("«" + s.Text + "»")
				} else {
					b.WriteString(s.Text)
				}
			}
			fmt.Fprintf(e.stdout, "    %s\n", b.String())
		}
	}
	shown := strconv.Itoa(len(res.Hits))
	if res.More {
		fmt.Fprintf(e.stdout, "\n%s\n", secretariat.T(fmt.Sprintf("Показано %s из более чем %d: уточните запрос.", shown, res.Total),
			fmt.Sprintf("%s of more than %d shown: narrow the query.", shown, res.Total)).In(lang))
		return nil
	}
	fmt.Fprintf(e.stdout, "\n%s\n", secretariat.T(fmt.Sprintf("Показано %s из %d.", shown, res.Total), fmt.Sprintf("%s of %d shown.", shown, res.Total)).In(lang))
	return nil
}

func runReindex(e *env, args []string) error {
	f := newFlags(e, "reindex", "[--db FILE]")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	st, err := f.openWrite(false)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Reindex(e.ctx, func(done, _ int64) {
		if done%5000 == 0 {
			fmt.Fprintf(e.stderr, "reindex: %s\n", nEN(done, "record", "records"))
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reindexed %s\n", nEN(n, "record", "records"))
	return nil
}
