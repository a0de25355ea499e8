package exchange

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"secretariat"
	"secretariat/internal/canon"
	"secretariat/internal/safetext"
	"secretariat/internal/store"
)

// BundleFormat names the lossless bundle's format, its first member.
const BundleFormat = "secretariat-bundle/v1"

// Limits on a bundle read: the file, and one element of its arrays (a journal entry, a
// stored file: a document is at most 10 MiB, 13.4 MiB in base64).
const (
	MaxBundleBytes        = 4 << 30
	MaxBundleElementBytes = 64 << 20
)

// BundleOptions steer ExportBundle.
type BundleOptions struct {
	// UpTo ends the bundle at this journal entry: the record as it stood then (0: all).
	UpTo int64
}

// BundleSummary says what a bundle holds.
type BundleSummary struct {
	Entries      int64  `json:"entries"`
	Head         string `json:"head"`
	Files        int    `json:"files"`
	Checkpoints  int    `json:"checkpoints"`
	Cosignatures int    `json:"cosignatures"`
	Bytes        int64  `json:"bytes"`
}

// ExportBundle writes the lossless bundle of the record: the journal, every entry with
// its canonical bytes (the leaf the hash chain and the transparency log hash), the
// stored files, the signed checkpoints and the member states' cosignatures, read in one
// snapshot. A record loaded from it by ImportBundle verifies with the same head hash,
// and exports to the same bytes. The bundle is the secretariat's whole record, nothing
// withheld: only an officer or an administrator may export it. Accounts, sign-ins and
// API tokens are not the record and are not in it.
//
// The bundle is one JSON object whose members come in this order, each element of its
// arrays on a line of its own:
//
//	{"format":"secretariat-bundle/v1","jcs_from":1,"entries":628,"head":"…",
//	"journal":[
//	{"hash":"…","leaf":{"actor":…,"after":…,"at":…,"entity":…,"id":…,"seq":1,"verb":…},"prev_hash":"…"},
//	…],
//	"files":[{"content":"BASE64","filename":…,"media_type":…,"sha256":…,"size":…},…],
//	"checkpoints":[{"log_key":…,"note":…,"origin":…,"root":…,"signed_at":…,"size":…},…],
//	"cosignatures":[{"cosigned_at":…,"line":…,"received_at":…,"size":…,"state":…,"witness_key":…},…]}
//
// An entry's hash is hex(SHA-256(prev_hash || leaf)), with the leaf's bytes as they
// stand in the file.
func ExportBundle(ctx context.Context, st *store.Store, v secretariat.Viewer, w io.Writer, opts BundleOptions) (BundleSummary, error) {
	if !v.SeesAll() {
		return BundleSummary{}, secretariat.Errorf(secretariat.EFORBIDDEN,
			"the bundle is the whole record, nothing withheld: only an officer or an administrator may export it (a reader with less access exports akn, popolo, csv, ical or atom, which show what the reader may see)")
	}
	bw := &bundleWriter{w: bufio.NewWriterSize(w, 1<<20), ctx: ctx, part: -1}
	if err := st.ExportRecord(ctx, opts.UpTo, bw); err != nil {
		return bw.sum, err
	}
	if err := bw.close(); err != nil {
		return bw.sum, err
	}
	return bw.sum, nil
}

// bundleWriter writes a record as a bundle, as store.ExportRecord gives it.
type bundleWriter struct {
	ctx  context.Context
	w    *bufio.Writer
	line bytes.Buffer
	sum  BundleSummary
	// part is the index in bundleParts of the array being written (-1 before the
	// journal), and any says whether it has an element yet.
	part int
	any  bool
}

// bundleParts are the bundle's arrays, in their order.
var bundleParts = []string{"journal", "files", "checkpoints", "cosignatures"}

func (b *bundleWriter) write(p []byte) error {
	n, err := b.w.Write(p)
	b.sum.Bytes += int64(n)
	if err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	return nil
}

