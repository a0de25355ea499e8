package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
	"testing"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/tlog"

	"secretariat"
	"secretariat/internal/testkit"
	"secretariat/internal/translog"
)

// checkTreeIndependently holds the store's tree to transparency-dev/merkle, an RFC 6962
// implementation that shares no code with golang.org/x/mod/sumdb/tlog: every leaf is the
// bytes the chain hashes; the root at every size is the one merkle computes over those
// leaves; and inclusion and consistency proofs made by the store verify with merkle's
// verifier and hold O(log n) hashes.
func checkTreeIndependently(t testing.TB, st *Store) {
	t.Helper()
	ctx := context.Background()
	n, _, err := st.Head(ctx)
	check(t, err)
	if n == 0 {
		t.Fatal("the record is empty")
	}
	h := rfc6962.DefaultHasher
	r := (&compact.RangeFactory{Hash: h.HashChildren}).NewEmptyRange(0)
	roots := [][]byte{h.EmptyRoot()}
	var leaves [][]byte
	prev := GenesisHash
	for seq := int64(1); seq <= n; seq++ {
		leaf, err := st.LeafData(ctx, seq)
		check(t, err)
		e, err := st.Entry(ctx, seq)
		check(t, err)
		if ChainHash(prev, leaf) != e.Hash {
			t.Fatalf("entry %d: the leaf is not the bytes the chain hashes", seq)
		}
		prev = e.Hash
		leaves = append(leaves, h.HashLeaf(leaf))
		check(t, r.Append(leaves[seq-1], nil))
		root, err := r.GetRootHash(nil)
		check(t, err)
		roots = append(roots, root)
		got, err := st.TreeHash(ctx, seq)
		check(t, err)
		if string(got[:]) != string(root) {
			t.Fatalf("the tree of %d entries: root %x, transparency-dev/merkle says %x", seq, got, root)
		}
	}
	sizes := []int64{1, 2, 3, n / 3, n / 2, n - 1, n}
	for _, size := range sizes {
		if size < 1 {
			continue
		}
		for _, seq := range []int64{1, size / 2, size - 1, size} {
			if seq < 1 {
				continue
			}
			p, err := st.ProveInclusion(ctx, seq, size)
			check(t, err)
			if len(p) > bits.Len64(uint64(size)) {
				t.Fatalf("the inclusion proof of %d in %d has %d hashes, more than log2", seq, size, len(p))
			}
			if err := proof.VerifyInclusion(h, uint64(seq-1), uint64(size), leaves[seq-1], raw(p), roots[size]); err != nil {
				t.Fatalf("entry %d in the tree of %d: merkle refuses the store's proof: %v", seq, size, err)
			}
		}
		for _, old := range sizes {
			if old < 1 || old > size {
				continue
			}
			p, err := st.ProveConsistency(ctx, old, size)
			check(t, err)
			if len(p) > 2*bits.Len64(uint64(size)) {
				t.Fatalf("the consistency proof of %d to %d has %d hashes", old, size, len(p))
			}
			if err := proof.VerifyConsistency(h, uint64(old), uint64(size), raw(p), roots[old], roots[size]); err != nil {
				t.Fatalf("%d to %d entries: merkle refuses the store's consistency proof: %v", old, size, err)
			}
		}
	}
	// A proof of the wrong leaf, or against the wrong root, fails with merkle too: the
	// checks above can fail.
	p, err := st.ProveInclusion(ctx, 1, n)
	check(t, err)
	if n > 1 && proof.VerifyInclusion(h, 0, uint64(n), leaves[1], raw(p), roots[n]) == nil {
		t.Fatal("merkle accepted a proof for another leaf")
	}
}

func raw(hs []tlog.Hash) [][]byte {
	out := make([][]byte, len(hs))
	for i := range hs {
		out[i] = hs[i][:]
	}
	return out
}

func TestTheTreeAgreesWithTransparencyDevMerkle(t *testing.T) {
	st, _ := recordWithFile(t)
	checkTreeIndependently(t, st)
}

