package canon

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"github.com/gowebpki/jcs"
)

// The examples of RFC 8785 and its companion test vectors, written out by hand.
func TestCanonicalizeAsRFC8785(t *testing.T) {
	cases := []struct{ in, want string }{
		// RFC 8785 §3.2.2: the example of sorting, numbers and strings.
		{`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
		   "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
		   "literals": [null, true, false]}`,
			`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`},
		// RFC 8785 §3.2.3: members sorted by UTF-16 code units, not by code points.
		{`{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
		   "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}`,
			"{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"},
		// The GeoJSON numbers that made two demo documents differ from JCS before.
		{`{"type":"Point","coordinates":[62.0, 37.10]}`, `{"coordinates":[62,37.1],"type":"Point"}`},
		// U+2028 and U+2029 are written as themselves; < > & too.
		{`"a\u2028b\u2029<>&"`, "\"a\u2028b\u2029<>&\""},
		{`-0`, `0`},
		{`[1e21, 1e20, 1e-7, 1e-6, 123e-8, 9007199254740992, -9007199254740992, 10000000000000000]`,
			`[1e+21,100000000000000000000,1e-7,0.000001,0.00000123,9007199254740992,-9007199254740992,10000000000000000]`},
	}
	for _, c := range cases {
		got, err := Canonicalize([]byte(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("Canonicalize(%s)\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

// ECMAScript's Number.prototype.toString, as JCS's appendix B lists it.
func TestNumbersAsECMAScript(t *testing.T) {
	cases := map[uint64]string{
		0x0000000000000000: "0",
		0x8000000000000000: "0",
		0x0000000000000001: "5e-324",
		0x8000000000000001: "-5e-324",
		0x7fefffffffffffff: "1.7976931348623157e+308",
		0xffefffffffffffff: "-1.7976931348623157e+308",
		0x4340000000000000: "9007199254740992",
		0xc340000000000000: "-9007199254740992",
		0x4430000000000000: "295147905179352830000",
		0x44b52d02c7e14af5: "9.999999999999997e+22",
		0x44b52d02c7e14af6: "1e+23",
		0x44b52d02c7e14af7: "1.0000000000000001e+23",
		0x444b1ae4d6e2ef4e: "999999999999999700000",
		0x444b1ae4d6e2ef4f: "999999999999999900000",
		0x444b1ae4d6e2ef50: "1e+21",
		0x3eb0c6f7a0b5ed8c: "9.999999999999997e-7",
		0x3eb0c6f7a0b5ed8d: "0.000001",
		0x41b3de4355555553: "333333333.3333332",
		0x41b3de4355555554: "333333333.33333325",
		0x41b3de4355555555: "333333333.3333333",
		0x41b3de4355555556: "333333333.3333334",
		0x41b3de4355555557: "333333333.33333343",
		0xbecbf647612f3696: "-0.0000033333333333333333",
		0x43143ff3c1cb0959: "1424953923781206.2",
	}
	for bits, want := range cases {
		got, err := AppendNumber(nil, math.Float64frombits(bits))
		if err != nil || string(got) != want {
			t.Errorf("%#016x: %s (%v), want %s", bits, got, err, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := AppendNumber(nil, f); err == nil {
			t.Errorf("%v was written", f)
		}
	}
}

// What JCS cannot represent faithfully is refused, never changed.
func TestCanonicalizeRefuses(t *testing.T) {
	for _, in := range []string{
		`{} {}`, `{"a":`, `[1,]`, `{"a":1,}`, `01`, `1.`, `.5`, `+1`, `1e`, `nul`, `"\x"`, "\"a\x01\"", "\"\xff\"",
		`{"a":1,"a":2}`,                           // duplicate names (the last would win silently)
		`9007199254740993`,                        // above 2^53 and not a double: it would be rounded
		`-123456789012345678901234567890`,         // likewise
		`1e400`,                                   // beyond a double
		`"\ud800"`, `"\udc00x"`, `"\ud800\u0041"`, // lone surrogates
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
	} {
		if out, err := Canonicalize([]byte(in)); err == nil {
			t.Errorf("%.40q was accepted as %.40s", in, out)
		}
	}
}

// The string writer escapes exactly what JCS escapes.
func TestAppendStringAsJCS(t *testing.T) {
	check := func(s string) bool {
		var got bytes.Buffer
		AppendString(&got, s)
		raw, err := json.Marshal(s)
		if err != nil {
			return false
		}
		want, err := jcs.Transform(raw)
		return err == nil && got.String() == string(want)
	}
	if err := quick.Check(check, &quick.Config{MaxCount: 5000}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "\x00\x1f\"\\/", "Решение №5", "\xff\xfe", "a\u2028b\u2029", "<>&", "\U0001F600"} {
		if !check(s) {
			t.Errorf("disagree on %q", s)
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

// A panicking MarshalJSON fails the encoding instead of the program.
type panicky struct{}

func (panicky) MarshalJSON() ([]byte, error) { panic("boom") }

func TestMarshalTurnsPanicsIntoErrors(t *testing.T) {
	if _, err := Marshal(panicky{}); err == nil || !strings.Contains(err.Error(), "panic") {
		t.Fatalf("got %v", err)
	}
}

// FuzzCanonicalize holds Canonicalize to the independent implementation: on input both
// accept, the bytes are the same; what Canonicalize accepts is valid JSON, canonicalizes
// to itself, and means what the input meant.
func FuzzCanonicalize(f *testing.F) {
	f.Add([]byte(`{"b":1,"a":[true,null,"x"]}`))
	f.Add([]byte(`"\u0416"`))
	f.Add([]byte(`[1.5e300, -0, 0.1, 62.0, 1E-7]`))
	f.Add([]byte(`{"\ud83d\ude00":1,"\ufb33":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Canonicalize(data)
		if err != nil {
			return
		}
		if !json.Valid(out) {
			t.Fatalf("invalid output %q", out)
		}
		again, err := Canonicalize(out)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", data, out, again, err)
		}
		if want, err := jcs.Transform(data); err == nil && !bytes.Equal(out, want) {
			t.Fatalf("differs from gowebpki/jcs on %q:\n got  %s\n want %s", data, out, want)
		}
		var a, b any
		if json.Unmarshal(data, &a) == nil && json.Unmarshal(out, &b) == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("the meaning changed: %v -> %v", a, b) // DeepEqual holds -0 equal to 0, as JCS does
		}
	})
}