// open closes the array being written and opens part (an index of bundleParts), with
// every array between them written empty.
func (b *bundleWriter) open(part int) error {
	if b.part == part {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	for ; b.part < part; b.part++ {
		if b.part >= 0 {
			end := "],\n"
			if b.any {
				end = "\n],\n"
			}
			if err := b.write([]byte(end)); err != nil {
				return err
			}
		}
		if err := b.write([]byte(`"` + bundleParts[b.part+1] + "\":[")); err != nil {
			return err
		}
		b.any = false
	}
	return nil
}

// element writes one element of the open array, on a line of its own.
func (b *bundleWriter) element(p []byte) error {
	if err := b.write([]byte(map[bool]string{false: "\n", true: ",\n"}[b.any])); err != nil {
		return err
	}
	b.any = true
	return b.write(p)
}

func (b *bundleWriter) Header(h store.RecordHeader) error {
	b.sum.Entries, b.sum.Head = h.Entries, h.Head
	b.line.Reset()
	b.line.WriteString(`{"format":`)
	canon.AppendString(&b.line, BundleFormat)
	b.line.WriteString(`,"jcs_from":` + strconv.FormatInt(h.JCSFrom, 10) + `,"entries":` + strconv.FormatInt(h.Entries, 10) + `,"head":`)
	canon.AppendString(&b.line, h.Head)
	b.line.WriteString(",\n")
	return b.write(b.line.Bytes())
}

func (b *bundleWriter) Entry(e store.Entry, leaf []byte) error {
	if err := b.open(0); err != nil {
		return err
	}
	if e.Seq%1024 == 0 {
		if err := b.ctx.Err(); err != nil {
			return err
		}
	}
	b.line.Reset()
	b.line.WriteString(`{"hash":`)
	canon.AppendString(&b.line, e.Hash)
	b.line.WriteString(`,"leaf":`)
	b.line.Write(leaf)
	b.line.WriteString(`,"prev_hash":`)
	canon.AppendString(&b.line, e.PrevHash)
	b.line.WriteByte('}')
	return b.element(b.line.Bytes())
}

// bundleFile is a stored file as the bundle writes it.
type bundleFile struct {
	Content   string `json:"content"`
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
}

func (b *bundleWriter) File(f store.StoredFile) error {
	if err := b.open(1); err != nil {
		return err
	}
	b.sum.Files++
	out, err := canon.Marshal(bundleFile{Content: base64.StdEncoding.EncodeToString(f.Content), Filename: f.Filename, MediaType: f.MediaType, SHA256: f.SHA256, Size: f.Size})
	if err != nil {
		return fmt.Errorf("writing file %s: %w", f.SHA256, err)
	}
	return b.element(out)
}

func (b *bundleWriter) Checkpoint(c store.CheckpointRow) error {
	if err := b.open(2); err != nil {
		return err
	}
	b.sum.Checkpoints++
	out, err := canon.Marshal(c)
	if err != nil {
		return fmt.Errorf("writing checkpoint %d: %w", c.Size, err)
	}
	return b.element(out)
}

func (b *bundleWriter) Cosignature(c store.CosignatureRow) error {
	if err := b.open(3); err != nil {
		return err
	}
	b.sum.Cosignatures++
	out, err := canon.Marshal(c)
	if err != nil {
		return fmt.Errorf("writing the cosignature of %d by %s: %w", c.Size, c.State, err)
	}
	return b.element(out)
}

// close writes the parts not written yet, empty, and the end.
func (b *bundleWriter) close() error {
	if err := b.open(len(bundleParts) - 1); err != nil {
		return err
	}
	end := "]}\n"
	if b.any {
		end = "\n]}\n"
	}
	if err := b.write([]byte(end)); err != nil {
		return err
	}
	if err := b.w.Flush(); err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	return nil
}

// BundleError is what is wrong with a bundle, and where: the JSON path of the element,
// its line when it is known, and the byte offset.
type BundleError struct {
	Path   string
	Line   int
	Offset int64
	Reason string
}

// Error implements the error interface.
func (e *BundleError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("line %d: %s", e.Line, e.Path)
	} else if e.Offset > 0 {
		where = fmt.Sprintf("byte %d: %s", e.Offset, e.Path)
	}
	return where + ": " + e.Reason + "; nothing was loaded"
}