// A record made before the tree gets its tree from the migration, over the bytes its
// chain hashes: the first canonical form for entries made before RFC 8785.
func TestTheMigrationBuildsTheTreeOfAnOlderRecord(t *testing.T) {
	onlySQLite(t, "the older record is a SQLite file")
	st, err := Open(context.Background(), legacyRecord(t), Options{Create: true, Actor: "test"})
	check(t, err)
	defer st.Close()
	checkTreeIndependently(t, st)
	legacy := 0
	for seq := int64(1); seq <= 9; seq++ {
		e, err := st.Entry(context.Background(), seq)
		check(t, err)
		leaf, err := st.LeafData(context.Background(), seq)
		check(t, err)
		if string(leaf) != string(CanonicalEntry(e.Seq, e.At.UTC().Format(timeLayout), e.Actor, e.Verb, e.Entity, e.ID, e.After)) {
			legacy++
		}
	}
	if legacy == 0 {
		t.Fatal("no entry of the legacy record has a leaf in the first canonical form: the test proves nothing about it")
	}
	if r := must[Report](t)(st.Verify(context.Background(), nil)); !r.OK {
		t.Fatalf("verify: %+v", r)
	}
}

// logged is a record with a signed checkpoint of its whole journal and a member state's
// cosignature of it; the last entry registered a source and nothing else.
func logged(t *testing.T) (st *Store, logKey *translog.LogSigner, size int64) {
	t.Helper()
	st, _ = recordWithFile(t)
	ctx := context.Background()
	wskey, wvkey, err := translog.GenerateKey(rand.Reader, "aa.example/witness", translog.WitnessKey)
	check(t, err)
	_, err = st.RegisterWitnessKey(ctx, "AA", wvkey)
	check(t, err)
	_, err = st.RegisterSource(ctx, secretariat.Source{ID: "last", Title: secretariat.T("Последний", "Last"), URL: "https://example.org/last", Class: secretariat.Media})
	check(t, err)
	skey, _, err := translog.GenerateKey(rand.Reader, "example.org/log", translog.LogKey)
	check(t, err)
	logKey, err = translog.NewLogSigner(skey)
	check(t, err)
	c, created, err := st.SignCheckpoint(ctx, logKey)
	check(t, err)
	if !created {
		t.Fatal("no checkpoint was made")
	}
	if _, again, err := st.SignCheckpoint(ctx, logKey); err != nil || again {
		t.Fatalf("a second checkpoint of the same journal: %v, %v", again, err)
	}
	cosigner, err := translog.NewCosigner(wskey, nil)
	check(t, err)
	text, _, err := translog.SplitNote(c.Note)
	check(t, err)
	line, err := translog.Cosign(text, cosigner)
	check(t, err)
	added, err := st.AddCosignature(ctx, append(append(text, '\n'), line+"\n"...))
	check(t, err)
	if len(added) != 1 || added[0] != "AA" {
		t.Fatalf("cosignatures added: %v", added)
	}
	r := must[Report](t)(st.Verify(ctx, nil))
	if !r.OK || r.Log.Checkpoints != 1 || r.Log.Cosignatures != 1 || r.Log.Size != c.Size {
		t.Fatalf("verify of the untouched record: %+v", r)
	}
	return st, logKey, c.Size
}

// Tampering with the tree, a checkpoint or a cosignature is caught by verify, which
// names the table and says what failed.
func TestVerifyCatchesTamperingWithTheLog(t *testing.T) {
	testkit.WithoutRace(t)
	st, _, size := logged(t)
	otherSkey, _, err := translog.GenerateKey(rand.Reader, "example.org/log", translog.LogKey)
	check(t, err)
	other, err := translog.NewLogSigner(otherSkey)
	check(t, err)
	forged, err := translog.Sign(translog.Checkpoint{Origin: "example.org/log", Size: size - 1, Root: tlog.RecordHash([]byte("forged"))}, other)
	check(t, err)
	_, intruderKey, err := translog.GenerateKey(rand.Reader, "bb.example/witness", translog.WitnessKey)
	check(t, err)
	cases := []struct {
		name  string
		sql   []string
		table string
		says  string
	}{
		{"a stored hash changed", []string{per(`UPDATE tree_hash SET hash = zeroblob(32) WHERE idx = 5`, `UPDATE tree_hash SET hash = decode(repeat('00', 32), 'hex') WHERE idx = 5`)}, "tree_hash", "column hash differs"},
		{"a stored hash removed", []string{`DELETE FROM tree_hash WHERE idx = (SELECT max(idx) FROM tree_hash)`}, "tree_hash", "missing from the tables"},
		{"the last entry dropped, with all it wrote", []string{
			`DELETE FROM source WHERE id = 'last'`, `DELETE FROM source_history WHERE id = 'last'`,
			fmt.Sprintf(`DELETE FROM tree_hash WHERE seq = %d`, size), fmt.Sprintf(`DELETE FROM journal WHERE seq = %d`, size),
			fmt.Sprintf(`DELETE FROM cosignature WHERE size = %d`, size)},
			"checkpoint", fmt.Sprintf("it signs %d entries, but the journal has %d", size, size-1)},
		{"a checkpoint's note edited", []string{`UPDATE checkpoint SET note = replace(note, 'example.org/log` + "\n" + fmt.Sprint(size) + `', 'example.org/log` + "\n" + fmt.Sprint(size-1) + `')`},
			"checkpoint", "does not verify"},
		{"a checkpoint of a forged root, signed by another key", []string{fmt.Sprintf(`INSERT INTO checkpoint(size, origin, root, note, log_key, signed_at) VALUES (%d, 'example.org/log', '%s', '%s', '%s', '2020-01-01T00:00:00.000000Z')`,
			size-1, translog.Checkpoint{Root: tlog.RecordHash([]byte("forged"))}.RootBase64(), forged, other.VerifierKey)},
			"checkpoint", "the journal was rewritten after it was signed"},
		{"a cosignature edited", []string{`UPDATE cosignature SET line = substr(line, 1, length(line) - 6) || 'AAAAA='`}, "cosignature", "does not verify"},
		{"a cosignature by a key the state never registered", []string{`UPDATE cosignature SET witness_key = '` + intruderKey + `'`}, "cosignature", "never AA's witness key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := verifyTampered(t, st, c.sql...)
			if r.OK || r.Table != c.table || !strings.Contains(r.Problem, c.says) {
				t.Fatalf("verify = %+v\nwant table %s named with %q", r, c.table, c.says)
			}
		})
	}
}

