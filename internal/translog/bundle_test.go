package translog

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// testLog is an in-memory log of journal-like entries with a signed checkpoint.
type testLog struct {
	tree    *tree
	entries []string
	signed  []byte
	vkey    string
}

func newTestLog(t testing.TB, n int) *testLog {
	t.Helper()
	l := &testLog{tree: &tree{}}
	for i := 1; i <= n; i++ {
		kind, id := "state", fmt.Sprintf("S%d", i)
		if i%2 == 0 {
			kind, id = "decision", "d-1"
		}
		e := fmt.Sprintf(`{"actor":"demo","after":{"records":[{"doc":{"id":%q},"id":%q,"kind":%q}]},"at":"2019-11-%02dT12:00:00.000000Z","entity":%q,"id":%q,"seq":%d,"verb":"V%d"}`, id, id, kind, i, kind, id, i, i)
		l.tree.add(t, int64(i-1), e)
		l.entries = append(l.entries, e)
	}
	skey, vkey := keys(t, "example.org/log", LogKey)
	s, _ := NewLogSigner(skey)
	signed, err := Sign(l.tree.head(t, int64(n)), s)
	if err != nil {
		t.Fatal(err)
	}
	l.signed, l.vkey = signed, vkey
	return l
}

// bundle proves the entries seqs as having written decision d-1; withheld ones are
// given by their leaf hash.
func (l *testLog) bundle(t testing.TB, seqs []int64, withheld map[int64]bool) *Bundle {
	b := &Bundle{Format: BundleFormat, Kind: "decision", ID: "d-1", Viewer: "public", Checkpoint: string(l.signed), Members: 6}
	for _, s := range seqs {
		p, err := tlog.ProveRecord(int64(len(l.entries)), s-1, l.tree)
		if err != nil {
			t.Fatal(err)
		}
		lf := Leaf{Seq: s, Proof: EncodeHashes(p)}
		if withheld[s] {
			lf.LeafHash, lf.Withheld = LeafHashBase64([]byte(l.entries[s-1])), "hidden"
		} else {
			lf.Entry = l.entries[s-1]
		}
		b.Entries = append(b.Entries, lf)
	}
	return b
}

func (l *testLog) check(t testing.TB, b *Bundle, trusted ...*CosignatureVerifier) (*Verdict, error) {
	t.Helper()
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseBundle(data)
	if err != nil {
		return nil, err
	}
	v, _ := NewLogVerifier(l.vkey)
	return Check(parsed, v, trusted)
}