// ImportOptions for a bundle.
type BundleImportOptions struct {
	// Progress receives the journal entries replayed so far and the total.
	Progress store.Progress
}

// ImportBundle loads a bundle into an empty record, in one transaction: the journal is
// replayed as verify replays it (the hash chain, the canonical form of every entry and
// every record the entries write are checked), the files are checked against their
// SHA-256 and the journal, the checkpoints and cosignatures against the tree and the
// witness keys. A bundle that does not hold is refused whole, with the place and the
// reason, and nothing is written. Text is taken as the record holds it: control
// characters in a record's text are kept (the chain's hashes cover them, and every
// output escapes them), but bytes that are not UTF-8 and lone surrogates are refused,
// and the bundle's own fields that no hash covers (the times of checkpoints and
// cosignatures) are held to safetext.
func ImportBundle(ctx context.Context, st *store.Store, r io.Reader, opts BundleImportOptions) (BundleSummary, error) {
	guard := newJSONGuard(ctx, r, MaxBundleBytes, MaxBundleElementBytes, "the bundle")
	br := &bundleReader{dec: json.NewDecoder(guard), guard: guard, src: r}
	br.dec.UseNumber()
	h, err := br.header()
	if err != nil {
		return BundleSummary{}, br.place(err)
	}
	br.sum.Entries, br.sum.Head = h.Entries, h.Head
	if err := st.LoadRecord(ctx, h, br, opts.Progress); err != nil {
		return BundleSummary{}, br.place(err)
	}
	return br.sum, nil
}

// bundleReader reads a bundle's parts as store.LoadRecord asks for them.
type bundleReader struct {
	dec   *json.Decoder
	guard *jsonGuard
	src   io.Reader
	jcs   int64
	sum   BundleSummary
	// path is the element being read, for errors.
	path   string
	offset int64
}

// fail is a BundleError at the element being read.
func (b *bundleReader) fail(format string, args ...any) error {
	return &BundleError{Path: b.path, Offset: b.offset, Reason: fmt.Sprintf(format, args...)}
}

// place gives an error that does not say where it is the place of the element being
// read, and its line when the input can be read again.
func (b *bundleReader) place(err error) error {
	var be *BundleError
	var le *store.LoadError
	switch {
	case errors.As(err, &be):
	case errors.As(err, &le):
		if !strings.HasPrefix(le.Part, "journal entry") || !strings.HasPrefix(b.path, "journal[") {
			return secretariat.Errorf(secretariat.EINVALID, "%s: %s; nothing was loaded", le.Part, le.Reason)
		}
		// The replay refused the entry just read.
		be = &BundleError{Path: b.path, Offset: b.offset, Reason: le.Part + ": " + le.Reason}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		be = &BundleError{Path: b.path, Offset: b.offset, Reason: "the bundle ends before it is whole (is the file cut short?)"}
	case secretariat.ErrorCode(err) == secretariat.EINVALID && b.guard.err != nil:
		return err // the guard's own refusal names its line
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	default:
		var se *json.SyntaxError
		if errors.As(err, &se) {
			b.offset = se.Offset
		}
		var ue *json.UnmarshalTypeError
		if errors.As(err, &ue) {
			b.offset = ue.Offset
		}
		if secretariat.ErrorCode(err) != secretariat.EINTERNAL {
			return err
		}
		be = &BundleError{Path: b.path, Offset: b.offset, Reason: "not a bundle: " + err.Error()}
	}
	if ra, ok := b.src.(io.ReaderAt); ok && be.Offset > 0 && be.Line == 0 {
		be.Line = lineAtIn(ra, be.Offset)
	}
	return secretariat.Errorf(secretariat.EINVALID, "%s", be.Error())
}

// lineAtIn is the line of a file on which the element at a byte offset starts: the
// lines up to the offset, and the separators after it (the decoder's offset is the end
// of the element before).
func lineAtIn(ra io.ReaderAt, offset int64) int {
	line := 1
	buf := make([]byte, 1<<16)
	for at := int64(0); at < offset; {
		n, err := ra.ReadAt(buf[:min(int64(len(buf)), offset-at)], at)
		line += bytes.Count(buf[:n], []byte{'\n'})
		at += int64(n)
		if err != nil || n == 0 {
			break
		}
	}
	n, _ := ra.ReadAt(buf[:256], offset)
	for _, c := range buf[:n] {
		if !bytes.ContainsRune([]byte(" \t\r\n,[:"), rune(c)) {
			break
		}
		if c == '\n' {
			line++
		}
	}
	return line
}

