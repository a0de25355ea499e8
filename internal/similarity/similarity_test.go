package similarity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// corpus is a small but realistic set of tasks of a regional security
// organization. It contains exactly two intended near-duplicates:
//
//   - ct-2019 / ct-members: the same Russian task reworded (verb added,
//     "государств-членов" inserted, years dropped, different word forms);
//   - crisis-mech / crisis-en: crisis-mech has Russian text plus an English
//     translation, crisis-en has English text only, a rewording of that
//     translation. They can only be matched in English.
//
// Everything else is unrelated but deliberately shares generic vocabulary
// ("план", "подготовить", "операция", "2020", "государств-членов",
// "противодействию") with the duplicates and with each other, so that the
// test shows the threshold is not met by boilerplate alone.
var corpus = []Doc{
	{
		ID: "ct-2019",
		RU: "Подготовить план коллективных действий по реализации Глобальной контртеррористической стратегии ООН на 2019–2021 годы",
		EN: "Prepare a plan of collective action to implement the UN Global Counter-Terrorism Strategy for 2019–2021",
	},
	{
		ID: "ct-members",
		RU: "Разработать и подготовить план коллективных действий государств-членов по реализации Глобальной контртеррористической стратегии ООН",
	},
	{
		ID: "exercises-2020",
		RU: "Разработать план совместных учений на 2020 год",
		EN: "Develop a plan of joint exercises for 2020",
	},
	{
		ID: "kanal",
		RU: "Организовать антинаркотическую операцию «Канал»",
		EN: "Organize the anti-drug operation \"Channel\"",
	},
	{
		ID: "nelegal",
		RU: "Провести оперативно-профилактическую операцию «Нелегал» по противодействию незаконной миграции",
	},
	{
		ID: "proxy",
		RU: "Обеспечить проведение операции «PROXY» по противодействию преступлениям в информационной сфере",
		EN: "Conduct operation PROXY to counter crime in the information sphere",
	},
	{
		ID: "budget-2020",
		RU: "Утвердить бюджет Организации на 2020 год и представить отчёт об исполнении бюджета за 2019 год",
		EN: "Approve the budget of the Organization for 2020 and submit a report on the execution of the 2019 budget",
	},
	{
		ID: "peacekeeping",
		RU: "Провести совместное учение миротворческих сил «Нерушимое братство»",
	},
	{
		ID: "ct-training",
		RU: "Организовать подготовку кадров для подразделений государств-членов по борьбе с терроризмом",
	},
	{
		ID: "air-defence",
		RU: "Создать объединённую систему противовоздушной обороны государств-членов",
		EN: "Establish a joint air defence system of the member States",
	},
	{
		ID: "crisis-mech",
		RU: "Разработать механизм кризисного реагирования Организации на чрезвычайные ситуации",
		EN: "Develop the Organization's crisis response mechanism for emergency situations",
	},
	{
		ID: "crisis-en",
		EN: "Develop a mechanism of the Organization for crisis response in emergency situations and submit it to the Council",
	},
	{
		ID: "infosec",
		EN: "Strengthen cooperation of member States in the field of international information security",
	},
}

// scoreOf returns the reported score of the pair a, b at threshold 0, or 0.
func scoreOf(t *testing.T, docs []Doc, a, b string) Pair {
	t.Helper()
	if a > b {
		a, b = b, a
	}
	for _, p := range Pairs(docs, 0) {
		if p.A == a && p.B == b {
			return p
		}
	}
	return Pair{A: a, B: b}
}

func TestPlantedRussianNearDuplicate(t *testing.T) {
	p := scoreOf(t, corpus, "ct-2019", "ct-members")
	t.Logf("ct-2019 / ct-members: %.3f (%s)", p.Score, p.Lang)
	if p.Score < DefaultThreshold || p.Lang != "ru" {
		t.Fatalf("planted pair scored %.3f in %q, want >= %.2f in ru", p.Score, p.Lang, DefaultThreshold)
	}
	found := false
	for _, q := range Pairs(corpus, DefaultThreshold) {
		found = found || (q.A == "ct-2019" && q.B == "ct-members")
	}
	if !found {
		t.Fatal("planted pair missing from Pairs(corpus, DefaultThreshold)")
	}
}

