package translog

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// seeded is a deterministic source of key material for tests.
type seeded struct{ b byte }

func (s *seeded) Read(p []byte) (int, error) {
	for i := range p {
		s.b++
		p[i] = s.b
	}
	return len(p), nil
}

func keys(t testing.TB, name string, kind KeyKind) (string, string) {
	t.Helper()
	skey, vkey, err := GenerateKey(&seeded{b: byte(len(name) + int(kind))}, name, kind)
	if err != nil {
		t.Fatal(err)
	}
	return skey, vkey
}

func TestCheckpointTextRoundTrips(t *testing.T) {
	c := Checkpoint{Origin: "example.org/secretariat", Size: 20852163, Root: tlog.RecordHash([]byte("x"))}
	text := c.Text()
	want := "example.org/secretariat\n20852163\n" + base64.StdEncoding.EncodeToString(c.Root[:]) + "\n"
	if string(text) != want {
		t.Fatalf("text = %q, want %q", text, want)
	}
	got, err := ParseCheckpoint(text)
	if err != nil || got.Origin != c.Origin || got.Size != c.Size || got.Root != c.Root {
		t.Fatalf("parse = %+v, %v", got, err)
	}
	ext := append(bytes.Clone(text), "time 1679315147\n"...)
	got, err = ParseCheckpoint(ext)
	if err != nil || len(got.Extensions) != 1 || !bytes.Equal(got.Text(), ext) {
		t.Fatalf("with an extension line: %+v, %v", got, err)
	}
}

func TestParseCheckpointRefusesWhatIsNotOne(t *testing.T) {
	root := base64.StdEncoding.EncodeToString(make([]byte, 32))
	cases := map[string]string{
		"":                      "newline",
		"o\n1\n" + root:         "newline",
		"o\n1\n":                "origin, a size",
		"\n1\n" + root + "\n":   "origin line",
		"o\n01\n" + root + "\n": "leading zeros",
		"o\n-1\n" + root + "\n": "decimal",
		"o\n99999999999999999999\n" + root + "\n": "decimal",
		"o\n1\nAAAA\n":               "32 bytes",
		"o\n1\n" + root + "\n\n":     "empty",
		"o\n1\n" + root + "\nx\ty\n": "control",
		"o\xff\n1\n" + root + "\n":   "UTF-8",
	}
	for text, says := range cases {
		if _, err := ParseCheckpoint([]byte(text)); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseCheckpoint(%q) = %v, want an error saying %q", text, err, says)
		}
	}
}

// A cosignature is C2SP tlog-cosignature's Ed25519 cosignature/v1, checked here from the
// specification's words alone: the key ID is SHA-256(name, newline, 0x04, public key)[:4],
// the signature is an 8-byte big-endian timestamp and an Ed25519 signature of
// "cosignature/v1\ntime T\n" followed by the checkpoint's body.
func TestCosignatureIsC2SPCosignatureV1(t *testing.T) {
	skey, vkey := keys(t, "kg.example/witness", WitnessKey)
	when := time.Unix(1679315147, 0)
	c, err := NewCosigner(skey, func() time.Time { return when })
	if err != nil {
		t.Fatal(err)
	}
	if c.VerifierKey() != vkey {
		t.Fatalf("the signer's verifier key %q is not the one generated, %q", c.VerifierKey(), vkey)
	}
	body := Checkpoint{Origin: "example.com/behind-the-sofa", Size: 20852163, Root: tlog.RecordHash(nil)}.Text()
	line, err := Cosign(body, c)
	if err != nil {
		t.Fatal(err)
	}
	name, b64, _ := strings.Cut(strings.TrimPrefix(line, "— "), " ")
	raw, _ := base64.StdEncoding.DecodeString(b64)
	pubRaw, _ := base64.StdEncoding.DecodeString(vkey[strings.LastIndex(vkey, "+")+1:])
	if name != "kg.example/witness" || len(raw) != 4+8+64 || pubRaw[0] != 0x04 {
		t.Fatalf("line %q, key %q", line, vkey)
	}
	pub := ed25519.PublicKey(pubRaw[1:])
	id := sha256.Sum256(append([]byte("kg.example/witness\n\x04"), pub...))
	if !bytes.Equal(raw[:4], id[:4]) {
		t.Fatalf("key ID %x, want %x", raw[:4], id[:4])
	}
	if ts := binary.BigEndian.Uint64(raw[4:12]); ts != 1679315147 {
		t.Fatalf("timestamp %d", ts)
	}
	msg := append([]byte("cosignature/v1\ntime 1679315147\n"), body...)
	if !ed25519.Verify(pub, msg, raw[12:]) {
		t.Fatal("the signature is not Ed25519 over the cosignature/v1 message")
	}
	v, err := NewCosignatureVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CheckCosignatureLine(body, line, v); err != nil {
		t.Fatal(err)
	}
	other := bytes.Replace(body, []byte("20852163"), []byte("20852164"), 1)
	if _, err := CheckCosignatureLine(other, line, v); err == nil || !strings.Contains(err.Error(), "does not verify") {
		t.Fatalf("a cosignature checked against another checkpoint: %v", err)
	}
}