// expect reads one delimiter token.
func (b *bundleReader) expect(d json.Delim) error {
	b.offset = b.dec.InputOffset()
	t, err := b.dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return b.fail("expected %q here, found %v", d, t)
	}
	return nil
}

// member reads the next member's name, which must be name.
func (b *bundleReader) member(name string) error {
	b.path, b.offset = name, b.dec.InputOffset()
	t, err := b.dec.Token()
	if err != nil {
		return err
	}
	if t != name {
		return b.fail("expected the member %q here (a bundle's members come in the order secretariat writes them: format, jcs_from, entries, head, journal, files, checkpoints, cosignatures), found %v", name, t)
	}
	return nil
}

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// header reads the members before the journal.
func (b *bundleReader) header() (store.RecordHeader, error) {
	var h store.RecordHeader
	b.path = "the top"
	if err := b.expect('{'); err != nil {
		return h, err
	}
	var format string
	if err := b.member("format"); err != nil {
		return h, err
	}
	if err := b.dec.Decode(&format); err != nil {
		return h, err
	}
	if format != BundleFormat {
		return h, b.fail("%q is not a format this program reads: it reads %s", format, BundleFormat)
	}
	for _, m := range []struct {
		name string
		to   *int64
		min  int64
	}{{"jcs_from", &h.JCSFrom, 1}, {"entries", &h.Entries, 1}} {
		if err := b.member(m.name); err != nil {
			return h, err
		}
		var n json.Number
		if err := b.dec.Decode(&n); err != nil {
			return h, err
		}
		v, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || v < m.min {
			return h, b.fail("%s is not a whole number of at least %d", n, m.min)
		}
		*m.to = v
	}
	if err := b.member("head"); err != nil {
		return h, err
	}
	if err := b.dec.Decode(&h.Head); err != nil {
		return h, err
	}
	if !hexHash.MatchString(h.Head) {
		return h, b.fail("%q is not a SHA-256 in lower-case hex", h.Head)
	}
	b.jcs = h.JCSFrom
	return h, nil
}

// array reads the members of one part: its name, then each element, decoded by fn from
// its exact bytes.
func (b *bundleReader) array(name string, fn func(i int, raw []byte) error) error {
	if err := b.member(name); err != nil {
		return err
	}
	if err := b.expect('['); err != nil {
		return err
	}
	for i := 0; b.dec.More(); i++ {
		b.path, b.offset = fmt.Sprintf("%s[%d]", name, i), b.dec.InputOffset()
		var raw json.RawMessage
		if err := b.dec.Decode(&raw); err != nil {
			return err
		}
		if !utf8.Valid(raw) {
			return b.fail("it holds bytes that are not UTF-8")
		}
		if err := fn(i, raw); err != nil {
			return err
		}
	}
	b.path = name
	if err := b.expect(']'); err != nil {
		return err
	}
	if name == "cosignatures" {
		b.path = "the end"
		if err := b.expect('}'); err != nil {
			return err
		}
		b.offset = b.dec.InputOffset()
		if _, err := b.dec.Token(); err != io.EOF {
			return b.fail("something follows the bundle's end")
		}
	}
	return nil
}