func TestTranslatedNearDuplicate(t *testing.T) {
	p := scoreOf(t, corpus, "crisis-mech", "crisis-en")
	t.Logf("crisis-mech / crisis-en: %.3f (%s)", p.Score, p.Lang)
	if p.Score < DefaultThreshold || p.Lang != "en" {
		t.Fatalf("translated pair scored %.3f in %q, want >= %.2f in en", p.Score, p.Lang, DefaultThreshold)
	}
}

func TestUnrelatedNotFound(t *testing.T) {
	planted := map[[2]string]bool{
		{"ct-2019", "ct-members"}:    true,
		{"crisis-en", "crisis-mech"}: true,
	}
	var highest Pair
	for _, p := range Pairs(corpus, 0) {
		if planted[[2]string{p.A, p.B}] {
			continue
		}
		if p.Score > highest.Score {
			highest = p
		}
		if p.Score >= DefaultThreshold {
			t.Errorf("unrelated pair %s / %s scored %.3f (%s) >= %.2f", p.A, p.B, p.Score, p.Lang, DefaultThreshold)
		}
	}
	t.Logf("highest unrelated: %s / %s: %.3f (%s)", highest.A, highest.B, highest.Score, highest.Lang)

	got := Pairs(corpus, DefaultThreshold)
	if len(got) != len(planted) {
		t.Errorf("Pairs at DefaultThreshold = %v, want exactly the %d planted pairs", got, len(planted))
	}
}

func TestRussianOnlyAndEnglishOnlyNeverCompared(t *testing.T) {
	docs := []Doc{
		{ID: "ru", RU: "Разработать механизм кризисного реагирования"},
		{ID: "en", EN: "Develop a crisis response mechanism"},
	}
	if got := Pairs(docs, 0); len(got) != 0 {
		t.Errorf("Pairs = %v, want none: the two documents share no language", got)
	}
}

func TestIdenticalScoreOne(t *testing.T) {
	docs := append(slices.Clone(corpus),
		Doc{ID: "ct-2019-copy", RU: corpus[0].RU, EN: corpus[0].EN},
		Doc{ID: "kanal-copy", RU: corpus[3].RU},
	)
	for _, c := range [][2]string{{"ct-2019", "ct-2019-copy"}, {"kanal", "kanal-copy"}} {
		p := scoreOf(t, docs, c[0], c[1])
		if math.Abs(p.Score-1) > 1e-9 {
			t.Errorf("identical %s / %s scored %.12f, want 1", c[0], c[1], p.Score)
		}
	}
}

func TestSymmetric(t *testing.T) {
	forward := Pairs(corpus, 0)
	reversed := slices.Clone(corpus)
	slices.Reverse(reversed)
	backward := Pairs(reversed, 0)
	if len(forward) != len(backward) {
		t.Fatalf("%d pairs forward, %d with documents reversed", len(forward), len(backward))
	}
	for i := range forward {
		if forward[i] != backward[i] {
			t.Errorf("pair %d: %+v forward, %+v reversed", i, forward[i], backward[i])
		}
		if forward[i].A >= forward[i].B {
			t.Errorf("pair %d: A %q not < B %q", i, forward[i].A, forward[i].B)
		}
	}
}

func TestEmptyTextsNeverMatch(t *testing.T) {
	docs := []Doc{
		{ID: "a"},
		{ID: "b"},
		{ID: "c", RU: "  «» — ", EN: "..."},
		{ID: "d", RU: "и в на", EN: "the of and"}, // stop words only
		{ID: "e", RU: "Организовать антинаркотическую операцию «Канал»"},
	}
	if got := Pairs(docs, 0); len(got) != 0 {
		t.Errorf("Pairs = %v, want none", got)
	}
	if got := Pairs(nil, 0); got != nil {
		t.Errorf("Pairs(nil) = %v", got)
	}
}