func TestABundleProvesItsEntriesAndSaysSoInOneSentence(t *testing.T) {
	l := newTestLog(t, 9)
	v, err := l.check(t, l.bundle(t, []int64{2, 4, 8}, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := "Proven: decision d-1 was written by journal entries 2, 4 and 8, last by V8 on 2019-11-08, and all of them are in the log example.org/log at size 9 (root "
	if s := v.Sentence(); !strings.HasPrefix(s, want) || !strings.HasSuffix(s, "signed by the log's key, with no cosignature by a member state.") || strings.Contains(s, "\n") {
		t.Fatalf("sentence:\n%s\nwant it to begin\n%s", s, want)
	}
	v, err = l.check(t, l.bundle(t, []int64{2, 4, 8}, map[int64]bool{4: true}))
	if err != nil {
		t.Fatal(err)
	}
	if s := v.Sentence(); !strings.Contains(s, "entries 2 and 8 (and entry 4 you may not read, given as hashes only)") {
		t.Fatalf("sentence with a withheld entry: %s", s)
	}
}

func TestCheckNamesWhatFailed(t *testing.T) {
	l := newTestLog(t, 9)
	cases := map[string]struct {
		edit func(b *Bundle)
		says string
	}{
		"an entry changed": {func(b *Bundle) { b.Entries[1].Entry = strings.Replace(b.Entries[1].Entry, "V4", "V5", 1) },
			"journal entry 4 is not in the log that the checkpoint signs"},
		"two entries' texts swapped": {func(b *Bundle) { b.Entries[0].Entry, b.Entries[1].Entry = b.Entries[1].Entry, b.Entries[0].Entry },
			"journal entry 2 is not in the log"},
		"two entries swapped with their proofs": {func(b *Bundle) {
			b.Entries[0].Entry, b.Entries[1].Entry = b.Entries[1].Entry, b.Entries[0].Entry
			b.Entries[0].Proof, b.Entries[1].Proof = b.Entries[1].Proof, b.Entries[0].Proof
		}, "journal entry 2 is not in the log"},
		"a withheld leaf's hash changed": {func(b *Bundle) {
			b.Entries[2].Entry, b.Entries[2].LeafHash = "", LeafHashBase64([]byte("other"))
		}, "journal entry 8 is not in the log"},
		"a proof hash changed":           {func(b *Bundle) { b.Entries[0].Proof[0] = LeafHashBase64([]byte("x")) }, "journal entry 2 is not in the log"},
		"an entry beyond the checkpoint": {func(b *Bundle) { b.Entries[2].Seq = 10 }, "beyond the checkpoint"},
		"an entry of another record":     {func(b *Bundle) { b.ID = "d-2" }, "did not write decision d-2"},
		"the checkpoint's size changed": {func(b *Bundle) { b.Checkpoint = strings.Replace(b.Checkpoint, "\n9\n", "\n10\n", 1) },
			"the log's signature on the checkpoint does not verify"},
		"the checkpoint's signature removed": {func(b *Bundle) {
			b.Checkpoint = b.Checkpoint[:strings.Index(b.Checkpoint, "\n\n")+2] + "— x AAAAAAAA\n"
		},
			"not signed by the log's key"},
	}
	for name, c := range cases {
		b := l.bundle(t, []int64{2, 4, 8}, nil)
		c.edit(b)
		if _, err := l.check(t, b); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %q", name, err, c.says)
		}
	}
	// An entry whose own seq disagrees with its place: a true leaf 2 presented as 4 fails
	// its proof; the bundle cannot move an entry without the proof failing.
	b := l.bundle(t, []int64{2}, nil)
	b.Entries[0].Entry = strings.Replace(b.Entries[0].Entry, `"seq":2`, `"seq":3`, 1)
	if _, err := l.check(t, b); err == nil {
		t.Fatal("a renumbered entry passed")
	}
}

func TestParseBundleRefusesMalformedBundles(t *testing.T) {
	l := newTestLog(t, 4)
	good, _ := l.bundle(t, []int64{2, 4}, nil).Marshal()
	if _, err := ParseBundle(good); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ data, says string }{
		"not JSON":             {"{", "not a proof bundle"},
		"another format":       {strings.Replace(string(good), BundleFormat, "x/v9", 1), "its format"},
		"an unknown member":    {strings.Replace(string(good), `"kind"`, `"extra":1,"kind"`, 1), "unknown field"},
		"trailing data":        {string(good) + "{}", "more after"},
		"an unknown kind":      {strings.Replace(string(good), `"kind": "decision"`, `"kind": "spaceship"`, 1), "not a kind"},
		"entries out of order": {strings.Replace(strings.Replace(string(good), `"seq": 2`, `"seq": 9`, 1), `"seq": 4`, `"seq": 3`, 1), "out of journal order"},
		"no entries":           {`{"format":"` + BundleFormat + `","kind":"decision","id":"d","viewer":"public","checkpoint":"x","members":0,"entries":[]}`, "no entries"},
		"both entry and hash":  {strings.Replace(string(good), `"seq": 2,`, `"seq": 2, "leaf_hash": "`+LeafHashBase64(nil)+`",`, 1), "either the entry or its leaf hash"},
		"a bad proof hash":     {strings.Replace(string(good), `"proof": [`, `"proof": ["AAAA",`, 1), "not 32 bytes"},
	} {
		if _, err := ParseBundle([]byte(c.data)); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %q", name, err, c.says)
		}
	}
}

func TestCheckCountsTrustedAndListedWitnessesApart(t *testing.T) {
	l := newTestLog(t, 4)
	text, _, _ := SplitNote(l.signed)
	sk, vk := keys(t, "kg.example/w", WitnessKey)
	c, _ := NewCosigner(sk, nil)
	line, _ := Cosign(text, c)
	b := l.bundle(t, []int64{2}, nil)
	b.Checkpoint = string(WithSignatures(l.signed, line))
	b.Witnesses = []StateKey{{State: "KG", Key: vk}, {State: "KZ", Key: "junk"}}
	v, err := l.check(t, b)
	if err != nil {
		t.Fatal(err)
	}
	if s := v.Sentence(); !strings.Contains(s, "cosigned by 1 of 6 member states (KG) by the keys the log lists for them") {
		t.Fatalf("sentence: %s", s)
	}
	cv, _ := NewCosignatureVerifier(vk)
	_, ovk := keys(t, "kz.example/w", WitnessKey)
	other, _ := NewCosignatureVerifier(ovk)
	v, err = l.check(t, b, cv, other)
	if err != nil {
		t.Fatal(err)
	}
	if s := v.Sentence(); !strings.Contains(s, "cosigned by 1 of the 2 witnesses you trust (kg.example/w)") {
		t.Fatalf("sentence: %s", s)
	}
}
