package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"

	"secretariat"
)

// The whole record, read out and loaded back: what the lossless bundle
// (internal/exchange) carries through a file, as CopyRecord carries it between two
// databases. The store reads and writes the rows; the bundle's format is exchange's.

// RecordHeader opens a whole record: how many journal entries it has, the hash of the
// last, and the entry from which entries are in RFC 8785 form (1 for a record made
// with it).
type RecordHeader struct {
	Entries int64
	Head    string
	JCSFrom int64
}

// StoredFile is a stored file with its content.
type StoredFile struct {
	FileMeta
	Content []byte
}

// CheckpointRow is a signed checkpoint as the record keeps it.
type CheckpointRow struct {
	Size     int64  `json:"size"`
	Origin   string `json:"origin"`
	Root     string `json:"root"`
	Note     string `json:"note"`
	LogKey   string `json:"log_key"`
	SignedAt string `json:"signed_at"`
}

// CosignatureRow is a member state's cosignature of a checkpoint as the record keeps it.
type CosignatureRow struct {
	Size       int64  `json:"size"`
	State      string `json:"state"`
	WitnessKey string `json:"witness_key"`
	Line       string `json:"line"`
	CosignedAt string `json:"cosigned_at"`
	ReceivedAt string `json:"received_at"`
}

// RecordSink receives a whole record, in this order: the header, every journal entry
// with its canonical bytes (the leaf the chain hashes), every stored file, every
// checkpoint, every cosignature.
type RecordSink interface {
	Header(RecordHeader) error
	Entry(e Entry, leaf []byte) error
	File(StoredFile) error
	Checkpoint(CheckpointRow) error
	Cosignature(CosignatureRow) error
}

// RecordSource gives a whole record to LoadRecord, which asks for its parts in this
// order, each once: the entries, the files, the checkpoints, the cosignatures. Each
// method hands its rows to fn and stops at the first error fn returns.
type RecordSource interface {
	Entries(fn func(Entry) error) error
	Files(fn func(StoredFile) error) error
	Checkpoints(fn func(CheckpointRow) error) error
	Cosignatures(fn func(CosignatureRow) error) error
}

// Leaf returns the entry's canonical bytes, in the form of its time (RFC 8785 from entry
// jcsFrom on, the first form before): what the chain hashes after the previous hash, and
// the data of the entry's leaf in the transparency log.
func (e *Entry) Leaf(jcsFrom int64) []byte { return e.leaf(jcsFrom) }

// ExportRecord reads the record in one snapshot and gives it to sink: the journal up to
// entry upTo (all of it when upTo is 0 or beyond the head), the files those entries name
// (and, in a record made before RFC 8785, the files stored before the journal named
// them), the checkpoints of at most that many entries and their cosignatures. What it
// gives is the record itself, unredacted: the caller decides who may have it.
func (s *Store) ExportRecord(ctx context.Context, upTo int64, sink RecordSink) error {
	src, err := s.primary().BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: snapshotIsolation(s)})
	if err != nil {
		return classify(err, "reading "+s.Path())
	}
	defer src.Rollback()
	total, hash, _, err := head(ctx, src)
	if err != nil {
		return err
	}
	jcs, err := jcsFrom(ctx, src)
	if err != nil {
		return err
	}
	if upTo > 0 && upTo < total {
		total = upTo
		if err := src.QueryRowContext(ctx, `SELECT hash FROM journal WHERE seq = ?`, total).Scan(&hash); err != nil {
			return classify(err, "reading the journal")
		}
	}
	if err := sink.Header(RecordHeader{Entries: total, Head: hash, JCSFrom: jcs}); err != nil {
		return err
	}
	named := map[string]bool{}
	err = entriesIn(ctx, src, "journal", 1, func(e Entry) error {
		if e.Seq > total {
			return errStop
		}
		if bytes.Contains(e.After, []byte(`"files":`)) {
			files, err := e.Files()
			if err != nil {
				return err
			}
			for _, f := range files {
				named[f.SHA256] = true
			}
		}
		return sink.Entry(e, e.leaf(jcs))
	})
	if err != nil && err != errStop {
		return err
	}
	if err := exportFiles(ctx, src, named, jcs > 1, sink); err != nil {
		return err
	}
	if err := eachRow(ctx, src, `SELECT size, origin, root, note, log_key, signed_at FROM checkpoint WHERE size <= ? ORDER BY size`, []any{total},
		func(r *sql.Rows) error {
			var c CheckpointRow
			if err := r.Scan(&c.Size, &c.Origin, &c.Root, &c.Note, &c.LogKey, &c.SignedAt); err != nil {
				return classify(err, "reading the checkpoints")
			}
			return sink.Checkpoint(c)
		}); err != nil {
		return err
	}
	return eachRow(ctx, src, `SELECT size, state, witness_key, line, cosigned_at, received_at FROM cosignature WHERE size <= ? ORDER BY size, state`, []any{total},
		func(r *sql.Rows) error {
			var c CosignatureRow
			if err := r.Scan(&c.Size, &c.State, &c.WitnessKey, &c.Line, &c.CosignedAt, &c.ReceivedAt); err != nil {
				return classify(err, "reading the cosignatures")
			}
			return sink.Cosignature(c)
		})
}

