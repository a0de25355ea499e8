package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// syntheticSize is the size of the synthetic journal of the benchmarks: 1,000,000
// entries, or 10,000 under -short, where the test command runs each benchmark once to
// prove it still runs, not to measure it.
func syntheticSize() int64 {
	if testing.Short() {
		return 10_000
	}
	return 1_000_000
}

// syntheticLeaves appends to arena the canonical bytes of synthetic journal entries
// from..from+n-1 (1-based), each a member state's recorded vote on a roll call as the
// UN import writes it (about 330 bytes: small entries, the hardest case for the tree,
// whose cost per leaf is fixed), and returns them.
func syntheticLeaves(from, n int64, arena []byte) ([][]byte, []byte) {
	arena = arena[:0]
	offs := make([]int, 0, n+1)
	states := [...]string{"AM", "BY", "KG", "KZ", "RU", "TJ", "US", "FR", "CN", "IN"}
	stances := [...]string{"joins", "objects", "abstains", "absent"}
	for seq := from; seq < from+n; seq++ {
		item := "unga-" + strconv.FormatInt(seq/193, 10)
		st := states[seq%int64(len(states))]
		id := item + "." + st
		doc := fmt.Sprintf(`{"records":[{"doc":{"id":%q,"item":%q,"stance":%q,"state":%q},"id":%q,"kind":"position"}]}`,
			id, item, stances[seq%4], st, id)
		at := time.Date(1946, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(seq) * time.Minute).Format(timeLayout)
		offs = append(offs, len(arena))
		arena = append(arena, CanonicalEntry(seq, at, "import:unvotes", "RecordPosition", "position", id, []byte(doc))...)
	}
	offs = append(offs, len(arena))
	out := make([][]byte, n)
	for i := range out {
		out[i] = arena[offs[i]:offs[i+1]]
	}
	return out, arena
}

// timeTree builds the tree of leaves on m, chunk by chunk, timing raw SHA-256 over each
// chunk's bytes and then the tree's appending of the chunk. It returns the total times
// and each chunk's ratio raw/tree.
func timeTree(m *memTree, leaves [][]byte, chunk int) (raw, tree time.Duration, ratios []float64) {
	var sink byte
	for from := 0; from < len(leaves); from += chunk {
		part := leaves[from:min(from+chunk, len(leaves))]
		t0 := time.Now()
		for _, l := range part {
			sum := sha256.Sum256(l)
			sink ^= sum[0]
		}
		t1 := time.Now()
		for _, l := range part {
			m.add(l)
		}
		t2 := time.Now()
		raw, tree = raw+t1.Sub(t0), tree+t2.Sub(t1)
		ratios = append(ratios, float64(t1.Sub(t0))/float64(t2.Sub(t1)))
	}
	_ = sink
	return raw, tree, ratios
}

// reportTree reports the tree's throughput against raw SHA-256's: the median of the
// chunks' ratios (on a shared machine a burst of other work slows one timing of a chunk,
// not the middle of many) and the ratio of the totals.
func reportTree(b *testing.B, raw, tree time.Duration, ratios []float64, size int64, entries int) {
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "raw/tree")
	b.ReportMetric(float64(raw)/float64(tree), "raw/tree-total")
	b.ReportMetric(float64(size)/1e6/raw.Seconds(), "raw-MB/s")
	b.ReportMetric(float64(size)/1e6/tree.Seconds(), "tree-MB/s")
	b.ReportMetric(float64(size)/float64(entries), "bytes/entry")
}

// MeasureTree times the tree of leaves from scratch against raw SHA-256, as
// BenchmarkTreeFromScratch does, for the UN archive's benchmark in package store_test.
func measureTree(b *testing.B, leaves [][]byte) {
	var size int64
	for _, l := range leaves {
		size += int64(len(l))
	}
	runtime.GC()
	raw, tree, ratios := timeTree(&memTree{hashes: make([]tlog.Hash, 0, tlog.StoredHashCount(int64(len(leaves))))}, leaves, 100)
	reportTree(b, raw, tree, ratios, size, len(leaves))
}

