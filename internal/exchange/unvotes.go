package exchange

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/safetext"
)

// The UN General Assembly's recorded votes (Voeten, via the R package unvotes) come in
// two files: un_roll_calls.csv (rcid, session, importantvote, date, unres, amend, para,
// short, descr) and un_votes.csv (rcid, country, country_code, vote). ConvertUNVotes
// joins them into one roll-call CSV, which ImportRollCalls loads.

// ConvertStats says what a conversion wrote.
type ConvertStats struct {
	RollCalls int
	Votes     int
	// Blanked are the lines of un_roll_calls.csv whose descriptions held control
	// characters, and how many each held; they became spaces (see ConvertUNVotes).
	Blanked []BlankedLine
}

// BlankedLine is a line whose free text held control characters, replaced by spaces.
type BlankedLine struct {
	Line  int `json:"line"`
	Count int `json:"count"`
}

// ConvertUNVotes reads the unvotes files in dir and writes a roll-call CSV to w, sorted by
// roll call, with body as the body column. A roll call's title is its resolution
// number and short description ("R/69/5: Cuba embargo").
//
// It refuses, naming the file and line, what would otherwise come out changed or not at
// all: a file larger than MaxUNFileBytes, a record longer than MaxRecordBytes, bytes that
// are not UTF-8, control characters and bidirectional overrides, and files with no roll
// call or no vote. One exception, said in the stats: the descriptions (short, descr) are
// text extracted from the Assembly's PDF records, and eight of them hold a backspace
// where a page break was; in those two columns every control character becomes a space,
// as their line breaks and runs of spaces already do. It stops when ctx is cancelled.
func ConvertUNVotes(ctx context.Context, dir, body string, w io.Writer) (ConvertStats, error) {
	callsFile, err := os.Open(filepath.Join(dir, "un_roll_calls.csv"))
	if err != nil {
		return ConvertStats{}, fmt.Errorf("reading the UN votes: %w", err)
	}
	defer callsFile.Close()
	votesFile, err := os.Open(filepath.Join(dir, "un_votes.csv"))
	if err != nil {
		return ConvertStats{}, fmt.Errorf("reading the UN votes: %w", err)
	}
	defer votesFile.Close()
	return convertUN(ctx, callsFile, votesFile, body, w)
}

// convertUN is ConvertUNVotes on the two files' contents.
func convertUN(ctx context.Context, callsIn, votesIn io.Reader, body string, w io.Writer) (ConvertStats, error) {
	var st ConvertStats
	calls, err := readTable(ctx, callsIn, "un_roll_calls.csv", []string{"rcid", "date", "unres", "short", "descr"}, "short", "descr")
	if err != nil {
		return st, err
	}
	st.Blanked = calls.blanked
	type call struct{ date, title string }
	byID := map[string]call{}
	for _, c := range calls.rows {
		title := c[calls.col["short"]]
		if title == "" {
			title = c[calls.col["descr"]]
		}
		title = strings.Join(strings.Fields(title), " ")
		if r := []rune(title); len(r) > 300 {
			title = string(r[:299]) + "…"
		}
		if res := c[calls.col["unres"]]; res != "" {
			title = res + ": " + title
		}
		byID[c[calls.col["rcid"]]] = call{date: c[calls.col["date"]], title: title}
	}
	votes, err := readTable(ctx, votesIn, "un_votes.csv", []string{"rcid", "country", "country_code", "vote"})
	if err != nil {
		return st, err
	}
	rows := votes.rows
	rcid := votes.col["rcid"]
	for i, v := range rows {
		if _, err := strconv.Atoi(v[rcid]); err != nil {
			return st, fmt.Errorf("un_votes.csv line %d: rcid %q is not a number; is this the unvotes data?", votes.lines[i], v[rcid])
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, _ := strconv.Atoi(rows[i][rcid]) // checked above
		b, _ := strconv.Atoi(rows[j][rcid])
		return a < b
	})
	cw := csv.NewWriter(w)
	if err := cw.Write(RollCallColumns); err != nil {
		return st, err
	}
	last := ""
	for i, v := range rows {
		if i%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return st, err
			}
		}
		id := v[rcid]
		c, ok := byID[id]
		if !ok {
			return st, fmt.Errorf("un_votes.csv line %d: roll call %s is not in un_roll_calls.csv", votes.lines[i], id)
		}
		if id != last {
			st.RollCalls++
			last = id
		}
		st.Votes++
		if err := cw.Write([]string{id, c.date, body, c.title, v[votes.col["country_code"]], v[votes.col["country"]], v[votes.col["vote"]]}); err != nil {
			return st, err
		}
	}
	cw.Flush()
	return st, cw.Error()
}

type table struct {
	col     map[string]int
	rows    [][]string
	lines   []int
	blanked []BlankedLine
}

// readTable reads a whole CSV file, called name, and checks that it has the named
// columns, that its text is clean, and that it has a line besides the header. In the
// columns named by blank, control characters become spaces (and are counted) instead of
// being refused.
func readTable(ctx context.Context, in io.Reader, name string, need []string, blank ...string) (*table, error) {
	r := csv.NewReader(newCSVGuard(ctx, in, MaxUNFileBytes, name))
	header, err := r.Read()
	if err == io.EOF {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s is empty; is this the unvotes data?", name)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s line 1: cannot read the header: %v", name, pe.Err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &table{col: map[string]int{}}
	for i, h := range header {
		if p := textProblem("the header", h); p != "" {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s line 1: %s", name, p)
		}
		t.col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, n := range need {
		if _, ok := t.col[n]; !ok {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s: no column %q; is this the unvotes data?", name, n)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.As(err, &pe) {
			return nil, secretariat.Errorf(secretariat.EINVALID, "%s line %d: not valid CSV: %v", name, pe.StartLine, pe.Err)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		blanked := 0
		for i, v := range rec {
			if slices.Contains(blank, header[i]) && utf8.ValidString(v) {
				var n int
				rec[i], n = safetext.Blank(v)
				blanked += n
				continue
			}
			if p := textProblem(header[i], v); p != "" {
				return nil, secretariat.Errorf(secretariat.EINVALID, "%s line %d: %s", name, line, p)
			}
		}
		if blanked > 0 {
			t.blanked = append(t.blanked, BlankedLine{Line: line, Count: blanked})
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	if len(t.rows) == 0 {
		return nil, secretariat.Errorf(secretariat.EINVALID, "%s has a header and nothing else: there is nothing to convert", name)
	}
	return t, nil
}
