package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"secretariat"
	"secretariat/internal/canon"
)

// GenesisHash is the prev_hash of the first journal entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// timeLayout writes journal times with a fixed number of digits, so that they sort as
// text and hash the same everywhere.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Entry is one journal entry: what one verb changed.
type Entry struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Verb   string    `json:"verb"`
	Entity string    `json:"entity"`
	ID     string    `json:"id"`
	// After is the after-image: the canonical JSON of every record the verb wrote, as
	// {"records":[{"doc":…,"id":…,"kind":…},…]}.
	After    json.RawMessage `json:"after"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// FileMeta is a stored file as a journal entry names it: what the entry wrote into the
// file table, but the content, which the SHA-256 stands for.
type FileMeta struct {
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
}

// Change is one record in an after-image.
type Change struct {
	Kind string          `json:"kind"`
	ID   string          `json:"id"`
	Doc  json.RawMessage `json:"doc"`
}

// Changes decodes the entry's after-image.
func (e *Entry) Changes() ([]Change, error) {
	a, err := e.afterImage()
	return a.Records, err
}

// Files decodes the files the entry stored.
func (e *Entry) Files() ([]FileMeta, error) {
	a, err := e.afterImage()
	return a.Files, err
}

type afterImage struct {
	Files   []FileMeta `json:"files"`
	Records []Change   `json:"records"`
}

func (e *Entry) afterImage() (afterImage, error) {
	var a afterImage
	if err := json.Unmarshal(e.After, &a); err != nil {
		return a, fmt.Errorf("journal entry %d: the after-image is not valid: %w", e.Seq, err)
	}
	return a, nil
}

// Decode reads the record of kind and id that the entry wrote into dst. It returns
// ENOTFOUND when the entry did not write that record.
func (e *Entry) Decode(kind, id string, dst any) error {
	changes, err := e.Changes()
	if err != nil {
		return err
	}
	for _, c := range changes {
		if c.Kind == kind && c.ID == id {
			return decodeDoc(kind, id, c.Doc, dst)
		}
	}
	return secretariat.Errorf(secretariat.ENOTFOUND, "journal entry %d did not write %s %s", e.Seq, kind, id)
}

// DecodePrimary reads the record the entry is about (its Entity and ID) into dst.
func (e *Entry) DecodePrimary(dst any) error { return e.Decode(e.Entity, e.ID, dst) }

// IDs returns the IDs of the records of a kind that the entry wrote, in the order written.
func (e *Entry) IDs(kind string) []string {
	changes, err := e.Changes()
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range changes {
		if c.Kind == kind {
			out = append(out, c.ID)
		}
	}
	return out
}

// encodeAfter writes the after-image of changes and of the files the verb stored, in
// canonical form: the docs are canonical already, and every object's keys are written
// in sorted order.
func encodeAfter(changes []change, files []FileMeta) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	if len(files) > 0 {
		b.WriteString(`"files":[`)
		for i, f := range files {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"filename":`)
			canon.AppendString(&b, f.Filename)
			b.WriteString(`,"media_type":`)
			canon.AppendString(&b, f.MediaType)
			b.WriteString(`,"sha256":`)
			canon.AppendString(&b, f.SHA256)
			b.WriteString(`,"size":`)
			b.WriteString(strconv.FormatInt(f.Size, 10))
			b.WriteByte('}')
		}
		b.WriteString(`],`)
	}
	b.WriteString(`"records":[`)
	for i, c := range changes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"doc":`)
		b.Write(c.doc)
		b.WriteString(`,"id":`)
		canon.AppendString(&b, c.id)
		b.WriteString(`,"kind":`)
		canon.AppendString(&b, c.kind)
		b.WriteByte('}')
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// CanonicalEntry is the text an entry's hash covers: the canonical JSON of
// {actor, after, at, entity, id, seq, verb}.
func CanonicalEntry(seq int64, at, actor, verb, entity, id string, after []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(after) + 200)
	b.WriteString(`{"actor":`)
	canon.AppendString(&b, actor)
	b.WriteString(`,"after":`)
	b.Write(after)
	b.WriteString(`,"at":`)
	canon.AppendString(&b, at)
	b.WriteString(`,"entity":`)
	canon.AppendString(&b, entity)
	b.WriteString(`,"id":`)
	canon.AppendString(&b, id)
	b.WriteString(`,"seq":`)
	b.WriteString(strconv.FormatInt(seq, 10))
	b.WriteString(`,"verb":`)
	canon.AppendString(&b, verb)
	b.WriteByte('}')
	return b.Bytes()
}

// ChainHash is SHA-256(prev_hash || canonical entry), in lower-case hex.
func ChainHash(prevHash string, canonicalEntry []byte) string {
	h := sha256.New()
	h.Write([]byte(prevHash))
	h.Write(canonicalEntry)
	return hex.EncodeToString(h.Sum(nil))
}

// expectedHash recomputes the hash an entry should carry, in the canonical form of its
// time: RFC 8785 from entry jcsFrom on, the first form before (legacy.go).
func (e *Entry) expectedHash(jcsFrom int64) string {
	return ChainHash(e.PrevHash, e.leaf(jcsFrom))
}

// jcsFrom reads the journal entry from which entries are in RFC 8785 form: 1 for a record
// made with it, later for a record made before it.
func jcsFrom(ctx context.Context, q queryer) (int64, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM record_meta WHERE key = 'jcs_from'`).Scan(&v)
	if err == sql.ErrNoRows {
		return 1, nil
	}
	if err != nil {
		return 0, classify(err, "reading the record's canonical form")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, secretariat.Errorf(secretariat.EINVALID, "record_meta says entries are canonical from %q, which is not an entry number", v)
	}
	return n, nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// head returns the last entry's seq, hash and time; seq 0 and the genesis hash for an
