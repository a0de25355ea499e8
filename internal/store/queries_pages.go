package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"secretariat"
)

// The paged listings the web pages need. Each reads only the rows of one page through
// the generated columns' indexes, and counts the total apart, so that a listing costs
// the same on a record of a few dozen sessions and on one of thousands.

// limitClause writes LIMIT and OFFSET; a limit of zero means all.
func limitClause(limit, offset int) string {
	if limit <= 0 {
		return ""
	}
	return " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(offset, 0))
}

// docs reads the doc column of rows into typed records.
func docs[T any](rows *sql.Rows, kind string) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, classify(err, "listing "+kind)
		}
		var v T
		if err := decodeDoc(kind, "", doc, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, classify(rows.Err(), "listing "+kind)
}

// yearBounds returns the first and last day of a year as text, for date BETWEEN.
func yearBounds(year int) (string, string) {
	return fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
}

// SessionFilter selects sessions for a listing.
type SessionFilter struct {
	Body string
	Year int
	// From keeps sessions on or after the date (upcoming ones).
	From secretariat.Date
	// Latest lists the latest sessions first.
	Latest        bool
	Limit, Offset int
}

// FindSessions lists the sessions that match, and how many match in all. Sessions are
// public; their items may not be.
func (s *Store) FindSessions(ctx context.Context, f SessionFilter) ([]secretariat.Session, int, error) {
	var conds []string
	var args []any
	if f.Body != "" {
		conds, args = append(conds, "body = ?"), append(args, f.Body)
	}
	if f.Year != 0 {
		a, b := yearBounds(f.Year)
		conds, args = append(conds, "date BETWEEN ? AND ?"), append(args, a, b)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "date >= ?"), append(args, f.From.String())
	}
	where := "1=1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT count(*) FROM session WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, classify(err, "counting sessions")
	}
	order := "date, id"
	if f.Latest {
		order = "date DESC, id DESC"
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT doc FROM session WHERE `+where+` ORDER BY `+order+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, classify(err, "listing sessions")
	}
	out, err := docs[secretariat.Session](rows, "session")
	return out, total, err
}

// SessionYears lists the years in which a body (any body when empty) met, latest first.
func (s *Store) SessionYears(ctx context.Context, body string) ([]int, error) {
	q, args := `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM session`, []any{}
	if body != "" {
		q, args = q+` WHERE body = ?`, append(args, body)
	}
	return s.ints(ctx, q+` ORDER BY 1 DESC`, args...)
}

func (s *Store) ints(ctx context.Context, q string, args ...any) ([]int, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err, "reading the record")
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, classify(err, "reading the record")
		}
		out = append(out, n)
	}
	return out, classify(rows.Err(), "reading the record")
}

// AgendaCount is what became of a session's items, counting those the viewer may see.
type AgendaCount struct {
	Items   int
	Decided int
	Adopted int
}

// AgendaCounts counts the items of each of the sessions.
func (s *Store) AgendaCounts(ctx context.Context, v secretariat.Viewer, sessions []string) (map[string]AgendaCount, error) {
	out := map[string]AgendaCount{}
	if len(sessions) == 0 {
		return out, nil
	}
	clause, cargs := s.accessClause(v, "")
	args := make([]any, 0, len(sessions)+len(cargs))
	for _, id := range sessions {
		args = append(args, id)
	}
	args = append(args, cargs...)
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT session, count(*),
		sum(CASE WHEN result IS NOT NULL AND result <> 'deferred' THEN 1 ELSE 0 END),
		sum(CASE WHEN result IN ('adopted', 'adopted_limited') THEN 1 ELSE 0 END)
		FROM item WHERE session IN (`+placeholders(len(sessions))+`) AND `+clause+` GROUP BY session`, args...)
	if err != nil {
		return nil, classify(err, "counting agenda items")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c AgendaCount
		if err := rows.Scan(&id, &c.Items, &c.Decided, &c.Adopted); err != nil {
			return nil, classify(err, "counting agenda items")
		}
		out[id] = c
	}
	return out, classify(rows.Err(), "counting agenda items")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// DecisionFilter selects decisions for a listing.
type DecisionFilter struct {
	Body          string
	Year          int
	Kind          secretariat.DecisionKind
	Session       string
	Limit, Offset int
}