func TestKeysRefuseTheOtherKind(t *testing.T) {
	lskey, lvkey := keys(t, "example.org/log", LogKey)
	wskey, wvkey := keys(t, "kg.example/witness", WitnessKey)
	for name, err := range map[string]error{
		"witness key as the log's signer":   second(NewLogSigner(wskey)),
		"witness key as the log's verifier": second(NewLogVerifier(wvkey)),
		"log key as a witness's signer":     second(NewCosigner(lskey, nil)),
		"log key as a witness's verifier":   second(NewCosignatureVerifier(lvkey)),
		"a signer key as a verifier":        second(NewLogVerifier(lskey)),
		"a verifier key as a signer":        second(NewLogSigner(lvkey)),
		"a key with a wrong hash":           second(NewCosignatureVerifier(strings.Replace(wvkey, wvkey[19:27], "00000000", 1))),
		"a name with a space":               third(GenerateKey(&seeded{}, "a b", LogKey)),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	s, err := NewLogSigner(lskey)
	if err != nil || s.VerifierKey != lvkey {
		t.Fatalf("the log signer's verifier key %q, want %q (%v)", s.VerifierKey, lvkey, err)
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

func TestOpenChecksTheLogsSignature(t *testing.T) {
	lskey, lvkey := keys(t, "example.org/log", LogKey)
	s, _ := NewLogSigner(lskey)
	v, _ := NewLogVerifier(lvkey)
	c := Checkpoint{Origin: "example.org/log", Size: 7, Root: tlog.RecordHash([]byte("r"))}
	signed, err := Sign(c, s)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(signed, v)
	if err != nil || got.Size != 7 || got.Root != c.Root {
		t.Fatalf("Open = %+v, %v", got, err)
	}
	forged := bytes.Replace(signed, []byte("\n7\n"), []byte("\n8\n"), 1)
	if _, _, err := Open(forged, v); err == nil || !strings.Contains(err.Error(), "does not verify") {
		t.Fatalf("an altered checkpoint: %v", err)
	}
	otherSkey, _, _ := GenerateKey(&seeded{b: 99}, "example.org/log", LogKey)
	other, _ := NewLogSigner(otherSkey)
	bySomeoneElse, _ := Sign(c, other)
	if _, _, err := Open(bySomeoneElse, v); err == nil || !strings.Contains(err.Error(), "not signed by the log's key") {
		t.Fatalf("a checkpoint signed by another key: %v", err)
	}
	if _, err := Sign(Checkpoint{Origin: "elsewhere", Size: 1}, s); err == nil {
		t.Fatal("signed a checkpoint of another origin")
	}
}

// tree is an in-memory log of leaves, for the witness's rule.
type tree struct{ hashes []tlog.Hash }

func (m *tree) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = m.hashes[x]
	}
	return out, nil
}

func (m *tree) add(t testing.TB, n int64, data string) {
	hs, err := tlog.StoredHashes(n, []byte(data), m)
	if err != nil {
		t.Fatal(err)
	}
	m.hashes = append(m.hashes, hs...)
}

func grow(t testing.TB, leaves ...string) *tree {
	m := &tree{}
	for i, l := range leaves {
		m.add(t, int64(i), l)
	}
	return m
}

func (m *tree) head(t testing.TB, n int64) Checkpoint {
	h, err := tlog.TreeHash(n, m)
	if err != nil {
		t.Fatal(err)
	}
	return Checkpoint{Origin: "example.org/log", Size: n, Root: h}
}

func TestTheWitnessCosignsOnlyAGrowingLog(t *testing.T) {
	log := grow(t, "a", "b", "c", "d", "e", "f", "g")
	forked := grow(t, "a", "b", "c", "X", "e", "f", "g")
	seen := log.head(t, 5)
	proof := func(m *tree, old, n int64) []tlog.Hash {
		p, err := tlog.ProveTree(n, old, m)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := Consider(nil, log.head(t, 3), nil); err != nil {
		t.Fatalf("a first checkpoint: %v", err)
	}
	if err := Consider(&seen, log.head(t, 7), proof(log, 5, 7)); err != nil {
		t.Fatalf("a log that grew: %v", err)
	}
	if err := Consider(&seen, log.head(t, 5), nil); err != nil {
		t.Fatalf("the same checkpoint again: %v", err)
	}
	for name, c := range map[string]struct {
		next  Checkpoint
		proof []tlog.Hash
		says  string
	}{
		"a smaller tree":                        {log.head(t, 4), nil, "rollback"},
		"the same size with another root":       {forked.head(t, 5), nil, "fork: the log shows a tree of 5 entries"},
		"a larger tree that rewrote the past":   {forked.head(t, 7), proof(forked, 5, 7), "does not extend"},
		"a larger tree with a proof of nothing": {log.head(t, 7), nil, "does not extend"},
		"another log":                           {Checkpoint{Origin: "elsewhere", Size: 9}, nil, "the log"},
	} {
		err := Consider(&seen, c.next, c.proof)
		if err == nil || !strings.Contains(err.Error(), c.says) || !strings.HasPrefix(err.Error(), "refused: ") {
			t.Errorf("%s: %v, want a refusal saying %q", name, err, c.says)
		}
	}
}

func TestCosignaturesCountEachWitnessOnceAndOnlyValidOnes(t *testing.T) {
	lskey, lvkey := keys(t, "example.org/log", LogKey)
	s, _ := NewLogSigner(lskey)
	v, _ := NewLogVerifier(lvkey)
	body := Checkpoint{Origin: "example.org/log", Size: 3, Root: tlog.RecordHash([]byte("r"))}.Text()
	signed, _ := Sign(Checkpoint{Origin: "example.org/log", Size: 3, Root: tlog.RecordHash([]byte("r"))}, s)
	var lines []string
	var verifiers []*CosignatureVerifier
	for _, n := range []string{"kg.example/w", "kz.example/w"} {
		sk, vk := keys(t, n, WitnessKey)
		c, _ := NewCosigner(sk, nil)
		l, _ := Cosign(body, c)
		lines = append(lines, l)
		cv, _ := NewCosignatureVerifier(vk)
		verifiers = append(verifiers, cv)
	}
	// A third line claims the first witness's name and key hash with a broken signature.
	bad := lines[0][:len(lines[0])-8] + "AAAAAAA="
	served := WithSignatures(signed, lines[0], lines[0], lines[1], bad)
	_, n, err := Open(served, v)
	if err != nil {
		t.Fatal(err)
	}
	if got := Cosignatures(n, verifiers); len(got) != 2 {
		t.Fatalf("cosignatures = %+v, want one per witness", got)
	}
	if got := Cosignatures(n, verifiers[1:]); len(got) != 1 || got[0].Name != "kz.example/w" {
		t.Fatalf("cosignatures by the second witness = %+v", got)
	}
}

// A signer key file is made readable by its owner alone, is never overwritten, and is
// refused once others may read it.
func TestKeyFilesAreSecret(t *testing.T) {
	skey, _ := keys(t, "example.org/log", LogKey)
	path := t.TempDir() + "/log.key"
	if err := WriteKeyFile(path, skey); err != nil {
		t.Fatal(err)
	}
	if err := WriteKeyFile(path, skey); err == nil || !strings.Contains(err.Error(), "never overwritten") {
		t.Fatalf("a key written over another: %v", err)
	}
	got, err := ReadKeyFile(path)
	if err != nil || got != skey {
		t.Fatalf("read back %q, %v", got, err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadKeyFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a key file others may read: %v", err)
	}
}
