package report_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"secretariat"
	"secretariat/internal/report"
	"secretariat/internal/testkit/testrecord"
	"secretariat/internal/translog"
)

// The year in review prints the first signed checkpoint that covers the record it reads:
// size, root hash and signatures, which open with the log's key, and the root of the
// tree the review reads, which a consistency proof joins to the checkpoint's.
func TestTheReviewPrintsTheYearEndCheckpoint(t *testing.T) {
	st := testrecord.Demo(t)
	ctx := context.Background()
	r, err := report.Build(ctx, st, 2019, time.Time{}, secretariat.Anonymous)
	if err != nil {
		t.Fatal(err)
	}
	if r.Log != nil {
		t.Fatalf("a review of a record whose log signed nothing prints a checkpoint: %+v", r.Log)
	}
	skey, vkey, _ := translog.GenerateKey(rand.Reader, "csto.example/secretariat", translog.LogKey)
	signer, _ := translog.NewLogSigner(skey)
	c, _, err := st.SignCheckpoint(ctx, signer)
	if err != nil {
		t.Fatal(err)
	}
	r, err = report.Build(ctx, st, 2019, time.Time{}, secretariat.Anonymous)
	if err != nil {
		t.Fatal(err)
	}
	l := r.Log
	if l == nil || l.Entries != r.Journal.Entries || l.Size != c.Size || l.Members != 6 || len(l.Cosigners) != 0 {
		t.Fatalf("the year-end checkpoint: %+v (journal %+v, checkpoint of %d)", l, r.Journal, c.Size)
	}
	root, _ := st.TreeHash(ctx, l.Entries)
	proof, _ := st.ProveConsistency(ctx, l.Entries, l.Size)
	verifier, _ := translog.NewLogVerifier(vkey)
	signed, _, err := translog.Open([]byte(l.Note), verifier)
	if err != nil {
		t.Fatalf("the printed checkpoint does not open with the log's key: %v", err)
	}
	yearEnd := translog.Checkpoint{Origin: signed.Origin, Size: l.Entries, Root: root}
	if yearEnd.RootBase64() != l.Root || translog.Consider(&yearEnd, signed, proof) != nil {
		t.Fatal("the year's tree is not a prefix of the printed checkpoint's")
	}
	for lang, want := range map[secretariat.Lang]string{
		secretariat.EN: "This review reads journal entries 1 to 616, whose Merkle tree has the root hash " + l.Root + ". The checkpoint of",
		secretariat.RU: "Обзор составлен по записям журнала с 1 по 616; корневой хеш их дерева Меркла — " + l.Root + ".",
	} {
		var b bytes.Buffer
		if err := report.RenderMarkdown(&b, r, report.RenderOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: the review does not say %q", lang, want)
		}
		for _, line := range strings.Split(strings.TrimSpace(l.Note), "\n") {
			if line != "" && !strings.Contains(b.String(), "`"+line+"`") {
				t.Errorf("%s: the review does not print the checkpoint's line %q", lang, line)
			}
		}
	}
}