// FindDecisions lists the decisions the viewer may see that match, latest first, and
// how many match in all.
func (s *Store) FindDecisions(ctx context.Context, v secretariat.Viewer, f DecisionFilter) ([]secretariat.Decision, int, error) {
	clause, args := s.accessClause(v, "")
	conds := []string{clause}
	if f.Body != "" {
		conds, args = append(conds, "body = ?"), append(args, f.Body)
	}
	if f.Year != 0 {
		conds, args = append(conds, "year = ?"), append(args, f.Year)
	}
	if f.Session != "" {
		conds, args = append(conds, "session = ?"), append(args, f.Session)
	}
	if f.Kind != "" {
		conds, args = append(conds, s.d.jsonText("doc", "kind")+" = ?"), append(args, string(f.Kind))
	}
	where := strings.Join(conds, " AND ")
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, `SELECT count(*) FROM decision WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, classify(err, "counting decisions")
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT doc FROM decision WHERE `+where+` ORDER BY year DESC, body, number DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, classify(err, "listing decisions")
	}
	out, err := docs[secretariat.Decision](rows, "decision")
	return out, total, err
}

// DecisionYears lists the years with decisions the viewer may see, latest first.
func (s *Store) DecisionYears(ctx context.Context, v secretariat.Viewer) ([]int, error) {
	clause, args := s.accessClause(v, "")
	return s.ints(ctx, `SELECT DISTINCT year FROM decision WHERE `+clause+` ORDER BY 1 DESC`, args...)
}

// TaskFilter selects tasks for a listing.
type TaskFilter struct {
	// Responsible is a party: a body ID, "secretariat", a state ID or "all_states". A
	// state is responsible for the tasks set for all states.
	Responsible string
	Status      secretariat.TaskStatus
	// Open keeps the tasks still expected: assigned, in progress or reported.
	Open bool
	// Overdue keeps the tasks overdue on the date On.
	Overdue bool
	// DueBy keeps the tasks due on or before the date.
	DueBy        secretariat.Date
	Session      string
	Decision     string
	Chairmanship string
	// Priority, with Chairmanship, keeps the tasks serving one priority.
	Priority      int
	On            secretariat.Date
	Limit, Offset int
}

// FindTasks lists the tasks the viewer may see that match, the overdue first and then by
// due date, and how many match in all.
func (s *Store) FindTasks(ctx context.Context, v secretariat.Viewer, f TaskFilter) ([]secretariat.Task, int, error) {
	clause, args := s.accessClause(v, "")
	conds := []string{clause}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if f.Session != "" {
		conds, args = append(conds, "session = ?"), append(args, f.Session)
	}
	if f.Decision != "" {
		conds, args = append(conds, "decision = ?"), append(args, f.Decision)
	}
	if f.Chairmanship != "" {
		conds, args = append(conds, "chairmanship = ?"), append(args, f.Chairmanship)
	}
	if f.Open || f.Overdue {
		conds = append(conds, "status IN ('assigned', 'in_progress', 'reported')")
	}
	if !f.DueBy.IsZero() {
		conds, args = append(conds, "due IS NOT NULL AND due <= ?"), append(args, f.DueBy.String())
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT doc FROM task WHERE `+strings.Join(conds, " AND ")+` ORDER BY due IS NULL, due, id`, args...)
	if err != nil {
		return nil, 0, classify(err, "listing tasks")
	}
	all, err := docs[secretariat.Task](rows, "task")
	if err != nil {
		return nil, 0, err
	}
	// The responsible party and the derived overdue status are not columns: they are
	// judged here, over the tasks the indexed conditions left.
	var kept, overdue []secretariat.Task
	for _, t := range all {
		if f.Responsible != "" && !t.Responsible.Includes(f.Responsible) {
			continue
		}
		if f.Priority != 0 && t.Priority.N != f.Priority {
			continue
		}
		late := t.OverdueOn(f.On)
		if f.Overdue && !late {
			continue
		}
		if late {
			overdue = append(overdue, t)
		} else {
			kept = append(kept, t)
		}
	}
	kept = append(overdue, kept...)
	total := len(kept)
	if f.Limit > 0 {
		from := min(max(f.Offset, 0), total)
		kept = kept[from:min(from+f.Limit, total)]
	}
	return kept, total, nil
}

// StateVotes is one page of a state's voting record, latest first, with the counts of
// its stances over the whole record.
type StateVotes struct {
	Counts map[secretariat.Stance]int
	Total  int
	Votes  []VoteLine
}