// errStop ends a walk over the journal early; it never leaves the package.
var errStop = fmt.Errorf("stop")

// exportFiles gives sink the files the entries named, in the order of their SHA-256,
// one at a time; and, when legacy is set (a record made before RFC 8785), those no
// entry of the whole journal names, which were stored before the journal named files.
func exportFiles(ctx context.Context, src queryer, named map[string]bool, legacy bool, sink RecordSink) error {
	journaled := map[string]bool{}
	if legacy {
		if err := entriesIn(ctx, src, "journal", 1, func(e Entry) error {
			files, err := e.Files()
			for _, f := range files {
				journaled[f.SHA256] = true
			}
			return err
		}); err != nil {
			return err
		}
	}
	// The names first, then each content alone: a file may be 10 MiB.
	var shas []string
	if err := eachRow(ctx, src, `SELECT sha256 FROM file ORDER BY sha256`, nil, func(r *sql.Rows) error {
		var h string
		if err := r.Scan(&h); err != nil {
			return classify(err, "reading the files")
		}
		if named[h] || (legacy && !journaled[h]) {
			shas = append(shas, h)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, h := range shas {
		var f StoredFile
		if err := src.QueryRowContext(ctx, `SELECT sha256, filename, media_type, size, content FROM file WHERE sha256 = ?`, h).
			Scan(&f.SHA256, &f.Filename, &f.MediaType, &f.Size, &f.Content); err != nil {
			return classify(err, "reading file "+h)
		}
		if err := sink.File(f); err != nil {
			return err
		}
	}
	return nil
}

// eachRow runs a query and calls fn on each row; fn classifies its own scan's errors.
func eachRow(ctx context.Context, q queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return classify(err, "reading the record")
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return classify(rows.Err(), "reading the record")
}

// LoadError is a whole record refused by LoadRecord: what part of it, and why.
type LoadError struct {
	// Part is "journal entry 12", "file 3a9f…", "checkpoint 628", "cosignature 628 KG".
	Part   string
	Reason string
}

// Error implements the error interface.
func (e *LoadError) Error() string { return e.Part + ": " + e.Reason }

// LoadRecord writes a whole record into this store, which must be empty, in one
// transaction: it replays the source's journal as verify does (checking the chain and
// the canonical form of every entry, and writing the records, their versions and links
// and the transparency log's tree from the after-images), then stores the files,
// checking each against its SHA-256 and the name the journal gave it, then the
// checkpoints and cosignatures, checking each as verify does against the tree just
// built and the witness keys the journal registered. Anything that does not hold
// refuses the whole: nothing is written. A record loaded this way verifies, with the
// source's head hash.
func (s *Store) LoadRecord(ctx context.Context, h RecordHeader, src RecordSource, progress Progress) error {
	if s.writer == nil {
		return secretariat.Errorf(secretariat.EFORBIDDEN, "%s is open read-only", s.Path())
	}
	if n, _, err := s.Head(ctx); err != nil || n > 0 {
		if err == nil {
			err = secretariat.Errorf(secretariat.ECONFLICT, "%s already holds a record (%d journal entries): load a whole record into an empty database (secretariat init --db NEW)", s.Path(), n)
		}
		return err
	}
	if h.JCSFrom < 1 {
		return &LoadError{Part: "the header", Reason: fmt.Sprintf("jcs_from %d is not an entry number", h.JCSFrom)}
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, "writing "+s.Path())
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE record_meta SET value = ? WHERE key = 'jcs_from'`, strconv.FormatInt(h.JCSFrom, 10)); err != nil {
		return classify(err, "noting the canonical form")
	}
	if _, err := replayInto(ctx, src.Entries, tx, h.Entries, h.JCSFrom, progress); err != nil {
		if ce, ok := err.(*ChainError); ok {
			return &LoadError{Part: fmt.Sprintf("journal entry %d", ce.Seq), Reason: ce.Reason}
		}
		return err
	}
	_, last, _, err := head(ctx, tx)
	if err != nil {
		return err
	}
	if last != h.Head {
		return &LoadError{Part: "the header", Reason: fmt.Sprintf("it names the head hash %s, but the journal ends with %s", h.Head, last)}
	}
	if err := loadFiles(ctx, tx, h.JCSFrom, src); err != nil {
		return err
	}
	if err := loadLog(ctx, tx, s.d, src); err != nil {
		return err
	}
	return classify(tx.Commit(), "committing the record into "+s.Path())
}

// loadFiles stores the source's files: each must match its SHA-256 and size, and be one
// the journal named (under the same name and type), or, in a record made before RFC
// 8785, one stored before the journal named files. Every file the journal named must
// come.
func loadFiles(ctx context.Context, tx *sqlTx, jcs int64, src RecordSource) error {
	named := map[string]FileMeta{}
	if err := eachRow(ctx, tx, `SELECT sha256, filename, media_type, size FROM file`, nil, func(r *sql.Rows) error {
		var f FileMeta
		if err := r.Scan(&f.SHA256, &f.Filename, &f.MediaType, &f.Size); err != nil {
			return classify(err, "reading the files")
		}
		named[f.SHA256] = f
		return nil
	}); err != nil {
		return err
	}
	got := map[string]bool{}
	err := src.Files(func(f StoredFile) error {
		bad := func(format string, args ...any) error {
			return &LoadError{Part: "file " + f.SHA256, Reason: fmt.Sprintf(format, args...)}
		}
		sum := sha256.Sum256(f.Content)
		switch {
		case hex.EncodeToString(sum[:]) != f.SHA256:
			return bad("its content does not match its SHA-256")
		case int64(len(f.Content)) != f.Size:
			return bad("its size is %d, but its content has %d bytes", f.Size, len(f.Content))
		case got[f.SHA256]:
			return bad("it comes twice")
		}
		got[f.SHA256] = true
		if meta, ok := named[f.SHA256]; ok {
			if meta != f.FileMeta {
				return bad("the journal names it %q (%s, %d bytes), not %q (%s, %d bytes)", meta.Filename, meta.MediaType, meta.Size, f.Filename, f.MediaType, f.Size)
			}
			_, err := tx.ExecContext(ctx, `UPDATE file SET content = ? WHERE sha256 = ?`, f.Content, f.SHA256)
			return classify(err, "storing file "+f.SHA256)
		}
		if jcs <= 1 {
			return bad("no journal entry names it")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO file(sha256, filename, media_type, size, content) VALUES (?,?,?,?,?)`, f.SHA256, f.Filename, f.MediaType, f.Size, f.Content)
		return classify(err, "storing file "+f.SHA256)
	})
	if err != nil {
		return err
	}
	for sha := range named {
		if !got[sha] {
			return &LoadError{Part: "file " + sha, Reason: "the journal names it, but its content is missing"}
		}
	}
	return nil
}