func TestOrderAndThreshold(t *testing.T) {
	all := Pairs(corpus, 0)
	if !slices.IsSortedFunc(all, func(x, y Pair) int {
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(x.A+"\x00"+x.B, y.A+"\x00"+y.B)
	}) {
		t.Error("pairs not sorted by score desc, then A, B")
	}
	for _, th := range []float64{0.1, 0.3, DefaultThreshold, 0.9} {
		n := 0
		for _, p := range all {
			if p.Score >= th {
				n++
			}
		}
		if got := len(Pairs(corpus, th)); got != n {
			t.Errorf("threshold %.2f: %d pairs, want %d", th, got, n)
		}
	}
}

// synthetic builds n task-like documents: a generic head ("подготовить
// план …", drawn from a small vocabulary shared by every task, as in real
// mandates) followed by topic words drawn with a Zipf distribution from a
// large generated vocabulary, so that document frequencies look like real
// text rather than uniform noise. Every tenth document is a rewording of the
// previous one (a word dropped, two added), and half carry English.
func synthetic(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	head := func(verbs, nouns []string) string {
		return verbs[r.IntN(len(verbs))] + " " + nouns[r.IntN(len(nouns))]
	}
	ruVerbs := strings.Fields("подготовить разработать утвердить организовать провести обеспечить представить рассмотреть")
	ruNouns := strings.Fields("план программу доклад отчет предложения меры механизм систему операцию концепцию")
	enVerbs := strings.Fields("prepare develop approve organize conduct ensure submit consider")
	enNouns := strings.Fields("plan programme report proposals measures mechanism system operation concept")
	vocab := func(syll, ends []string, size int) []string {
		v := make([]string, size)
		for i := range v {
			var b strings.Builder
			for range 2 + r.IntN(3) {
				b.WriteString(syll[r.IntN(len(syll))])
			}
			b.WriteString(ends[r.IntN(len(ends))])
			v[i] = b.String()
		}
		return v
	}
	ruVocab := vocab(strings.Fields("ка ро ми на те ли ду пре ство зо ва бе гу ти"), strings.Fields("ция ости ного ных ами ение ий"), 4000)
	enVocab := vocab(strings.Fields("ka ro mi na te li du pre sto zo va be gu ti"), strings.Fields("tion ness ing ed al ment s"), 4000)
	ruZipf := rand.NewZipf(r, 1.1, 2, uint64(len(ruVocab)-1))
	enZipf := rand.NewZipf(r, 1.1, 2, uint64(len(enVocab)-1))
	topic := func(v []string, z *rand.Zipf, k int) []string {
		w := make([]string, k)
		for i := range w {
			w[i] = v[z.Uint64()]
		}
		return w
	}
	docs := make([]Doc, n)
	var lastRU, lastEN []string
	for i := range docs {
		d := Doc{ID: fmt.Sprintf("task-%05d", i)}
		if i%10 == 9 {
			ru := append(slices.Clone(lastRU[1:]), topic(ruVocab, ruZipf, 2)...)
			d.RU = head(ruVerbs, ruNouns) + " " + strings.Join(ru, " ")
			if lastEN != nil {
				d.EN = head(enVerbs, enNouns) + " " + strings.Join(lastEN, " ")
			}
		} else {
			lastRU = topic(ruVocab, ruZipf, 6+r.IntN(9))
			d.RU = head(ruVerbs, ruNouns) + " " + strings.Join(lastRU, " ")
			lastEN = nil
			if i%2 == 0 {
				lastEN = topic(enVocab, enZipf, 6+r.IntN(9))
				d.EN = head(enVerbs, enNouns) + " " + strings.Join(lastEN, " ")
			}
		}
		docs[i] = d
	}
	return docs
}

func BenchmarkPairs(b *testing.B) {
	docs := synthetic(2000)
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(Pairs(docs, DefaultThreshold))
	}
	b.ReportMetric(float64(n), "pairs")
}