func TestTheLogsTablesAreAppendOnly(t *testing.T) {
	st, _, _ := logged(t)
	for _, q := range []string{
		per(`UPDATE tree_hash SET hash = zeroblob(32) WHERE idx = 0`, `UPDATE tree_hash SET hash = decode(repeat('00', 32), 'hex') WHERE idx = 0`), `DELETE FROM tree_hash`,
		`UPDATE checkpoint SET note = ''`, `DELETE FROM checkpoint`,
		`UPDATE cosignature SET line = ''`, `DELETE FROM cosignature`,
	} {
		if _, err := st.writer.Exec(q); err == nil || !strings.Contains(err.Error(), "never") && !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestCosignaturesAreRefusedUnlessARegisteredKeyMadeThem(t *testing.T) {
	st, _, size := logged(t)
	ctx := context.Background()
	c, err := st.LatestCheckpoint(ctx)
	check(t, err)
	text, _, _ := translog.SplitNote(c.Note)
	skey, vkey, _ := translog.GenerateKey(rand.Reader, "bb.example/witness", translog.WitnessKey)
	unregistered, _ := translog.NewCosigner(skey, nil)
	line, _ := translog.Cosign(text, unregistered)
	if _, err := st.AddCosignature(ctx, append(append(text, '\n'), line+"\n"...)); secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "register the state's key") {
		t.Fatalf("a cosignature by an unregistered key: %v", err)
	}
	other := translog.Checkpoint{Origin: "example.org/log", Size: size, Root: tlog.RecordHash([]byte("x"))}.Text()
	line2, _ := translog.Cosign(other, unregistered)
	if _, err := st.AddCosignature(ctx, append(append(other, '\n'), line2+"\n"...)); err == nil || !strings.Contains(err.Error(), "is not the one the log signed") {
		t.Fatalf("a cosignature of another tree of the same size: %v", err)
	}
	if _, err := st.AddCosignature(ctx, []byte("junk")); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("junk: %v", err)
	}
	if _, err := st.RegisterWitnessKey(ctx, "BB", strings.TrimSpace(mustKeyOf(t, st, "AA"))); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("one key for two states: %v", err)
	}
	if _, err := st.RegisterWitnessKey(ctx, "BB", "junk"); secretariat.ErrorCode(err) != secretariat.EINVALID {
		t.Fatalf("a junk key: %v", err)
	}
	_, err = st.RegisterWitnessKey(ctx, "BB", vkey)
	check(t, err)
	added, err := st.AddCosignature(ctx, append(append(text, '\n'), line+"\n"...))
	check(t, err)
	if len(added) != 1 || added[0] != "BB" {
		t.Fatalf("added %v", added)
	}
}

func mustKeyOf(t *testing.T, st *Store, state string) string {
	var k sql.NullString
	check(t, st.readers.QueryRow(`SELECT `+st.d.jsonText("doc", "witness_key")+` FROM state WHERE id = ?`, state).Scan(&k))
	return k.String
}
