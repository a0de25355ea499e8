package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/gabriel-vasile/mimetype"

	"secretariat"
)

// SetTask records a mandate that an adopted decision sets. The task takes its session and
// date from the decision and starts as assigned. Tasks it supersedes or merges become
// superseded in the same transaction; a renewal leaves the earlier task as it is.
func (s *Store) SetTask(ctx context.Context, t secretariat.Task) (Entry, error) {
	return s.run(ctx, "SetTask", func(tx *Tx) error {
		var d secretariat.Decision
		if err := tx.Get("decision", t.Decision, &d); err != nil {
			return err
		}
		t.Session, t.SetOn = d.Session, d.Date
		if t.Status == "" {
			t.Status = secretariat.TaskAssigned
		}
		if t.Status != secretariat.TaskAssigned || t.Progress != 0 {
			return secretariat.Errorf(secretariat.EINVALID, "a new task starts as assigned with no progress; progress comes from implementation reports")
		}
		if t.ID == "" {
			var n int
			if err := tx.QueryRow(`SELECT count(*) + 1 FROM task WHERE decision = ?`, d.ID).Scan(&n); err != nil {
				return classify(err, "numbering the task")
			}
			t.ID = fmt.Sprintf("%s-t%d", d.ID, n)
		}
		if !t.Priority.IsZero() {
			var ch secretariat.Chairmanship
			if err := tx.Get("chairmanship", t.Priority.Chairmanship, &ch); err != nil {
				return err
			}
			if t.Priority.N > len(ch.Priorities) {
				return &secretariat.Error{Code: secretariat.EINVALID, Message: "no such priority",
					Fields: map[string]string{"priority.n": fmt.Sprintf("chairmanship %s has %d priorities", ch.ID, len(ch.Priorities))}}
			}
		}
		tx.Primary("task", t.ID)
		if err := tx.Insert(&t); err != nil {
			return err
		}
		for _, l := range t.Links {
			if l.Relation == secretariat.Renews {
				continue
			}
			for _, id := range l.Tasks {
				var old secretariat.Task
				if err := tx.Get("task", id, &old); err != nil {
					return err
				}
				if err := secretariat.MoveTask(&old, secretariat.TaskSuperseded); err != nil {
					return err
				}
				if err := tx.Put(&old); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// MaxFileSize is the largest document that can be attached to a report.
const MaxFileSize = 10 << 20

// allowedTypes are the media types a document may have, as judged from its content by
// mimetype (which tells a Word or OpenDocument file from any other zip, and CSV from
// other text). Only the detected type itself counts, not the types it descends from:
// HTML descends from text/plain, and must not pass as text.
var allowedTypes = []string{
	"application/pdf", "text/plain", "text/csv", "image/png", "image/jpeg",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
	"application/msword", "application/vnd.ms-excel",
}

// documentType judges a document's media type from its content, and refuses a type that
// is not allowed.
func documentType(name string, content []byte) (string, error) {
	mt := mimetype.Detect(content)
	if slices.ContainsFunc(allowedTypes, mt.Is) {
		t, _, _ := strings.Cut(mt.String(), ";")
		return t, nil
	}
	return "", &secretariat.Error{Code: secretariat.EINVALID,
		Message: fmt.Sprintf("document %q is of type %s, which is not allowed; attach PDF, plain text, CSV, PNG, JPEG or an office document (Word, Excel, PowerPoint, OpenDocument)", name, mt.String()),
		Fields:  map[string]string{"documents": "type " + mt.String() + " is not allowed"}}
}

// File is a document attached to a report.
type File struct {
	Name    string
	Content []byte
}

// storeFile keeps a file by its SHA-256 and returns its reference. It refuses an
// over-size file or a type that is not allowed, judged by content, not by name.
func (tx *Tx) storeFile(f File) (secretariat.DocumentRef, error) {
	if len(f.Content) == 0 {
		return secretariat.DocumentRef{}, secretariat.Errorf(secretariat.EINVALID, "document %q is empty", f.Name)
	}
	if len(f.Content) > MaxFileSize {
		return secretariat.DocumentRef{}, secretariat.Errorf(secretariat.EINVALID, "document %q is %d bytes; the limit is %d (10 MiB)", f.Name, len(f.Content), MaxFileSize)
	}
	mt, err := documentType(f.Name, f.Content)
	if err != nil {
		return secretariat.DocumentRef{}, err
	}
	sum := sha256.Sum256(f.Content)
	h := hex.EncodeToString(sum[:])
	// A file is kept once, by its content: a second report citing the same content keeps
	// the first's name, and its entry names no file, since it stored none.
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO file(sha256, filename, media_type, size, content) VALUES (?,?,?,?,?)
		ON CONFLICT(sha256) DO NOTHING`, h, f.Name, mt, len(f.Content), f.Content)
	if err != nil {
		return secretariat.DocumentRef{}, classify(err, "storing "+f.Name)
	}
	if n, err := res.RowsAffected(); err == nil && n == 1 {
		tx.files = append(tx.files, FileMeta{Filename: f.Name, MediaType: mt, SHA256: h, Size: int64(len(f.Content))})
	}
	return secretariat.DocumentRef{SHA256: h, Title: secretariat.Text{EN: f.Name, Authentic: secretariat.EN}}, nil
}

// ReportImplementation adds an implementation report to a task, stores its documents,
// and moves the task on: a report of 100% makes it reported, anything less in progress.
func (s *Store) ReportImplementation(ctx context.Context, r secretariat.ImplementationReport, files []File) (Entry, error) {
	return s.run(ctx, "ReportImplementation", func(tx *Tx) error {
		var t secretariat.Task
		if err := tx.Get("task", r.Task, &t); err != nil {
			return err
		}
		if t.Status.Final() {
			return secretariat.Errorf(secretariat.ECONFLICT, "task %s is %s: no more reports are taken on it", t.ID, t.Status)
		}
		if r.Date.Before(t.SetOn) {
			return &secretariat.Error{Code: secretariat.EINVALID, Message: "the report is dated before the task was set",
				Fields: map[string]string{"date": "before " + t.SetOn.String()}}
		}
		if !t.Responsible.Includes(r.SpeaksFor) {
			return &secretariat.Error{Code: secretariat.EINVALID, Message: fmt.Sprintf("%s is not responsible for task %s", r.SpeaksFor, t.ID),
				Fields: map[string]string{"speaks_for": "responsible: " + strings.Join(t.Responsible.Parties(), ", ")}}
		}
		if r.ID == "" {
			var n int
			if err := tx.QueryRow(`SELECT count(*) + 1 FROM report WHERE task = ?`, t.ID).Scan(&n); err != nil {
				return classify(err, "numbering the report")
			}
			r.ID = fmt.Sprintf("%s-r%d", t.ID, n)
		}
		r.Documents = slices.Clone(r.Documents)
		for _, f := range files {
			ref, err := tx.storeFile(f)
			if err != nil {
				return err
			}
			r.Documents = append(r.Documents, ref)
		}
		if r.Access.Classification == "" {
			r.Access = t.Access
		}
		tx.Primary("report", r.ID)
		if err := tx.Insert(&r); err != nil {
			return err
		}
		to := secretariat.TaskInProgress
		if r.Progress == 100 {
			to = secretariat.TaskReported
		}
		if t.Status != to {
			if err := secretariat.MoveTask(&t, to); err != nil {
				return err
			}
		}
		t.Progress = r.Progress
		return tx.Put(&t)
	})
}

// FulfilTask records that the responsible body accepted a task as fulfilled.
func (s *Store) FulfilTask(ctx context.Context, taskID string) (Entry, error) {
	return s.moveTask(ctx, "FulfilTask", taskID, secretariat.TaskFulfilled)
}

// CancelTask records that a task was cancelled.
func (s *Store) CancelTask(ctx context.Context, taskID string) (Entry, error) {
	return s.moveTask(ctx, "CancelTask", taskID, secretariat.TaskCancelled)
}

// ReturnTask sends a reported task back to work.
func (s *Store) ReturnTask(ctx context.Context, taskID string) (Entry, error) {
	return s.moveTask(ctx, "ReturnTask", taskID, secretariat.TaskInProgress)
}

func (s *Store) moveTask(ctx context.Context, verb, taskID string, to secretariat.TaskStatus) (Entry, error) {
	return s.run(ctx, verb, func(tx *Tx) error {
		var t secretariat.Task
		if err := tx.Get("task", taskID, &t); err != nil {
			return err
		}
		if err := secretariat.MoveTask(&t, to); err != nil {
			return err
		}
		if to == secretariat.TaskFulfilled {
			t.Progress = 100
		}
		return tx.Put(&t)
	})
}

// TakeChair records a chairmanship that is not a hand-over from an earlier one in the
// record: the first chair a record knows.
func (s *Store) TakeChair(ctx context.Context, c secretariat.Chairmanship) (Entry, error) {
	return s.run(ctx, "TakeChair", func(tx *Tx) error {
		if err := tx.requireMember(c.State, c.Body, c.From, "state"); err != nil {
			return err
		}
		return tx.Insert(&c)
	})
}

// HandOver is what HandOverChairmanship takes.
type HandOver struct {
	// Session is the session at which the chair passes; its date starts the new term.
	Session string
	// To is the next chair; empty means the next state in the body's rotation.
	To string
	// ID of the new chairmanship; empty gives BODY-STATE-YEAR.
	ID string
	secretariat.Provenance
}

// HandOverChairmanship ends the current chairmanship of the session's body the day
// before the session and starts the next at the session.
func (s *Store) HandOverChairmanship(ctx context.Context, h HandOver) (Entry, error) {
	return s.run(ctx, "HandOverChairmanship", func(tx *Tx) error {
		var ses secretariat.Session
		if err := tx.Get("session", h.Session, &ses); err != nil {
			return err
		}
		var cur secretariat.Chairmanship
		var doc []byte
		err := tx.QueryRow(`SELECT doc FROM chairmanship WHERE body = ? AND `+s.d.jsonText("doc", "until")+` IS NULL ORDER BY "from" DESC LIMIT 1`, ses.Body).Scan(&doc)
		if err == sql.ErrNoRows {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s has no chair in the record to hand over from; record the first one with TakeChair", ses.Body)
		}
		if err != nil {
			return classify(err, "finding the current chair of "+ses.Body)
		}
		if err := decodeDoc("chairmanship", "", doc, &cur); err != nil {
			return err
		}
		if !cur.From.Before(ses.Date) {
			return secretariat.Errorf(secretariat.ECONFLICT, "the chairmanship of %s by %s began on %s, not before the session of %s", cur.Body, cur.State, cur.From, ses.Date)
		}
		to := h.To
		if to == "" {
			var b secretariat.Body
			if err := tx.Get("body", ses.Body, &b); err != nil {
				return err
			}
			seq, err := tx.rotation(b, ses.Date)
			if err != nil {
				return err
			}
			if to, err = secretariat.NextChair(seq, cur.State); err != nil {
				return err
			}
		}
		if to == cur.State {
			return secretariat.Errorf(secretariat.ECONFLICT, "%s already chairs %s", to, ses.Body)
		}
		if err := tx.requireMember(to, ses.Body, ses.Date, "to"); err != nil {
			return err
		}
		cur.Until = ses.Date.AddDays(-1)
		if err := tx.Put(&cur); err != nil {
			return err
		}
		next := secretariat.Chairmanship{ID: h.ID, Body: ses.Body, State: to, From: ses.Date, Session: ses.ID, Provenance: h.Provenance}
		if next.ID == "" {
			next.ID = fmt.Sprintf("%s-%s-%d", ses.Body, strings.ToLower(to), ses.Date.Year())
		}
		tx.Primary("chairmanship", next.ID)
		return tx.Insert(&next)
	})
}

// rotation returns the body's rotation over the states that are members on date d.
func (tx *Tx) rotation(b secretariat.Body, d secretariat.Date) ([]string, error) {
	if b.Rotation.IsZero() {
		return nil, secretariat.Errorf(secretariat.EINVALID, "body %s has no rotation order: name the next chair", b.ID)
	}
	members, err := tx.membersOn(b.ID, d)
	if err != nil {
		return nil, err
	}
	var states []secretariat.MemberState
	for _, id := range members {
		var st secretariat.MemberState
		if err := tx.Get("state", id, &st); err != nil {
			return nil, err
		}
		states = append(states, st)
	}
	seq := secretariat.RotationSequence(b.Rotation, states)
	if b.Rotation.Order == secretariat.RotationExplicit {
		seq = slices.DeleteFunc(seq, func(s string) bool { return !slices.Contains(members, s) })
	}
	return seq, nil
}

// AnnouncePriorities records the priorities a chair announced for its term.
func (s *Store) AnnouncePriorities(ctx context.Context, chairmanshipID string, on secretariat.Date, ps []secretariat.Priority) (Entry, error) {
	return s.run(ctx, "AnnouncePriorities", func(tx *Tx) error {
		var c secretariat.Chairmanship
		if err := tx.Get("chairmanship", chairmanshipID, &c); err != nil {
			return err
		}
		if len(c.Priorities) > 0 {
			return secretariat.Errorf(secretariat.ECONFLICT, "chairmanship %s has already announced its priorities", c.ID)
		}
		ps = slices.Clone(ps)
		for i := range ps {
			ps[i].N = i + 1
		}
		c.Priorities, c.Announced = ps, on
		return tx.Put(&c)
	})
}

// StateOnPriority keeps the chair's own end-of-term statement on one priority, beside
// the assessment the record computes from the linked tasks.
func (s *Store) StateOnPriority(ctx context.Context, chairmanshipID string, n int, statement secretariat.Text, sources []string) (Entry, error) {
	return s.run(ctx, "StateOnPriority", func(tx *Tx) error {
		var c secretariat.Chairmanship
		if err := tx.Get("chairmanship", chairmanshipID, &c); err != nil {
			return err
		}
		if n < 1 || n > len(c.Priorities) {
			return secretariat.Errorf(secretariat.ENOTFOUND, "chairmanship %s has no priority %d", c.ID, n)
		}
		c.Priorities[n-1].Statement = statement
		c.Priorities[n-1].StatementSources = sources
		return tx.Put(&c)
	})
}