// strict decodes raw into v, refusing fields v does not have.
func strict(raw []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// Entries implements store.RecordSource.
func (b *bundleReader) Entries(fn func(store.Entry) error) error {
	return b.array("journal", func(i int, raw []byte) error {
		var el struct {
			Hash     string          `json:"hash"`
			Leaf     json.RawMessage `json:"leaf"`
			PrevHash string          `json:"prev_hash"`
		}
		if err := strict(raw, &el); err != nil {
			return b.fail("not a journal entry: %v", err)
		}
		var leaf struct {
			Actor  string          `json:"actor"`
			After  json.RawMessage `json:"after"`
			At     string          `json:"at"`
			Entity string          `json:"entity"`
			ID     string          `json:"id"`
			Seq    int64           `json:"seq"`
			Verb   string          `json:"verb"`
		}
		if err := strict(el.Leaf, &leaf); err != nil {
			return b.fail("the entry's leaf is not a journal entry: %v", err)
		}
		at, err := time.Parse("2006-01-02T15:04:05.000000Z", leaf.At)
		if err != nil {
			return b.fail("at %q is not a time as the journal writes it (2006-01-02T15:04:05.000000Z)", leaf.At)
		}
		e := store.Entry{Seq: leaf.Seq, At: at, Actor: leaf.Actor, Verb: leaf.Verb, Entity: leaf.Entity, ID: leaf.ID,
			After: leaf.After, PrevHash: el.PrevHash, Hash: el.Hash}
		if !bytes.Equal(e.Leaf(b.jcs), el.Leaf) {
			return b.fail("entry %d's leaf is not in the canonical form of its time, so its hash would not be what it says", leaf.Seq)
		}
		if err := checkRecords(&e); err != nil {
			return b.fail("entry %d: %v", leaf.Seq, err)
		}
		b.sum.Bytes += int64(len(raw))
		return fn(e)
	})
}

// checkRecords holds every record an entry writes to its kind's rules, as the verb that
// wrote it did: a bundle whose chain was recomputed over forged records would otherwise
// load records no verb could write.
func checkRecords(e *store.Entry) error {
	changes, err := e.Changes()
	if err != nil {
		return err
	}
	for _, c := range changes {
		k, ok := secretariat.LookupKind(c.Kind)
		if !ok {
			return fmt.Errorf("it writes a record of an unknown kind %q", c.Kind)
		}
		r := k.New()
		if err := json.Unmarshal(c.Doc, r); err != nil {
			return fmt.Errorf("%s %s is not a record of its kind: %v", c.Kind, c.ID, err)
		}
		if r.RecordID() != c.ID {
			return fmt.Errorf("%s %s holds the ID %q", c.Kind, c.ID, r.RecordID())
		}
		if err := r.Validate(); err != nil {
			return fmt.Errorf("%s %s: %s", c.Kind, c.ID, secretariat.ErrorMessage(err))
		}
	}
	return nil
}

// Files implements store.RecordSource.
func (b *bundleReader) Files(fn func(store.StoredFile) error) error {
	return b.array("files", func(i int, raw []byte) error {
		var f bundleFile
		if err := strict(raw, &f); err != nil {
			return b.fail("not a stored file: %v", err)
		}
		content, err := base64.StdEncoding.Strict().DecodeString(f.Content)
		if err != nil {
			return b.fail("the content of file %s is not base64: %v", f.SHA256, err)
		}
		b.sum.Files++
		return fn(store.StoredFile{FileMeta: store.FileMeta{Filename: f.Filename, MediaType: f.MediaType, SHA256: f.SHA256, Size: f.Size}, Content: content})
	})
}

// Checkpoints implements store.RecordSource.
func (b *bundleReader) Checkpoints(fn func(store.CheckpointRow) error) error {
	return b.array("checkpoints", func(i int, raw []byte) error {
		var c store.CheckpointRow
		if err := strict(raw, &c); err != nil {
			return b.fail("not a checkpoint: %v", err)
		}
		if p := safetext.Problem(c.SignedAt); p != "" {
			return b.fail("signed_at: %s", p)
		}
		b.sum.Checkpoints++
		return fn(c)
	})
}

// Cosignatures implements store.RecordSource.
func (b *bundleReader) Cosignatures(fn func(store.CosignatureRow) error) error {
	return b.array("cosignatures", func(i int, raw []byte) error {
		var c store.CosignatureRow
		if err := strict(raw, &c); err != nil {
			return b.fail("not a cosignature: %v", err)
		}
		for _, f := range [][2]string{{"cosigned_at", c.CosignedAt}, {"received_at", c.ReceivedAt}} {
			if p := safetext.Problem(f[1]); p != "" {
				return b.fail("%s: %s", f[0], p)
			}
		}
		b.sum.Cosignatures++
		return fn(c)
	})
}