// VotesOfState reads one page of a state's positions, as the viewer may see them.
func (s *Store) VotesOfState(ctx context.Context, v secretariat.Viewer, state string, limit, offset int) (*StateVotes, error) {
	clause, cargs := s.accessClause(v, "p")
	out := &StateVotes{Counts: map[secretariat.Stance]int{}}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT p.stance, count(*) FROM position p WHERE p.state = ? AND `+clause+` GROUP BY p.stance`,
		append([]any{state}, cargs...)...)
	if err != nil {
		return nil, classify(err, "counting the votes of "+state)
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return nil, classify(err, "counting the votes of "+state)
		}
		out.Counts[secretariat.Stance(st)] = n
		out.Total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err, "counting the votes of "+state)
	}
	// CROSS JOIN keeps the items outside: they are read in date order from their index
	// and each probes the state's position, so a page stops after its rows. A page in
	// the older half is read from the oldest end, so that no page walks more than half
	// the state's record.
	order, reverse := "DESC", false
	if limit > 0 && offset > out.Total/2 {
		order, reverse = "ASC", true
		n := min(limit, out.Total-offset)
		offset, limit = max(out.Total-offset-n, 0), max(n, 0)
	}
	if limit == 0 && reverse {
		return out, nil
	}
	rows, err = s.rd(ctx).QueryContext(ctx, `SELECT i.id, i.date, i.body, coalesce(i.title, ''), p.stance, coalesce(i.result, '')
		FROM item i `+s.d.orderedJoin()+` position p ON p.item = i.id AND p.state = ?
		WHERE `+clause+` ORDER BY i.date `+order+`, i.session `+order+`, i.number `+order+limitClause(limit, offset), append([]any{state}, cargs...)...)
	if err != nil {
		return nil, classify(err, "reading the votes of "+state)
	}
	defer rows.Close()
	for rows.Next() {
		var l VoteLine
		if err := rows.Scan(&l.Item, &l.Date, &l.Body, &l.Title, &l.Stance, &l.Result); err != nil {
			return nil, classify(err, "reading the votes of "+state)
		}
		out.Votes = append(out.Votes, l)
	}
	if reverse {
		slices.Reverse(out.Votes)
	}
	return out, classify(rows.Err(), "reading the votes of "+state)
}

// Section is a section of the publications with how many the viewer may see.
type Section struct {
	Section string
	Count   int
}

// PublicationSections lists the sections of the publications the viewer may see.
func (s *Store) PublicationSections(ctx context.Context, v secretariat.Viewer) ([]Section, error) {
	clause, args := s.accessClause(v, "")
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT section, count(*) FROM publication WHERE `+clause+` GROUP BY section ORDER BY section`, args...)
	if err != nil {
		return nil, classify(err, "listing sections")
	}
	defer rows.Close()
	var out []Section
	for rows.Next() {
		var x Section
		if err := rows.Scan(&x.Section, &x.Count); err != nil {
			return nil, classify(err, "listing sections")
		}
		out = append(out, x)
	}
	return out, classify(rows.Err(), "listing sections")
}

// FileInfo is a stored document: its name, type and content.
type FileInfo struct {
	SHA256    string
	Filename  string
	MediaType string
	Content   []byte
}

// FileFor returns a stored file, if the viewer may see a report or an item that cites it.
func (s *Store) FileFor(ctx context.Context, v secretariat.Viewer, sha string) (*FileInfo, error) {
	cited := false
	for _, kind := range []string{"report", "item"} {
		clause, args := s.accessClause(v, "")
		var n int
		err := s.rd(ctx).QueryRowContext(ctx, `SELECT count(*) FROM `+table(kind)+` WHERE `+s.d.jsonListHas("doc", "documents", "sha256")+` AND `+clause,
			append([]any{sha}, args...)...).Scan(&n)
		if err != nil {
			return nil, classify(err, "looking up file "+sha)
		}
		if n > 0 {
			cited = true
			break
		}
	}
	if !cited {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "there is no document %s in the record", sha)
	}
	f := &FileInfo{SHA256: sha}
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT filename, media_type, content FROM file WHERE sha256 = ?`, sha).Scan(&f.Filename, &f.MediaType, &f.Content)
	if err == sql.ErrNoRows {
		return nil, secretariat.Errorf(secretariat.ENOTFOUND, "the document %s is cited but not stored", sha)
	}
	return f, classify(err, "reading file "+sha)
}

// PublicSummary is what a reader who may not see a decision may know of it: the item it
// was taken on, and its public summary (empty when it has none).
type PublicSummary struct {
	Item    string
	Summary secretariat.Text
}

// HiddenDecisions lists the decisions of a session that the viewer may not see, with
// their public summaries, and nothing else of them.
func (s *Store) HiddenDecisions(ctx context.Context, v secretariat.Viewer, session string) ([]PublicSummary, error) {
	if v.SeesAll() {
		return nil, nil
	}
	clause, args := s.accessClause(v, "")
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT item, coalesce(`+s.d.jsonValue("doc", "public_summary")+`, '{}') FROM decision
		WHERE session = ? AND NOT (`+clause+`)`, append([]any{session}, args...)...)
	if err != nil {
		return nil, classify(err, "reading the decisions of "+session)
	}
	defer rows.Close()
	var out []PublicSummary
	for rows.Next() {
		var p PublicSummary
		var doc []byte
		if err := rows.Scan(&p.Item, &doc); err != nil {
			return nil, classify(err, "reading the decisions of "+session)
		}
		if err := decodeDoc("decision", p.Item, doc, &p.Summary); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, classify(rows.Err(), "reading the decisions of "+session)
}