// BenchmarkTreeFromScratch builds the tree of a 1,000,000-entry synthetic journal in
// memory, as migration 6 and a replay do, against raw SHA-256 over the same bytes in the
// same run. It reports raw/tree: the tree's throughput as a fraction of SHA-256's
// (target: at least 0.5). The entries are made beforehand, chunk by chunk, out of both
// timings.
func BenchmarkTreeFromScratch(b *testing.B) {
	for b.Loop() {
		const chunk = 10_000
		var raw, tree time.Duration
		var ratios []float64
		var size int64
		m := &memTree{hashes: make([]tlog.Hash, 0, tlog.StoredHashCount(syntheticSize()))}
		var arena []byte
		for from := int64(1); from <= syntheticSize(); from += chunk {
			var leaves [][]byte
			leaves, arena = syntheticLeaves(from, chunk, arena)
			size += int64(len(arena))
			runtime.GC() // the garbage of making the entries is not the tree's
			r, t, rs := timeTree(m, leaves, chunk)
			raw, tree, ratios = raw+r, tree+t, append(ratios, rs...)
		}
		reportTree(b, raw, tree, ratios, size, int(syntheticSize()))
	}
}

// syntheticJournal makes a record whose journal holds the 1,000,000 synthetic entries,
// written straight into the journal and the tree (verbs would take an hour), so that
// the store's own proofs can be timed on a journal of that size.
func syntheticJournal(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "synthetic.db"), Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	tx, err := st.writer.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	journal, err := tx.PrepareContext(ctx, `INSERT INTO journal(`+entryColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	hashes, err := tx.PrepareContext(ctx, `INSERT INTO tree_hash(idx, seq, hash) VALUES (?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	var m memTree
	var arena []byte
	prev := GenesisHash
	for from := int64(1); from <= syntheticSize(); from += 10_000 {
		var leaves [][]byte
		leaves, arena = syntheticLeaves(from, 10_000, arena)
		for i, l := range leaves {
			seq := from + int64(i)
			base := int64(len(m.hashes))
			hs := m.add(l)
			hash := ChainHash(prev, l)
			// The columns are placeholders but for seq and hash: the proofs read the tree.
			if _, err := journal.Exec(seq, "1946-01-01T00:00:00.000000Z", "import:unvotes", "RecordPosition", "position", "x", "{}", prev, hash); err != nil {
				b.Fatal(err)
			}
			prev = hash
			for j, h := range hs {
				if _, err := hashes.Exec(base+int64(j), seq, h[:]); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkProofsOfASyntheticJournal times an inclusion proof made by the store
// (target: under 1 ms) and checked with tlog (target: under 100 µs) in a journal of
// 1,000,000 entries, for entries drawn at random.
func BenchmarkProofsOfASyntheticJournal(b *testing.B) {
	st := syntheticJournal(b)
	benchmarkProofs(b, st)
}

// benchmarkProofs times inclusion proofs of random entries in the whole journal.
func benchmarkProofs(b *testing.B, st *Store) {
	ctx := context.Background()
	size, root, err := st.TreeHead(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	type made struct {
		seq   int64
		leaf  tlog.Hash
		proof []tlog.Hash
	}
	var proofs []made
	b.Run("prove", func(b *testing.B) {
		for b.Loop() {
			seq := 1 + rng.Int64N(size)
			p, err := st.ProveInclusion(ctx, seq, size)
			if err != nil {
				b.Fatal(err)
			}
			if len(proofs) < 1000 {
				proofs = append(proofs, made{seq: seq, proof: p})
			}
		}
	})
	for i := range proofs {
		h, err := readerTree(ctx, st.readers, "tree_hash").ReadHashes([]int64{tlog.StoredHashIndex(0, proofs[i].seq-1)})
		if err != nil {
			b.Fatal(err)
		}
		proofs[i].leaf = h[0]
	}
	b.Run("check", func(b *testing.B) {
		i := 0
		for b.Loop() {
			p := proofs[i%len(proofs)]
			if err := tlog.CheckRecord(p.proof, size, root, p.seq-1, p.leaf); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(len(proofs[0].proof)), "hashes/proof")
	})
}
