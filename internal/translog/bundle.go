package translog

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
)

// BundleFormat names the format of proof bundles, in their "format" member.
const BundleFormat = "secretariat-proof-bundle/v1"

// MaxBundleSize bounds a bundle check-proof reads: a record is written by few entries,
// and the largest after-image of the UN archive is under a megabyte.
const MaxBundleSize = 64 << 20

// maxBundleEntries bounds the entries of a bundle.
const maxBundleEntries = 100000

// Bundle is a self-contained proof that journal entries wrote a record: the entries
// (or, where the reader may not see one, its leaf hash only), a signed checkpoint, and
// each entry's inclusion proof in the tree the checkpoint signs. It needs no database
// to check, only the log's verifier key.
type Bundle struct {
	Format string `json:"format"`
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	// Viewer is whom the bundle was made for: entries that reader may not see are
	// given as their leaf hash only.
	Viewer string `json:"viewer"`
	// Checkpoint is the signed checkpoint, with the cosignatures the log has received.
	Checkpoint string `json:"checkpoint"`
	// Witnesses are the member states' witness keys as the record holds them, and
	// Members the number of member states on the day of the checkpoint: they let
	// check-proof say "cosigned by N of M". The keys are the log's word; a reader who
	// has the states' keys from the states themselves passes them with --witness.
	Witnesses []StateKey `json:"witnesses,omitempty"`
	Members   int        `json:"members"`
	Entries   []Leaf     `json:"entries"`
}

// StateKey is a member state's witness key.
type StateKey struct {
	State string `json:"state"`
	Key   string `json:"key"`
}

// Leaf is one journal entry of a bundle: its canonical bytes, as the chain hashes them
// (the tree's leaf data), or only the hash of the leaf when the reader may not see it,
// and its inclusion proof.
type Leaf struct {
	Seq      int64    `json:"seq"`
	Entry    string   `json:"entry,omitempty"`
	LeafHash string   `json:"leaf_hash,omitempty"`
	Withheld string   `json:"withheld,omitempty"`
	Proof    []string `json:"proof"`
}