// loadLog stores the source's checkpoints and cosignatures, then checks them as verify
// does against the tree the replay built.
func loadLog(ctx context.Context, tx *sqlTx, d dialect, src RecordSource) error {
	err := src.Checkpoints(func(c CheckpointRow) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO checkpoint(size, origin, root, note, log_key, signed_at) VALUES (?,?,?,?,?,?)`,
			c.Size, c.Origin, c.Root, c.Note, c.LogKey, c.SignedAt)
		if err != nil {
			return &LoadError{Part: fmt.Sprintf("checkpoint %d", c.Size), Reason: secretariat.ErrorMessage(classify(err, "storing it"))}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = src.Cosignatures(func(c CosignatureRow) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO cosignature(size, state, witness_key, line, cosigned_at, received_at) VALUES (?,?,?,?,?,?)`,
			c.Size, c.State, c.WitnessKey, c.Line, c.CosignedAt, c.ReceivedAt)
		if err != nil {
			return &LoadError{Part: fmt.Sprintf("cosignature %d %s", c.Size, c.State), Reason: secretariat.ErrorMessage(classify(err, "storing it"))}
		}
		return nil
	})
	if err != nil {
		return err
	}
	here := "main"
	if d.name() == "postgres" {
		if err := tx.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&here); err != nil {
			return classify(err, "reading the schema")
		}
		here = quoteIdent(here)
	}
	var r Report
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM journal`).Scan(&r.Entries); err != nil {
		return classify(err, "counting the journal")
	}
	v := &verification{q: tx, d: d, live: here, replay: here}
	if err := v.checkLog(ctx, &r); err != nil {
		return err
	}
	if r.Problem != "" {
		return &LoadError{Part: r.Table + " " + r.Key, Reason: r.Problem}
	}
	return nil
}
