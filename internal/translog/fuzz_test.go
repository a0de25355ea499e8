package translog

import (
	"bytes"
	"testing"
)

// FuzzParseCheckpoint: whatever a server sends, the parser returns an error or a
// checkpoint whose text is exactly what it read; it never panics.
func FuzzParseCheckpoint(f *testing.F) {
	f.Add([]byte("example.org/log\n9\nz1v4OtNCM9jIz0IqVa2B8bLrg1YGFXw70TR9dTSEoNs=\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		c, err := ParseCheckpoint(text)
		if err != nil {
			return
		}
		if !bytes.Equal(c.Text(), text) {
			t.Fatalf("parsed %q, writes back %q", text, c.Text())
		}
	})
}

// FuzzOpen: a signed note from anywhere is opened against a log key without panicking,
// and only a note the key signed opens.
func FuzzOpen(f *testing.F) {
	l := newTestLog(f, 3)
	f.Add(l.signed)
	v, _ := NewLogVerifier(l.vkey)
	f.Fuzz(func(t *testing.T, msg []byte) {
		c, n, err := Open(msg, v)
		if err != nil {
			return
		}
		if len(n.Sigs) == 0 || !bytes.Equal(c.Text(), []byte(n.Text)) {
			t.Fatalf("opened %q without the log's signature", msg)
		}
	})
}

// FuzzParseBundle: a bundle from anywhere is parsed and checked without panicking; one
// that parses writes back to a bundle that parses the same.
func FuzzParseBundle(f *testing.F) {
	l := newTestLog(f, 9)
	good, _ := l.bundle(f, []int64{2, 4, 8}, map[int64]bool{4: true}).Marshal()
	f.Add(good)
	v, _ := NewLogVerifier(l.vkey)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle(data)
		if err != nil {
			return
		}
		again, err := b.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		b2, err := ParseBundle(again)
		if err != nil {
			t.Fatalf("a parsed bundle does not parse again: %v", err)
		}
		if again2, _ := b2.Marshal(); !bytes.Equal(again, again2) {
			t.Fatal("a bundle changes when written and read again")
		}
		Check(b, v, nil)
	})
}
