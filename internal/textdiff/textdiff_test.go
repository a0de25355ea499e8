package textdiff

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/quick"
	"time"
)

// validate checks the contract of Words: exact reconstruction of both inputs,
// no empty ops, no two neighbouring ops of one kind, and Delete before Insert
// inside a changed region.
func validate(a, b string, ops []Op) error {
	var ra, rb strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			return fmt.Errorf("op %d (%v) has empty text", i, op.Kind)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			return fmt.Errorf("ops %d and %d are both %v", i-1, i, op.Kind)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			return fmt.Errorf("op %d: delete after insert", i)
		}
		switch op.Kind {
		case Equal:
			ra.WriteString(op.Text)
			rb.WriteString(op.Text)
		case Delete:
			ra.WriteString(op.Text)
		case Insert:
			rb.WriteString(op.Text)
		default:
			return fmt.Errorf("op %d has kind %v", i, op.Kind)
		}
	}
	if ra.String() != a {
		return fmt.Errorf("equal+delete = %q, want %q", ra.String(), a)
	}
	if rb.String() != b {
		return fmt.Errorf("equal+insert = %q, want %q", rb.String(), b)
	}
	return nil
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []Op
	}{
		{
			name: "both empty",
			want: nil,
		},
		{
			name: "identical",
			a:    "Утвердить план.\n\nПоручить секретариату.",
			b:    "Утвердить план.\n\nПоручить секретариату.",
			want: []Op{{Equal, "Утвердить план.\n\nПоручить секретариату."}},
		},
		{
			name: "empty to text",
			b:    "Утвердить план",
			want: []Op{{Insert, "Утвердить план"}},
		},
		{
			name: "text to empty",
			a:    "Утвердить план",
			want: []Op{{Delete, "Утвердить план"}},
		},
		{
			name: "one word changed",
			a:    "Утвердить план на 2019 год",
			b:    "Утвердить план на 2020 год",
			want: []Op{{Equal, "Утвердить план на "}, {Delete, "2019"}, {Insert, "2020"}, {Equal, " год"}},
		},
		{
			name: "year range",
			a:    "бюджет на 2019–2021 годы",
			b:    "бюджет на 2019–2022 годы",
			want: []Op{{Equal, "бюджет на 2019–"}, {Delete, "2021"}, {Insert, "2022"}, {Equal, " годы"}},
		},
		{
			name: "inserted clause",
			a:    "Поручить секретариату подготовить доклад.",
			b:    "Поручить секретариату, в консультации с государствами-членами, подготовить доклад.",
			want: []Op{
				{Equal, "Поручить секретариату"},
				{Insert, ", в консультации с государствами-членами,"},
				{Equal, " подготовить доклад."},
			},
		},
		{
			name: "deleted paragraph",
			a:    "1. Принять к сведению доклад.\n\n2. Одобрить выводы.\n\n3. Поручить секретариату.",
			b:    "1. Принять к сведению доклад.\n\n3. Поручить секретариату.",
			want: []Op{
				{Equal, "1. Принять к сведению доклад.\n\n"},
				{Delete, "2. Одобрить выводы.\n\n"},
				{Equal, "3. Поручить секретариату."},
			},
		},
		{
			name: "punctuation changed",
			a:    "Принять к сведению доклад; одобрить выводы.",
			b:    "Принять к сведению доклад, одобрить выводы.",
			want: []Op{{Equal, "Принять к сведению доклад"}, {Delete, ";"}, {Insert, ","}, {Equal, " одобрить выводы."}},
		},
		{
			name: "adjacent replaced words read as one replacement",
			a:    "в 2019 году по плану",
			b:    "в 2020 годах по плану",
			want: []Op{{Equal, "в "}, {Delete, "2019 году"}, {Insert, "2020 годах"}, {Equal, " по плану"}},
		},
		{
			name: "line breaks are not folded into replacements",
			a:    "старый\nтекст",
			b:    "новый\nабзац",
			want: []Op{{Delete, "старый"}, {Insert, "новый"}, {Equal, "\n"}, {Delete, "текст"}, {Insert, "абзац"}},
		},
		{
			name: "english",
			a:    "The Council adopted the plan.",
			b:    "The Council rejected the plan.",
			want: []Op{{Equal, "The Council "}, {Delete, "adopted"}, {Insert, "rejected"}, {Equal, " the plan."}},
		},
		{
			name: "combining mark stays inside the word",
			a:    "краи\u0306 доклада",
			b:    "краи\u0306 плана",
			want: []Op{{Equal, "краи\u0306 "}, {Delete, "доклада"}, {Insert, "плана"}},
		},
		{
			name: "invalid utf-8",
			a:    "план \xff\xfe год",
			b:    "план \xff год",
			want: []Op{{Equal, "план \xff"}, {Delete, "\xfe"}, {Equal, " год"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.a, tt.b)
			if err := validate(tt.a, tt.b, got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Words(%q, %q)\n got  %q\n want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		name     string
		a, b     string
		ins, del int
	}{
		{"identical", "Утвердить план на 2019 год", "Утвердить план на 2019 год", 0, 0},
		{"one word", "Утвердить план на 2019 год", "Утвердить план на 2020 год", 1, 1},
		{"clause", "Поручить секретариату подготовить доклад.", "Поручить секретариату, в консультации с государствами-членами, подготовить доклад.", 8, 0},
		{"empty to text", "", "Утвердить план", 2, 0},
		{"punctuation", "доклад; выводы", "доклад, выводы", 1, 1},
		{"whitespace only", "доклад выводы", "доклад\n\nвыводы", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, del := Stats(Words(tt.a, tt.b))
			if ins != tt.ins || del != tt.del {
				t.Fatalf("Stats = (%d, %d), want (%d, %d)", ins, del, tt.ins, tt.del)
			}
		})
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name   string
		ops    []Op
		marked string
		html   string
	}{
		{
			name:   "none",
			marked: "",
			html:   "",
		},
		{
			name:   "replace",
			ops:    Words("Утвердить план на 2019 год", "Утвердить план на 2020 год"),
			marked: "Утвердить план на [-2019-]{+2020+} год",
			html:   "Утвердить план на <del>2019</del><ins>2020</ins> год",
		},
		{
			name:   "escaping",
			ops:    []Op{{Equal, `a < b & "c" `}, {Delete, `'x' > y`}, {Insert, `<script>&amp;`}},
			marked: `a < b & "c" [-'x' > y-]{+<script>&amp;+}`,
			html:   `a &lt; b &amp; &#34;c&#34; <del>&#39;x&#39; &gt; y</del><ins>&lt;script&gt;&amp;amp;</ins>`,
		},
		{
			name:   "empty ops skipped, unknown kinds plain",
			ops:    []Op{{Delete, ""}, {Insert, ""}, {OpKind(7), "<z>"}},
			marked: "<z>",
			html:   "&lt;z&gt;",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Marked(tt.ops); got != tt.marked {
				t.Errorf("Marked = %q, want %q", got, tt.marked)
			}
			if got := HTML(tt.ops); got != tt.html {
				t.Errorf("HTML = %q, want %q", got, tt.html)
			}
		})
	}
}

