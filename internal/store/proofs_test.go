package store_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"

	"secretariat"
	"secretariat/internal/store"
	"secretariat/internal/testkit/testrecord"
	"secretariat/internal/translog"
)

func TestTheDemoTreeAgreesWithTransparencyDevMerkle(t *testing.T) {
	store.CheckTreeIndependently(t, testrecord.SharedDemo(t))
}

// signedDemo is the demo with a checkpoint of its whole journal.
func signedDemo(t *testing.T) (*store.Store, *translog.LogSigner) {
	st := testrecord.Demo(t)
	skey, _, err := translog.GenerateKey(rand.Reader, "csto.example/secretariat", translog.LogKey)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := translog.NewLogSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SignCheckpoint(context.Background(), signer); err != nil {
		t.Fatal(err)
	}
	return st, signer
}

func checkBundle(t *testing.T, b *translog.Bundle, signer *translog.LogSigner) *translog.Verdict {
	t.Helper()
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := translog.ParseBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	v, err := translog.NewLogVerifier(signer.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	verdict, err := translog.Check(parsed, v, nil)
	if err != nil {
		t.Fatalf("the bundle of %s %s for %s does not check: %v", b.Kind, b.ID, b.Viewer, err)
	}
	return verdict
}

// restrictedTexts returns every string of the records an entry wrote that the public
// may not see: what must never reach a public reader.
func restrictedTexts(t *testing.T, st *store.Store, seq int64) []string {
	e, err := st.Entry(context.Background(), seq)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := e.Changes()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	public := ""
	for _, c := range changes {
		var a secretariat.Access
		json.Unmarshal(c.Doc, &a)
		if secretariat.Anonymous.CanSee(a) {
			public += string(c.Doc)
		}
	}
	for _, c := range changes {
		var a secretariat.Access
		json.Unmarshal(c.Doc, &a)
		if secretariat.Anonymous.CanSee(a) {
			continue
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				// Words of the record's own (IDs and dates of public records it names
				// are public).
				if strings.Contains(x, " ") && !strings.Contains(public, x) {
					out = append(out, x)
				}
			case map[string]any:
				for _, y := range x {
					walk(y)
				}
			case []any:
				for _, y := range x {
					walk(y)
				}
			}
		}
		var doc any
		json.Unmarshal(c.Doc, &doc)
		walk(doc)
	}
	return out
}

// Proofs reveal nothing a reader may not see. In the demo, entry 394 decided the public
// item csc-2019-11-28-3 and wrote the restricted decision csc-2019-3 with it: the public
// reader's bundle of the item gives that entry as its leaf hash only, holds no text of
// the decision, and still verifies; a delegate's bundle shows the entry in full. The
// restricted decision's own proof is not found for the public, as its page is not.
func TestAPublicProofHoldsNoRestrictedText(t *testing.T) {
	st, signer := signedDemo(t)
	ctx := context.Background()
	secret := restrictedTexts(t, st, 394)
	if len(secret) == 0 {
		t.Fatal("entry 394 wrote no restricted record: the demo changed, and this test proves nothing")
	}
	pub, err := st.ProveRecord(ctx, secretariat.Anonymous, "item", "csc-2019-11-28-3")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := pub.Marshal()
	for _, s := range secret {
		if strings.Contains(string(data), s) || strings.Contains(string(data), strings.ReplaceAll(s, `"`, `\"`)) {
			t.Fatalf("the public bundle holds restricted text %q", s)
		}
	}
	withheld := false
	for _, l := range pub.Entries {
		if l.Seq == 394 {
			withheld = l.Entry == "" && l.LeafHash != ""
		}
	}
	if !withheld {
		t.Fatal("entry 394 is not withheld from the public")
	}
	v := checkBundle(t, pub, signer)
	if len(v.Withheld) != 1 || v.Withheld[0] != 394 || len(v.Wrote) == 0 {
		t.Fatalf("verdict %+v", v)
	}
	del, err := st.ProveRecord(ctx, secretariat.Viewer{Role: secretariat.RoleDelegate, State: "KG"}, "item", "csc-2019-11-28-3")
	if err != nil {
		t.Fatal(err)
	}
	if v := checkBundle(t, del, signer); len(v.Withheld) != 0 {
		t.Fatalf("a delegate's bundle withholds %v", v.Withheld)
	}
	if _, err := st.ProveRecord(ctx, secretariat.Anonymous, "decision", "csc-2019-3"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatalf("the public asked for the restricted decision's proof: %v", err)
	}
	// A public record written by public entries alone: every entry in full.
	dec, err := st.ProveRecord(ctx, secretariat.Anonymous, "decision", "csc-2019-8")
	if err != nil {
		t.Fatal(err)
	}
	if v := checkBundle(t, dec, signer); len(v.Withheld) != 0 || len(v.Wrote) != len(dec.Entries) {
		t.Fatalf("verdict %+v", v)
	}
}

func TestAProofNeedsACheckpointThatCoversTheRecord(t *testing.T) {
	st := testrecord.Demo(t)
	ctx := context.Background()
	if _, err := st.ProveRecord(ctx, secretariat.Secretariat, "decision", "csc-2019-8"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND || !strings.Contains(err.Error(), "no signed checkpoint") {
		t.Fatalf("a proof before any checkpoint: %v", err)
	}
}
