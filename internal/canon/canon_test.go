package canon

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/quick"
)

func TestCanonicalizeSortsAndCompacts(t *testing.T) {
	got, err := Canonicalize([]byte(`{ "b": [1, 2.50, {"z":null,"a":true}], "a": "x<y&z", "é": "\u2028" }`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":"x<y&z","b":[1,2.50,{"a":true,"z":null}],"é":"\u2028"}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestCanonicalizeRefusesTrailingData(t *testing.T) {
	if _, err := Canonicalize([]byte(`{} {}`)); err == nil {
		t.Fatal("two values were accepted")
	}
	if _, err := Canonicalize([]byte(`{"a":`)); err == nil {
		t.Fatal("truncated value was accepted")
	}
}

// The string writer must agree with encoding/json (HTML escaping off) on every string,
// so that canonical output is what any JSON library that sorts keys would produce.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	check := func(s string) bool {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			return false
		}
		var got bytes.Buffer
		AppendString(&got, s)
		return got.String() == string(bytes.TrimSuffix(want.Bytes(), []byte("\n")))
	}
	if err := quick.Check(check, &quick.Config{MaxCount: 5000}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "\x00\x1f\"\\", "Решение №5", "\xff\xfe", "a\u2028b\u2029", "<>&"} {
		if !check(s) {
			t.Fatalf("disagree on %q", s)
		}
	}
}

func TestCanonicalIsIdempotent(t *testing.T) {
	check := func(m map[string][]string) bool {
		a, err := Marshal(m)
		if err != nil {
			return false
		}
		b, err := Canonicalize(a)
		return err == nil && bytes.Equal(a, b)
	}
	if err := quick.Check(check, nil); err != nil {
		t.Fatal(err)
	}
}

func FuzzCanonicalize(f *testing.F) {
	f.Add([]byte(`{"b":1,"a":[true,null,"x"]}`))
	f.Add([]byte(`"\u0416"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Canonicalize(data)
		if err != nil {
			return
		}
		again, err := Canonicalize(out)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", data, out, again, err)
		}
		if !json.Valid(out) {
			t.Fatalf("invalid output %q", out)
		}
	})
}
