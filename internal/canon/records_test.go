package canon

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"reflect"
	"sync"
	"testing"
	"time"

	"secretariat"
)

// The records the store writes must come out of the fast path (that is the point of it)
// and byte for byte as before (the journal's hashes depend on it).

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

func TestMarshalRecords(t *testing.T) {
	for _, r := range sampleRecords() {
		mustBeFast(t, r)
		mustBeFast(t, reflect.ValueOf(r).Elem().Interface()) // unaddressable: value-receiver paths
	}
	for _, k := range secretariat.Kinds() {
		mustBeFast(t, k.New())
		mustBeFast(t, reflect.ValueOf(k.New()).Elem().Interface())
	}
}

var (
	dateType = reflect.TypeFor[secretariat.Date]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

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
				k.SetString(stringPool[r.Intn(7)]) // valid UTF-8: records have such keys
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

func TestMarshalRandomRecords(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for _, k := range secretariat.Kinds() {
		for range 500 {
			rec := k.New()
			fill(r, reflect.ValueOf(rec).Elem(), 3)
			mustBeFast(t, rec)
			equivalent(t, reflect.ValueOf(rec).Elem().Interface())
		}
	}
}

// BenchmarkMarshal compares the slow definition with the fast path on a typical small
// record and on a larger one.
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
			b.Run("slow", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := marshalSlow(c.v); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("fast", func(b *testing.B) {
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

// The plan cache and the buffer pool are shared; run under -race to check them.
func TestMarshalConcurrent(t *testing.T) {
	records := sampleRecords()
	want := make([][]byte, len(records))
	for i, r := range records {
		var err error
		if want[i], err = marshalSlow(r); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 200 {
				i := (g + n) % len(records)
				got, err := Marshal(records[i])
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("goroutine %d: %s (%v)", g, got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