// Marshal writes the bundle as indented JSON.
func (b *Bundle) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ParseBundle reads a bundle strictly: the format named, no unknown members, entries in
// journal order, each with its entry or its leaf hash, and proofs of hashes.
func ParseBundle(data []byte) (*Bundle, error) {
	bad := func(format string, args ...any) (*Bundle, error) {
		return nil, secretariat.Errorf(secretariat.EINVALID, "not a proof bundle: "+format, args...)
	}
	if len(data) > MaxBundleSize {
		return bad("it is larger than %d MiB", MaxBundleSize>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return bad("%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("there is more after the bundle's JSON object")
	}
	if b.Format != BundleFormat {
		return bad("its format is %q, not %q", shorten(b.Format), BundleFormat)
	}
	if _, ok := secretariat.LookupKind(b.Kind); !ok {
		return bad("%q is not a kind of record", shorten(b.Kind))
	}
	if !secretariat.ValidID(b.ID) {
		return bad("%q is not a record ID", shorten(b.ID))
	}
	if b.Checkpoint == "" {
		return bad("it has no checkpoint")
	}
	if len(b.Checkpoint) > MaxCheckpointSize {
		return bad("its checkpoint is longer than %d bytes", MaxCheckpointSize)
	}
	if len(b.Entries) == 0 {
		return bad("it has no entries")
	}
	if len(b.Entries) > maxBundleEntries {
		return bad("it has more than %d entries", maxBundleEntries)
	}
	if b.Members < 0 || b.Members > 100000 || len(b.Witnesses) > 1000 {
		return bad("its count of member states or of witness keys is out of range")
	}
	for i, l := range b.Entries {
		if l.Seq < 1 {
			return bad("entry %d has no journal number", i+1)
		}
		if i > 0 && l.Seq <= b.Entries[i-1].Seq {
			return bad("entry %d is out of journal order (%d after %d)", l.Seq, l.Seq, b.Entries[i-1].Seq)
		}
		if (l.Entry == "") == (l.LeafHash == "") {
			return bad("entry %d must give either the entry or its leaf hash", l.Seq)
		}
		if l.LeafHash != "" {
			if _, err := decodeHash(l.LeafHash); err != nil {
				return bad("entry %d: the leaf hash is not 32 bytes in base64", l.Seq)
			}
		}
		if _, err := DecodeHashes(fmt.Sprintf("the inclusion proof of entry %d", l.Seq), l.Proof); err != nil {
			return nil, err
		}
	}
	return &b, nil
}

// leafEntry is what check-proof reads of an entry's canonical bytes.
type leafEntry struct {
	Seq   int64  `json:"seq"`
	At    string `json:"at"`
	Verb  string `json:"verb"`
	After struct {
		Records []struct {
			Kind string `json:"kind"`
			ID   string `json:"id"`
		} `json:"records"`
	} `json:"after"`
}

// Verdict is what a checked bundle proves.
type Verdict struct {
	Kind, ID   string
	Checkpoint Checkpoint
	// Wrote are the entries shown in full that wrote the record; Withheld those the
	// bundle gives as hashes only. All of them are proven to be in the log.
	Wrote, Withheld []int64
	// Last is the last shown entry's verb and time.
	LastVerb, LastAt string
	// Trusted are cosignatures by keys the reader gave; Listed those by keys the bundle
	// lists (the log's word for the member states' keys), named by state.
	Trusted []Cosignature
	Listed  []string
	Members int
	// TrustedOf is the number of witness keys the reader gave.
	TrustedOf int
}

// Check proves a bundle with no database: the checkpoint must carry the log's signature
// under logKey, every entry's inclusion proof must lead to the checkpoint's root, and
// every entry shown must be the journal entry of its number and must have written the
// record. Cosignatures are counted by the witnesses the reader trusts, and separately by
// the keys the bundle lists. The error names what failed.
func Check(b *Bundle, logKey note.Verifier, trusted []*CosignatureVerifier) (*Verdict, error) {
	c, n, err := Open([]byte(b.Checkpoint), logKey)
	if err != nil {
		return nil, err
	}
	v := &Verdict{Kind: b.Kind, ID: b.ID, Checkpoint: c, Members: b.Members}
	for _, l := range b.Entries {
		if l.Seq > c.Size {
			return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d is beyond the checkpoint, which covers %d entries", l.Seq, c.Size)
		}
		var h tlog.Hash
		if l.Entry != "" {
			h = tlog.RecordHash([]byte(l.Entry))
			if l.LeafHash != "" {
				return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d gives both its entry and a leaf hash", l.Seq)
			}
		} else {
			h, _ = decodeHash(l.LeafHash)
		}
		proof, err := DecodeHashes(fmt.Sprintf("the inclusion proof of entry %d", l.Seq), l.Proof)
		if err != nil {
			return nil, err
		}
		if err := tlog.CheckRecord(proof, c.Size, c.Root, l.Seq-1, h); err != nil {
			what := "its entry"
			if l.Entry == "" {
				what = "its leaf hash"
			}
			return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d is not in the log that the checkpoint signs: %s and inclusion proof do not lead to the root %s (the entry or the proof was altered)", l.Seq, what, ShortHash(c.Root))
		}
		if l.Entry == "" {
			v.Withheld = append(v.Withheld, l.Seq)
			continue
		}
		var e leafEntry
		if err := json.Unmarshal([]byte(l.Entry), &e); err != nil {
			return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d is in the log, but is not a journal entry: %v", l.Seq, err)
		}
		if e.Seq != l.Seq {
			return nil, secretariat.Errorf(secretariat.EINVALID, "the bundle calls an entry %d that says it is entry %d: entries were reordered", l.Seq, e.Seq)
		}
		wrote := false
		for _, r := range e.After.Records {
			wrote = wrote || (r.Kind == b.Kind && r.ID == b.ID)
		}
		if !wrote {
			return nil, secretariat.Errorf(secretariat.EINVALID, "journal entry %d is in the log but did not write %s %s: the bundle does not prove what it claims", l.Seq, b.Kind, b.ID)
		}
		v.Wrote = append(v.Wrote, l.Seq)
		v.LastVerb, v.LastAt = e.Verb, e.At
	}
	v.Trusted, v.TrustedOf = Cosignatures(n, trusted), len(trusted)
	var listed []*CosignatureVerifier
	state := map[string]string{}
	for _, w := range b.Witnesses {
		cv, err := NewCosignatureVerifier(w.Key)
		if err != nil {
			continue // a key the bundle lists but cannot be read proves nothing; it is not counted
		}
		listed = append(listed, cv)
		state[cv.Key()] = w.State
	}
	for _, cs := range Cosignatures(n, listed) {
		v.Listed = append(v.Listed, state[cs.Key])
	}
	return v, nil
}

// Sentence says in one sentence what the verdict proves.
func (v *Verdict) Sentence() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Proven: ")
	switch {
	case len(v.Wrote) > 0:
		fmt.Fprintf(&b, "%s %s was written by journal %s", v.Kind, v.ID, entriesPhrase(v.Wrote))
		if len(v.Withheld) > 0 {
			fmt.Fprintf(&b, " (and %s you may not read, given as hashes only)", entriesPhrase(v.Withheld))
		}
		if v.LastVerb != "" {
			fmt.Fprintf(&b, ", last by %s on %s,", v.LastVerb, strings.SplitN(v.LastAt, "T", 2)[0])
		}
	default:
		fmt.Fprintf(&b, "journal %s that the log says wrote %s %s (withheld from you, given as hashes only)", entriesPhrase(v.Withheld), v.Kind, v.ID)
	}
	all := len(v.Wrote) + len(v.Withheld)
	if all == 1 {
		b.WriteString(" and it is")
	} else {
		b.WriteString(" and all of them are")
	}
	fmt.Fprintf(&b, " in the log %s at size %d (root %s), signed by the log's key", v.Checkpoint.Origin, v.Checkpoint.Size, v.Checkpoint.RootBase64())
	switch {
	case len(v.Trusted) > 0:
		names := make([]string, len(v.Trusted))
		for i, c := range v.Trusted {
			names[i] = c.Name
		}
		fmt.Fprintf(&b, " and cosigned by %d of the %d witnesses you trust (%s)", len(v.Trusted), v.TrustedOf, strings.Join(names, ", "))
	case len(v.Listed) > 0:
		fmt.Fprintf(&b, " and cosigned by %d of %d member states (%s) by the keys the log lists for them, which you did not give with --witness", len(v.Listed), v.Members, strings.Join(v.Listed, ", "))
	default:
		b.WriteString(", with no cosignature by a member state")
	}
	b.WriteString(".")
	return b.String()
}

func entriesPhrase(seqs []int64) string {
	parts := make([]string, len(seqs))
	for i, s := range seqs {
		parts[i] = fmt.Sprint(s)
	}
	if len(seqs) == 1 {
		return "entry " + parts[0]
	}
	if len(parts) > 6 {
		return fmt.Sprintf("entries %s, … %s (%d entries)", strings.Join(parts[:3], ", "), parts[len(parts)-1], len(parts))
	}
	return "entries " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// LeafHashBase64 is a leaf's hash for a bundle that withholds the leaf.
func LeafHashBase64(leaf []byte) string {
	h := tlog.RecordHash(leaf)
	return base64.StdEncoding.EncodeToString(h[:])
}
