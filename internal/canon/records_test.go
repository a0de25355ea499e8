package canon

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"secretariat"

	"github.com/gowebpki/jcs"
)

// Every record the store writes must canonicalize exactly as an independent RFC 8785
// implementation (github.com/gowebpki/jcs) canonicalizes encoding/json's encoding of it:
// that is what lets an auditor recompute the journal's hashes with any JCS library.

var d = secretariat.MustDate

func sampleRecords() []secretariat.Record {
	note := secretariat.T("Отложено до «следующей» сессии", "Deferred to the next session")
	access := secretariat.Access{Classification: "confidential", Parties: []string{"RU", "KZ"},
		PublicSummary: secretariat.TEN("A summary", "Резюме")}
	prov := secretariat.Provenance{Sources: []string{"src-1", "src-2"}, Illustrative: true}
	return []secretariat.Record{
		&secretariat.Position{ID: "x.US", Item: "x", State: "US", Stance: "joins"},
		&secretariat.Position{ID: "x.KZ", Item: "x", State: "KZ", Stance: "joins_with_reservation",
			Reservation: secretariat.T("С оговоркой по п. 3\n", "With a reservation on para 3"), Access: access, Provenance: prov},
		&secretariat.AgendaItem{ID: "cs-2024-1.3", Session: "cs-2024-1", Body: "cs", Date: d("2024-05-17"), Number: 3,
			Title: secretariat.T("О бюджете <2025> & «прочее»", "On the budget"), Kind: "substantive",
			DecisionKind: "budget", Rapporteur: secretariat.RecordRef{Kind: "body", ID: "cfm"},
			Documents: []secretariat.DocumentRef{{Title: secretariat.T("Проект", "Draft"), URL: "https://example.org/a?b=1&c=2"},
				{SHA256: "ab12", Ref: "CS/2024/3"}},
			Lineage: []secretariat.LineageStep{{Item: "mfa-2024-1.2", Body: "mfa", Date: d("2024-04-01"), Action: "agreed"}},
			Draft:   "draft-7",
			Outcome: &secretariat.Outcome{Result: "adopted_limited", DecidedOn: d("2024-05-17"), RuleFrom: d("2002-10-07"),
				Kind: "substantive", Procedure: secretariat.Procedure{Method: "qualified_majority", Majority: secretariat.Fraction{Num: 2, Den: 3}, OfAllMembers: true},
				Quorum: secretariat.Fraction{Num: 1, Den: 2}, AbsentBlocks: true,
				Tally:    secretariat.Tally{Members: 6, Joins: 4, Reservations: 1, NonInterest: 1, Ignored: 2},
				Blockers: []string{"AM"}, NotBound: []string{"TJ"}, Reason: "", Note: note},
			Access: access, Provenance: prov},
		&secretariat.AgendaItem{ID: "cs-2024-1.4", Session: "cs-2024-1", Body: "cs", Date: d("2024-05-17"), Number: 4,
			Title: secretariat.T("Процедурный вопрос", ""), Kind: "procedural", Outcome: &secretariat.Outcome{Result: "deferred", DecidedOn: d("2024-05-17")}},
		&secretariat.Task{ID: "t-1", Decision: "cs-2024-1", Session: "cs-2024-1", SetOn: d("2024-05-17"), Paragraph: "3.1",
			Text:        secretariat.T("Поручить секретариату", "Instruct the secretariat"),
			Responsible: secretariat.Responsible{Kind: "states", States: []string{"BY", "RU"}},
			Due:         d("2025-01-31"), Review: d("2024-12-01"), Sunset: d("2030-01-01"),
			Priority: secretariat.PriorityRef{Chairmanship: "ch-2024", N: 2}, Weight: 2.5, Status: "in_progress", Progress: 40,
			Links:  []secretariat.TaskLink{{Relation: "supersedes", Tasks: []string{"t-0"}}},
			Access: access, Provenance: prov},
		&secretariat.Task{ID: "t-2", Decision: "cs-2024-1", Session: "cs-2024-1", SetOn: d("2024-05-17"),
			Text: secretariat.T("Ежегодно", ""), Cycle: secretariat.T("ежегодно", "annually"), Weight: 0.1,
			Responsible: secretariat.Responsible{Kind: "secretariat"}, Status: "assigned"},
		&secretariat.Area{ID: "af-north", Name: secretariat.T("Север", "North"), ISO: "AF", Within: []string{"af"},
			Geometry: json.RawMessage(" {\"type\": \"Polygon\",\n \"coordinates\": [[[68.8, 37.1], [69.0, 37.5], [68.80, 37.10]]]} ")},
		&secretariat.Area{ID: "af", Name: secretariat.T("Афганистан", "Afghanistan"),
			Geometry: json.RawMessage(`{"coordinates":[68.8,37.1],"type":"Point"}`)},
		&secretariat.Body{ID: "cs", Name: secretariat.T("Совет коллективной безопасности", "Collective Security Council"),
			Short: secretariat.T("СКБ", "CSC"), Kind: "council", Parent: "",
			Rules: []secretariat.DecisionRule{
				{From: d("2002-10-07"), Substantive: secretariat.Procedure{Method: "consensus"}, Procedural: secretariat.Procedure{Method: "simple_majority"},
					Quorum: secretariat.Fraction{Num: 2, Den: 3}, AbsentBlocks: true, Basis: secretariat.T("Устав, ст. 12", "Charter, art. 12"), Provenance: prov},
				{From: d("2010-12-10"), Substantive: secretariat.Procedure{Method: "consensus_limited"}, Procedural: secretariat.Procedure{Method: "qualified_majority", Majority: secretariat.Fraction{Num: 2, Den: 3}, OfAllMembers: true}},
			},
			Rotation: secretariat.Rotation{Order: "ru_alphabetical"}, Provenance: prov},
		&secretariat.Decision{ID: "cs-2024-1", Body: "cs", Year: 2024, Number: 1, Item: "cs-2024-1.3", Session: "cs-2024-1",
			Date: d("2024-05-17"), Kind: "agreement", Title: secretariat.T("Соглашение", "Agreement"), Text: "Текст\tс табуляцией",
			Translations:         []secretariat.Translation{{Lang: "en", Text: "Text", Status: "official"}},
			RequiresRatification: true,
			Signatures:           []secretariat.Signature{{State: "RU", Date: d("2024-05-17")}},
			InForce:              []secretariat.EntryIntoForce{{State: "RU", Date: d("2024-09-01")}},
			NotBound:             []string{"TJ"}, Access: access, Provenance: prov},
	}
}

