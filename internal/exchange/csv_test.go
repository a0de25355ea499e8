package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
)

// The CSV export writes every file CSVTables lists and columns.csv, which describes them, as RFC 4180 says (CRLF, UTF-8, a
// header, every row as long as it), with a row per record the reader may see and a row
// per element of each list, and nothing the reader may not see.
func TestTheCSVExportOfTheDemo(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	for _, v := range []secretariat.Viewer{secretariat.Secretariat, secretariat.Anonymous} {
		var sum CSVSummary
		dir := exportTo(t, func(create func(string) (io.WriteCloser, error)) (err error) {
			sum, err = ExportCSV(ctx, st, v, create)
			return err
		})
		rows := map[string][][]string{}
		for _, table := range CSVTables() {
			b, err := os.ReadFile(filepath.Join(dir, table.Name+".csv"))
			check(t, err)
			if !utf8.Valid(b) || !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
				t.Fatalf("%s.csv is not UTF-8 with CRLF line ends", table.Name)
			}
			r := csv.NewReader(bytes.NewReader(b))
			recs, err := r.ReadAll() // every row as long as the header, or an error
			check(t, err)
			if !slices.Equal(recs[0], table.Columns) {
				t.Fatalf("%s.csv's header is %v, not %v", table.Name, recs[0], table.Columns)
			}
			rows[table.Name] = recs[1:]
			has := strings.Contains(string(b), "secret document")
			if (v == secretariat.Anonymous && has) || (v == secretariat.Secretariat && table.Name == "item" && !has) {
				t.Fatalf("%v: %s.csv holds a restricted item, or the secretariat's lacks it", v, table.Name)
			}
		}
		for _, k := range secretariat.Kinds() {
			_, total, err := st.Find(ctx, v, k.Name, store.Filter{Limit: 1})
			check(t, err)
			if len(rows[k.Name]) != total || sum[k.Name] != total {
				t.Fatalf("%v: %s.csv has %d rows (summary %d), the reader sees %d", v, k.Name, len(rows[k.Name]), sum[k.Name], total)
			}
		}
		columns := readCSV(t, filepath.Join(dir, "columns.csv"))
		var want [][]string
		for _, table := range CSVTables() {
			for i, c := range table.Columns {
				want = append(want, []string{table.Name + ".csv", c, table.Types[i], table.Kind})
			}
		}
		if !slices.EqualFunc(columns[1:], want, slices.Equal) || len(want) < 200 {
			t.Fatalf("columns.csv does not describe every column of every file: %d rows, %d columns", len(columns)-1, len(want))
		}
		for _, row := range columns[1:] {
			lang := map[string]string{"title_ru": "text in Russian", "title_en": "text in English"}[row[1]]
			if row[2] == "" || lang != "" && row[2] != lang {
				t.Fatalf("columns.csv says %s of %s holds %q", row[1], row[0], row[2])
			}
		}
		if i := slices.IndexFunc(columns, func(r []string) bool { return r[0] == "item.csv" && r[1] == "date" }); i < 0 || columns[i][2] != "date, YYYY-MM-DD" {
			t.Fatalf("columns.csv does not say item.csv's date is a date")
		}
		decisions, _, err := store.FindAll[secretariat.Decision](ctx, st, v, store.Filter{})
		check(t, err)
		signatures := 0
		for _, d := range decisions {
			signatures += len(d.Signatures)
		}
		if len(rows["decision_signatures"]) != signatures || signatures == 0 {
			t.Fatalf("%v: %d rows of signatures, the decisions have %d", v, len(rows["decision_signatures"]), signatures)
		}
	}
}

// readCSV reads a whole CSV file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	check(t, err)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	check(t, err)
	return recs
}

// The Atom feed of the publications has what RFC 4287 requires of a feed and of every
// entry (an ID, a title, an update time, an author; a link or the content), read back by
// encoding/xml.
func TestTheAtomFeedOfThePublications(t *testing.T) {
	ctx := context.Background()
	st := testrecord.SharedDemo(t)
	for _, opts := range []FeedOptions{{Lang: secretariat.EN}, {Lang: secretariat.RU, Section: "news", Base: "https://record.example.org",
		Link: func(kind, id string) string { return "https://record.example.org/records/" + kind + "/" + id }}} {
		f, err := PublicationsFeed(ctx, st, secretariat.Anonymous, opts)
		check(t, err)
		var buf bytes.Buffer
		check(t, f.Write(&buf))
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			ID      string   `xml:"id"`
			Title   string   `xml:"title"`
			Updated string   `xml:"updated"`
			Author  string   `xml:"author>name"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Link    *struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Content *string `xml:"content"`
			} `xml:"entry"`
		}
		check(t, xml.Unmarshal(buf.Bytes(), &feed))
		if feed.ID == "" || feed.Title == "" || feed.Updated == "" || feed.Author == "" || len(feed.Entries) == 0 {
			t.Fatalf("the feed lacks what Atom requires: %+v", feed)
		}
		for _, e := range feed.Entries {
			if e.ID == "" || e.Title == "" || e.Updated == "" || (e.Link == nil && e.Content == nil) {
				t.Fatalf("an entry lacks what Atom requires: %+v", e)
			}
			if opts.Link != nil && (e.Link == nil || !strings.HasPrefix(e.Link.Href, "https://record.example.org/records/publication/")) {
				t.Fatalf("an entry is not linked to its page: %+v", e)
			}
		}
	}
}
