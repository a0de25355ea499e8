package exchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The UN General Assembly's recorded votes (Voeten, via the R package unvotes) come in
// two files: un_roll_calls.csv (rcid, session, importantvote, date, unres, amend, para,
// short, descr) and un_votes.csv (rcid, country, country_code, vote). ConvertUNVotes
// joins them into one roll-call CSV, which ImportRollCalls loads.

// ConvertStats says what a conversion wrote.
type ConvertStats struct {
	RollCalls int
	Votes     int
}

// ConvertUNVotes reads the unvotes files in dir and writes a roll-call CSV to w, sorted by
// roll call, with body as the body column. A roll call's title is its resolution
// number and short description ("R/69/5: Cuba embargo").
func ConvertUNVotes(dir, body string, w io.Writer) (ConvertStats, error) {
	var st ConvertStats
	calls, err := readCSV(filepath.Join(dir, "un_roll_calls.csv"), []string{"rcid", "date", "unres", "short", "descr"})
	if err != nil {
		return st, err
	}
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
	votes, err := readCSV(filepath.Join(dir, "un_votes.csv"), []string{"rcid", "country", "country_code", "vote"})
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
	col   map[string]int
	rows  [][]string
	lines []int
}

// readCSV reads a whole CSV file and checks that it has the named columns.
func readCSV(path string, need []string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the UN votes: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header: %w", path, err)
	}
	t := &table{col: map[string]int{}}
	for i, h := range header {
		t.col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, n := range need {
		if _, ok := t.col[n]; !ok {
			return nil, fmt.Errorf("%s: no column %q; is this the unvotes data?", path, n)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}