// sameAsJCS fails the test unless Marshal(v) is what gowebpki/jcs makes of
// json.Marshal(v).
func sameAsJCS(t *testing.T, v any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal(%T): %v", v, err)
	}
	want, err := jcs.Transform(raw)
	if err != nil {
		t.Fatalf("jcs.Transform(%s): %v", raw, err)
	}
	got, err := Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Marshal(%T) differs from JCS:\n got  %s\n want %s", v, got, want)
	}
}

func TestMarshalRecordsAsJCS(t *testing.T) {
	for _, r := range sampleRecords() {
		sameAsJCS(t, r)
	}
	for _, k := range secretariat.Kinds() {
		sameAsJCS(t, k.New())
	}
}

var (
	dateType = reflect.TypeFor[secretariat.Date]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// stringPool holds strings that exercise escapes, Cyrillic, characters beyond the Basic
// Multilingual Plane (which sort differently in UTF-16) and the line separators that
// encoding/json escapes and JCS does not.
var stringPool = []string{"", "a", "Решение", "x<y&z", "\"quoted\"\n\t", "\u2028\u2029", "\U0001F600 emoji", "\uFB01 ligature", "\x01\x1f"}

// rawPool holds embedded JSON, as GeoJSON geometry arrives.
var rawPool = []string{`{"type":"Point","coordinates":[62.0, 37.10]}`, `[1, 2.50, -0, 1e21, 1E-7]`, `{"b": {"z": null, "a": true}, "a": "\u0416"}`, `"x"`}

func randomString(r *rand.Rand) string {
	return stringPool[r.Intn(len(stringPool))] + stringPool[r.Intn(len(stringPool))]
}

func randomFloat(r *rand.Rand) float64 {
	switch r.Intn(5) {
	case 0:
		return float64(r.Intn(1000))
	case 1:
		return r.Float64() * 100
	case 2:
		return math.Ldexp(r.Float64(), r.Intn(140)-70)
	case 3:
		return 1e21 * float64(1+r.Intn(9))
	}
	return -r.NormFloat64()
}

func randomTree(r *rand.Rand, depth int) any {
	switch n := r.Intn(6); {
	case depth == 0 || n == 0:
		return randomString(r)
	case n == 1:
		return randomFloat(r)
	case n == 2:
		m := map[string]any{}
		for range r.Intn(4) {
			m[randomString(r)] = randomTree(r, depth-1)
		}
		return m
	case n == 3:
		a := make([]any, r.Intn(4))
		for i := range a {
			a[i] = randomTree(r, depth-1)
		}
		return a
	case n == 4:
		return r.Intn(2) == 0
	}
	return nil
}

// fill sets v to random contents: about a third of fields left zero, so that omitempty
// and omitzero are exercised both ways.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch {
	case v.Type() == dateType:
		v.Set(reflect.ValueOf(secretariat.NewDate(1990+r.Intn(60), time.Month(1+r.Intn(12)), 1+r.Intn(28))))
		return
	case v.Type() == rawType:
		v.Set(reflect.ValueOf(json.RawMessage(rawPool[r.Intn(len(rawPool))])))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomString(r))
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(r.Intn(2000) - 1000))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(r.Intn(1000)))
	case reflect.Float32, reflect.Float64:
		f := randomFloat(r)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 0.5
		}
		v.SetFloat(f)
	case reflect.Pointer:
		if depth > 0 && r.Intn(3) > 0 {
			p := reflect.New(v.Type().Elem())
			fill(r, p.Elem(), depth-1)
			v.Set(p)
		}
	case reflect.Slice:
		if depth == 0 || r.Intn(4) == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), r.Intn(4), 4)
		for i := 0; i < s.Len(); i++ {
			fill(r, s.Index(i), depth-1)
		}
		v.Set(s)
	case reflect.Map:
		if depth == 0 || r.Intn(4) == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for n := r.Intn(4); n > 0; n-- {
			k := reflect.New(v.Type().Key()).Elem()
			if k.Kind() == reflect.String {
				k.SetString(stringPool[r.Intn(len(stringPool))]) // valid UTF-8: records have such keys
			} else {
				fill(r, k, 0)
			}
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e, depth-1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() && r.Intn(3) > 0 {
				fill(r, f, depth)
			}
		}
	case reflect.Interface:
		if r.Intn(2) == 0 && v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(randomTree(r, 2)))
		}
	}
}

func TestMarshalRandomRecordsAsJCS(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for _, k := range secretariat.Kinds() {
		for range 300 {
			rec := k.New()
			fill(r, reflect.ValueOf(rec).Elem(), 3)
			sameAsJCS(t, rec)
		}
	}
}

// BenchmarkMarshal measures Marshal against encoding/json alone (the baseline in the same
// run) on a typical small record and on a larger one.
func BenchmarkMarshal(b *testing.B) {
	records := sampleRecords()
	cases := []struct {
		name string
		v    any
	}{
		{"position", &secretariat.Position{ID: "x.US", Item: "x", State: "US", Stance: "joins"}},
		{"item_with_outcome", records[2]},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.Run("encoding_json", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := json.Marshal(c.v); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("canonical", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Marshal(c.v); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
