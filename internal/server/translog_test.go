package server

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"secretariat/internal/translog"
)

// The log's routes over the demo record: the checkpoint, consistency proofs, a
// cosignature taken only from a registered witness key, a record's proof for each reader,
// and the record pages' line about the log, which a cosignature changes at once.
func TestTheLogsRoutes(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	pub := ts.anonymous()
	if res := pub.get("/checkpoint"); res.Code != http.StatusNotFound || !strings.Contains(res.Body.String(), "no signed checkpoint") {
		t.Fatalf("/checkpoint before any: %d %s", res.Code, res.Body)
	}
	if res := pub.get("/decisions/csc-2019-8"); strings.Contains(res.Body.String(), "Signed checkpoint") || !strings.Contains(res.Body.String(), "/records/decision/csc-2019-8/proof") {
		t.Fatalf("the decision's page before any checkpoint:\n%s", res.Body)
	}
	skey, vkey, _ := translog.GenerateKey(rand.Reader, "csto.example/secretariat", translog.LogKey)
	signer, _ := translog.NewLogSigner(skey)
	verifier, _ := translog.NewLogVerifier(vkey)
	wskey, wvkey, _ := translog.GenerateKey(rand.Reader, "kg.example/witness", translog.WitnessKey)
	if _, err := ts.st.RegisterWitnessKey(ctx, "KG", wvkey); err != nil {
		t.Fatal(err)
	}
	first, _, err := ts.st.SignCheckpoint(ctx, signer)
	if err != nil {
		t.Fatal(err)
	}
	res := pub.get("/checkpoint")
	c, _, err := translog.Open(res.Body.Bytes(), verifier)
	if res.Code != http.StatusOK || err != nil || c.Size != first.Size {
		t.Fatalf("/checkpoint: %d %v\n%s", res.Code, err, res.Body)
	}
	if !strings.Contains(pub.get("/decisions/csc-2019-8").Body.String(), "cosigned by 0 of 6 member states") {
		t.Fatal("the page does not say the checkpoint is not cosigned")
	}

	// A cosignature by the registered key is kept; the page says so at once.
	cosigner, _ := translog.NewCosigner(wskey, nil)
	text, _, _ := translog.SplitNote(first.Note)
	line, _ := translog.Cosign(text, cosigner)
	post := func(body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/checkpoint/cosignature", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		return pub.do(req)
	}
	if res := post(string(text) + "\n" + line + "\n"); res.Code != http.StatusOK || !strings.Contains(res.Body.String(), "cosigned by 1 of 6 member states") {
		t.Fatalf("posting a cosignature: %d %s", res.Code, res.Body)
	}
	if !strings.Contains(pub.get("/decisions/csc-2019-8").Body.String(), "cosigned by 1 of 6 member states") {
		t.Fatal("the page still shows the checkpoint uncosigned")
	}
	if !strings.Contains(pub.get("/checkpoint").Body.String(), line+"\n") {
		t.Fatal("/checkpoint does not carry the cosignature")
	}
	otherSkey, _, _ := translog.GenerateKey(rand.Reader, "xx.example/witness", translog.WitnessKey)
	other, _ := translog.NewCosigner(otherSkey, nil)
	otherLine, _ := translog.Cosign(text, other)
	for body, want := range map[string]int{
		string(text) + "\n" + otherLine + "\n": http.StatusBadRequest,
		"nonsense":                             http.StatusBadRequest,
		strings.Replace(string(text), fmt.Sprintf("\n%d\n", first.Size), fmt.Sprintf("\n%d\n", first.Size-1), 1) + "\n" + line + "\n": http.StatusNotFound,
	} {
		if res := post(body); res.Code != want {
			t.Errorf("posting %q: %d %s, want %d", body[:min(40, len(body))], res.Code, res.Body, want)
		}
	}

	// Consistency from the first checkpoint to a later one.
	if _, err := ts.st.RegisterWitnessKey(ctx, "KZ", wvkey); err == nil {
		t.Fatal("one key for two states")
	}
	_, kzV, _ := translog.GenerateKey(rand.Reader, "kz.example/witness", translog.WitnessKey)
	if _, err := ts.st.RegisterWitnessKey(ctx, "KZ", kzV); err != nil {
		t.Fatal(err)
	}
	second, _, err := ts.st.SignCheckpoint(ctx, signer)
	if err != nil {
		t.Fatal(err)
	}
	res = pub.get("/checkpoint/consistency?old=" + strconv.FormatInt(first.Size, 10))
	proof, err := translog.ParseProof("the proof", res.Body.Bytes())
	if res.Code != http.StatusOK || err != nil {
		t.Fatalf("consistency: %d %v %s", res.Code, err, res.Body)
	}
	if err := translog.Consider(&first.Checkpoint, second.Checkpoint, proof); err != nil {
		t.Fatalf("the served consistency proof does not hold: %v", err)
	}
	for _, q := range []string{"", "?old=x", "?old=0", "?old=5&new=99999"} {
		if res := pub.get("/checkpoint/consistency" + q); res.Code == http.StatusOK {
			t.Errorf("consistency%s: %d", q, res.Code)
		}
	}

	// Proofs for each reader.
	res = pub.get("/records/decision/csc-2019-8/proof")
	b, err := translog.ParseBundle(res.Body.Bytes())
	if res.Code != http.StatusOK || err != nil {
		t.Fatalf("the public proof: %d %v", res.Code, err)
	}
	if v, err := translog.Check(b, verifier, nil); err != nil || len(v.Listed) != 0 {
		t.Fatalf("the public proof: %+v %v", v, err)
	}
	res = pub.get("/records/decision/csc-2019-3/proof")
	if res.Code != http.StatusNotFound || strings.Contains(res.Body.String(), "entries") {
		t.Fatalf("the public asked for a restricted decision's proof: %d", res.Code)
	}
	if res := ts.signIn("del-KG").get("/records/decision/csc-2019-3/proof"); res.Code != http.StatusOK {
		t.Fatalf("a delegate asked for a restricted decision's proof: %d", res.Code)
	}
	if res := pub.get("/records/spaceship/x/proof"); res.Code != http.StatusNotFound {
		t.Fatalf("an unknown kind: %d", res.Code)
	}
}