// empty journal.
func head(ctx context.Context, q queryer) (seq int64, hash string, at time.Time, err error) {
	var atText string
	err = q.QueryRowContext(ctx, `SELECT seq, hash, at FROM journal ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash, &atText)
	if err == sql.ErrNoRows {
		return 0, GenesisHash, time.Time{}, nil
	}
	if err != nil {
		return 0, "", time.Time{}, classify(err, "reading the journal head")
	}
	at, err = time.Parse(timeLayout, atText)
	if err != nil {
		return 0, "", time.Time{}, fmt.Errorf("journal entry %d has a bad time %q: %w", seq, atText, err)
	}
	return seq, hash, at, nil
}

// Head returns the number of journal entries and the hash of the last; for a store as
// of an entry, that entry's.
func (s *Store) Head(ctx context.Context) (int64, string, error) {
	if s.past {
		if s.asOf == 0 {
			return 0, GenesisHash, nil
		}
		var hash string
		err := s.rd(ctx).QueryRowContext(ctx, `SELECT hash FROM journal WHERE seq = ?`, s.asOf).Scan(&hash)
		return s.asOf, hash, classify(err, "reading the journal")
	}
	if s.batch != nil {
		// Inside a batch, the head includes the batch's own entries.
		seq, hash, _, err := head(ctx, s.batch.tx)
		return seq, hash, err
	}
	seq, hash, _, err := head(ctx, s.rd(ctx))
	return seq, hash, err
}

const entryColumns = `seq, at, actor, verb, entity, id, after, prev_hash, hash`

func scanEntry(rows interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var at string
	var after []byte
	if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Verb, &e.Entity, &e.ID, &after, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.After = after
	t, err := time.Parse(timeLayout, at)
	if err != nil {
		return e, fmt.Errorf("journal entry %d has a bad time %q", e.Seq, at)
	}
	e.At = t
	return e, nil
}

// Entries calls fn for each journal entry in order, from seq from on (1 for all),
// stopping at the first error fn returns.
func (s *Store) Entries(ctx context.Context, from int64, fn func(Entry) error) error {
	return entries(ctx, s.rd(ctx), from, fn)
}

func entries(ctx context.Context, q queryer, from int64, fn func(Entry) error) error {
	return entriesIn(ctx, q, "journal", from, fn)
}

// entryChunk is how many entries entriesIn reads at a time.
const entryChunk = 256

// entriesIn calls fn for each entry of the journal table named, from seq from on. It
// reads the entries a chunk at a time and closes the read before calling fn, so that fn
// may run statements on the same connection (PostgreSQL serves one statement at a time
// on a connection), and memory stays bounded whatever the journal's length.
func entriesIn(ctx context.Context, q queryer, journal string, from int64, fn func(Entry) error) error {
	for {
		rows, err := q.QueryContext(ctx, `SELECT `+entryColumns+` FROM `+journal+` WHERE seq >= ? ORDER BY seq LIMIT `+strconv.Itoa(entryChunk), from)
		if err != nil {
			return classify(err, "reading the journal")
		}
		var chunk []Entry
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				rows.Close()
				return classify(err, "reading the journal")
			}
			chunk = append(chunk, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return classify(err, "reading the journal")
		}
		for _, e := range chunk {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(chunk) < entryChunk {
			return nil
		}
		from = chunk[len(chunk)-1].Seq + 1
	}
}

// Entry returns journal entry seq.
func (s *Store) Entry(ctx context.Context, seq int64) (Entry, error) {
	e, err := scanEntry(s.rd(ctx).QueryRowContext(ctx, `SELECT `+entryColumns+` FROM journal WHERE seq = ?`, seq))
	if err == sql.ErrNoRows {
		return e, secretariat.Errorf(secretariat.ENOTFOUND, "there is no journal entry %d", seq)
	}
	return e, classify(err, "reading the journal")
}

// HistoryEntry is one journal entry as it concerns one record.
type HistoryEntry struct {
	Seq   int64           `json:"seq"`
	At    time.Time       `json:"at"`
	Actor string          `json:"actor"`
	Verb  string          `json:"verb"`
	Hash  string          `json:"hash"`
	Doc   json.RawMessage `json:"doc"`
}

// History returns every journal entry that wrote the record, oldest first, with the
// record as that entry left it: the record's versions, each with its entry. For a store
// as of an entry, the versions up to it.
func (s *Store) History(ctx context.Context, v secretariat.Viewer, kind, id string) ([]HistoryEntry, error) {
	if _, err := s.getRaw(ctx, v, kind, id); err != nil {
		return nil, err
	}
	limit := int64(1<<63 - 1)
	if s.past {
		limit = s.asOf
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT j.seq, j.at, j.actor, j.verb, j.hash, h.doc
		FROM (SELECT seq, doc FROM `+table(kind)+`_history WHERE id = ? UNION ALL SELECT seq, doc FROM `+table(kind)+` WHERE id = ?) h
		JOIN journal j ON j.seq = h.seq
		WHERE h.seq <= ? ORDER BY h.seq`, id, id, limit)
	if err != nil {
		return nil, classify(err, "reading the history of "+kind+" "+id)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var at string
		var doc []byte
		if err := rows.Scan(&h.Seq, &at, &h.Actor, &h.Verb, &h.Hash, &doc); err != nil {
			return nil, classify(err, "reading the history of "+kind+" "+id)
		}
		if h.At, err = time.Parse(timeLayout, at); err != nil {
			return nil, fmt.Errorf("journal entry %d has a bad time %q", h.Seq, at)
		}
		h.Doc = doc
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err, "reading the history of "+kind+" "+id)
	}
	rows.Close()
	// Every version, as every current record, withholds what the reader may not see.
	vis := s.redactor(ctx, v)
	for i := range out {
		doc, err := vis.redact(kind, out[i].Doc)
		if err != nil {
			return nil, err
		}
		out[i].Doc = doc
	}
	return out, nil
}