func TestOpKindString(t *testing.T) {
	for k, want := range map[OpKind]string{Equal: "equal", Insert: "insert", Delete: "delete", OpKind(-3): "OpKind(-3)"} {
		if got := k.String(); got != want {
			t.Errorf("OpKind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

// pieces are the tokens random texts are built from: Cyrillic and Latin
// words, digits, a decomposed letter, whitespace of every sort, punctuation,
// HTML specials and broken UTF-8.
var pieces = []string{
	"Утвердить", "план", "на", "2019", "2020", "год", "доклад", "и", "в", "краи\u0306",
	"plan", "the", "Council", "2019–2021",
	" ", " ", " ", "\n", "\n\n", "\t", "  ", "\r\n", "\u00a0",
	",", ".", ";", "–", "«", "»", "\"", "<", "&", "\xff", "\xd0",
}

func randomTokens(r *rand.Rand, n int) []string {
	toks := make([]string, n)
	for i := range toks {
		toks[i] = pieces[r.Intn(len(pieces))]
	}
	return toks
}

// textPair is two random texts, usually one an edit of the other so the diff
// has both long equal runs and changes.
type textPair struct{ A, B string }

// Generate implements quick.Generator.
func (textPair) Generate(r *rand.Rand, size int) reflect.Value {
	a := randomTokens(r, r.Intn(size*2+1))
	var b []string
	if r.Intn(5) == 0 {
		b = randomTokens(r, r.Intn(size*2+1))
	} else {
		for _, tok := range a {
			switch r.Intn(10) {
			case 0: // delete
			case 1: // replace
				b = append(b, pieces[r.Intn(len(pieces))])
			case 2: // insert before
				b = append(b, pieces[r.Intn(len(pieces))], tok)
			default:
				b = append(b, tok)
			}
		}
	}
	return reflect.ValueOf(textPair{strings.Join(a, ""), strings.Join(b, "")})
}

func TestWordsProperties(t *testing.T) {
	cfg := &quick.Config{MaxCount: 3000, Rand: rand.New(rand.NewSource(1))}
	reconstructs := func(p textPair) bool {
		if err := validate(p.A, p.B, Words(p.A, p.B)); err != nil {
			t.Log(err)
			return false
		}
		return true
	}
	if err := quick.Check(reconstructs, cfg); err != nil {
		t.Error(err)
	}
	// A starved search must still produce a valid, if coarser, diff.
	starved := func(p textPair, budget uint8) bool {
		if err := validate(p.A, p.B, words(p.A, p.B, int(budget))); err != nil {
			t.Log(err)
			return false
		}
		return true
	}
	if err := quick.Check(starved, cfg); err != nil {
		t.Error(err)
	}
	selfIsEqual := func(p textPair) bool {
		ops := Words(p.A, p.A)
		ins, del := Stats(ops)
		return ins == 0 && del == 0 && len(ops) <= 1
	}
	if err := quick.Check(selfIsEqual, cfg); err != nil {
		t.Error(err)
	}
}

// TestMinimal compares the raw edit script (before tidy folds spaces into
// replacements) with the edit distance from a textbook LCS table.
func TestMinimal(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for iter := 0; iter < 5000; iter++ {
		alpha := 1 + r.Intn(5)
		a := make([]int, r.Intn(40))
		b := make([]int, r.Intn(40))
		for i := range a {
			a[i] = r.Intn(alpha)
		}
		for i := range b {
			b[i] = r.Intn(alpha)
		}
		d := differ{a: a, b: b, budget: defaultBudget}
		d.diff(0, len(a), 0, len(b))
		edits := 0
		ai, bi := 0, 0
		for _, s := range d.segs {
			if s.a0 != ai || s.b0 != bi {
				t.Fatalf("a=%v b=%v: segment %+v not contiguous at (%d,%d)", a, b, s, ai, bi)
			}
			if s.equal {
				if s.na != s.nb {
					t.Fatalf("a=%v b=%v: equal segment %+v", a, b, s)
				}
				if !reflect.DeepEqual(a[s.a0:s.a0+s.na], b[s.b0:s.b0+s.nb]) {
					t.Fatalf("a=%v b=%v: equal segment %+v differs", a, b, s)
				}
			} else {
				edits += s.na + s.nb
			}
			ai += s.na
			bi += s.nb
		}
		if ai != len(a) || bi != len(b) {
			t.Fatalf("a=%v b=%v: script covers (%d,%d)", a, b, ai, bi)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("a=%v b=%v: %d edits, minimal is %d", a, b, edits, want)
		}
	}
}

func lcs(a, b []int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// document builds a decision-like text of about n words with punctuation and
// paragraphs, and a copy in which about pct percent of the words were
// replaced, deleted or had a word inserted after them.
func document(seed int64, n int, pct float64) (a, b string) {
	vocab := strings.Fields("Совет безопасности принимает к сведению доклад Генерального секретаря " +
		"и поручает секретариату подготовить план мероприятий на 2019–2021 годы в консультации с " +
		"государствами-членами учитывая резолюцию о бюджете программы деятельности организации " +
		"решение вступает в силу с даты принятия The Council decides to remain seized of the matter")
	r := rand.New(rand.NewSource(seed))
	seps := []string{" ", " ", " ", " ", " ", " ", ", ", "; ", ". ", ".\n\n"}
	var sa, sb strings.Builder
	for i := 0; i < n; i++ {
		w := vocab[r.Intn(len(vocab))]
		sep := seps[r.Intn(len(seps))]
		sa.WriteString(w + sep)
		if r.Float64() >= pct/100 {
			sb.WriteString(w + sep)
			continue
		}
		switch r.Intn(3) {
		case 0:
			sb.WriteString(vocab[r.Intn(len(vocab))] + sep)
		case 1:
		case 2:
			sb.WriteString(w + " " + vocab[r.Intn(len(vocab))] + sep)
		}
	}
	return sa.String(), sb.String()
}

func TestLargeInputs(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"similar", func() string { a, _ := document(3, 10000, 2); return a }(), func() string { _, b := document(3, 10000, 2); return b }()},
		{"rewritten", func() string { a, _ := document(11, 10000, 15); return a }(), func() string { _, b := document(11, 10000, 15); return b }()},
		{"unrelated", strings.Join(randomTokens(rand.New(rand.NewSource(4)), 20000), ""), strings.Join(randomTokens(rand.New(rand.NewSource(5)), 20000), "")},
		{"reordered", func() string { a, _ := document(6, 10000, 0); return a }(), func() string { a, _ := document(7, 10000, 0); return a }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ops := Words(tt.a, tt.b)
			elapsed := time.Since(start)
			if err := validate(tt.a, tt.b, ops); err != nil {
				t.Fatal(err)
			}
			ins, del := Stats(ops)
			t.Logf("%d+%d tokens: %d ops, +%d -%d words in %v",
				len(tokenize(tt.a))-1, len(tokenize(tt.b))-1, len(ops), ins, del, elapsed)

			// The time bound is checked as work done, which unlike wall time
			// does not depend on how loaded the machine is. The search may
			// overrun the budget by at most one round of diagonals.
			ta, tb := tokenize(tt.a), tokenize(tt.b)
			ia, ib := intern(tt.a, ta, tt.b, tb)
			d := differ{a: ia, b: ib, budget: defaultBudget}
			d.diff(0, len(ia), 0, len(ib))
			spent := defaultBudget - d.budget
			t.Logf("search steps: %d of %d", spent, defaultBudget)
			if spent > defaultBudget+2*(len(ia)+len(ib)) {
				t.Fatalf("search did %d steps, budget is %d", spent, defaultBudget)
			}
			if elapsed > 30*time.Second {
				t.Fatalf("took %v", elapsed)
			}
		})
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Утвердить план на 2019 год", "Утвердить план на 2020 год")
	f.Add("", "Поручить секретариату.")
	f.Add("a < b & \"c\"", "a > b & 'c'")
	f.Add("краи\u0306\n\n\xff", "\xd0край")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := Words(a, b)
		if err := validate(a, b, ops); err != nil {
			t.Fatal(err)
		}
		// A starved search takes the fallback path, which must be valid too.
		if err := validate(a, b, words(a, b, len(a)%64)); err != nil {
			t.Fatalf("starved: %v", err)
		}
		if ins, del := Stats(Words(a, a)); ins != 0 || del != 0 {
			t.Fatalf("Stats(Words(a, a)) = (%d, %d)", ins, del)
		}
		_ = Marked(ops)
		_ = HTML(ops)
	})
}

func BenchmarkWords(b *testing.B) {
	x, y := document(8, 5000, 2)
	ins, del := Stats(Words(x, y))
	b.Logf("%d and %d bytes, +%d -%d words", len(x), len(y), ins, del)
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Words(x, y)
	}
}

// BenchmarkWordsUnrelated measures the worst case, where the work budget runs
// out and the fallback takes over.
func BenchmarkWordsUnrelated(b *testing.B) {
	x := strings.Join(randomTokens(rand.New(rand.NewSource(9)), 20000), "")
	y := strings.Join(randomTokens(rand.New(rand.NewSource(10)), 20000), "")
	b.ReportAllocs()
	for b.Loop() {
		Words(x, y)
	}
}
