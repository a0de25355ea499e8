package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"secretariat"
)

// The review's sentences are built so that Russian needs few inflected forms: counts take
// the noun forms of secretariat.PluralRU, verbs agree with the count (ruAgree), and names
// stay in the nominative wherever a sentence can be built around them. The one case a
// sentence about a body cannot avoid is the genitive ("сессия Совета коллективной
// безопасности"), which genitiveRU forms for the names of bodies.

// ruAgree picks the form of a verb or participle that agrees with a count placed after
// it: "принят 1 вопрос", "приняты 2 вопроса", "принято 5 вопросов", "принят 21 вопрос".
func ruAgree(n int, one, few, many string) string { return secretariat.PluralRU(n, one, few, many) }

// genitiveRU puts the name of a body in the genitive: its leading adjectives and its head
// noun are inflected, the words after the head (already in the genitive, or an
// abbreviation) are kept. ok is false when the head is not a word it knows how to
// inflect; the caller then builds its sentence around the nominative instead.
func genitiveRU(name string) (string, bool) {
	words := strings.Fields(name)
	for i, w := range words {
		if isAbbreviation(w) {
			return name, false // an abbreviation does not decline
		}
		lower := strings.ToLower(w)
		if g, ok := adjectiveGenitive(lower); ok {
			words[i] = matchCase(w, g)
			continue
		}
		g, ok := nounGenitive(lower)
		if !ok {
			return name, false
		}
		// "Генеральный секретарь и Секретариат": a second noun joined to the head would
		// need its own case; abbreviations ("СМИД, СМО и КССБ") do not.
		for j := i + 1; j+1 < len(words); j++ {
			if words[j] == "и" && !isAbbreviation(words[j+1]) {
				return name, false
			}
		}
		words[i] = matchCase(w, g)
		return strings.Join(words, " "), true
	}
	return name, false
}

func isAbbreviation(w string) bool {
	w = strings.TrimRight(w, ",.;")
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}

// adjectiveGenitive inflects a full adjective in the nominative singular.
func adjectiveGenitive(w string) (string, bool) {
	if utf8.RuneCountInString(w) < 4 {
		return "", false
	}
	for _, e := range []struct{ from, to string }{
		{"ый", "ого"}, {"ой", "ого"}, {"ий", "его"}, // masculine: постоянный, высший
		{"ая", "ой"}, {"яя", "ей"}, // feminine: парламентская
		{"ое", "ого"}, {"ее", "его"}, // neuter: совместное
	} {
		if strings.HasSuffix(w, e.from) {
			stem := strings.TrimSuffix(w, e.from)
			to := e.to
			if e.from == "ая" && endsSibilant(stem) { // общая → общей
				to = "ей"
			}
			return stem + to, true
		}
	}
	return "", false
}

func endsSibilant(stem string) bool {
	r, _ := utf8.DecodeLastRuneInString(stem)
	return strings.ContainsRune("жшщч", r)
}

// nounGenitive inflects a noun in the nominative singular, for the nouns bodies are
// named with: совет, комитет, штаб (hard consonant); секретарь (ь, masculine);
// группа, ассамблея (а, я); заседание, собрание (ие).
func nounGenitive(w string) (string, bool) {
	last, _ := utf8.DecodeLastRuneInString(w)
	stem := strings.TrimSuffix(w, string(last))
	switch {
	case strings.HasSuffix(w, "ие"):
		return strings.TrimSuffix(w, "е") + "я", true
	case last == 'а':
		if r, _ := utf8.DecodeLastRuneInString(stem); strings.ContainsRune("гкхжшщч", r) {
			return stem + "и", true
		}
		return stem + "ы", true
	case last == 'я':
		return stem + "и", true
	case last == 'ь':
		// Masculine nouns in -ь of bodies' names (секретарь); feminine ones are rare in
		// them, and are refused rather than guessed.
		if strings.HasSuffix(w, "арь") {
			return stem + "я", true
		}
		return "", false
	case strings.ContainsRune("бвгдзклмнпрстфхжшщч", last):
		return w + "а", true
	}
	return "", false
}

// ruPast picks the past tense that agrees with a state's short name: "был Кыргызстан",
// "была Россия", "была Беларусь". Names in -а, -я and -ь are feminine, names in a vowel
// that does not decline (Того, Перу) neuter, the rest masculine.
func ruPast(name, m, f, n string) string {
	r, _ := utf8.DecodeLastRuneInString(strings.ToLower(strings.TrimSpace(name)))
	switch {
	case strings.ContainsRune("аяь", r):
		return f
	case strings.ContainsRune("оеиую", r):
		return n
	}
	return m
}

// matchCase gives g the capitalisation of w's first letter.
func matchCase(w, g string) string {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return upperFirst(g)
	}
	return g
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter of a name used inside a sentence, unless the name
// starts with an abbreviation or a proper name's capital pair ("ISIS", "UN").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) || unicode.IsDigit(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// quote puts a title in the language's quotation marks. In Russian, quotation marks
// inside the title become „…“, as a title in «…» needs.
func quote(lang secretariat.Lang, s string) string {
	if lang == secretariat.RU {
		s = strings.NewReplacer("«", "„", "»", "“").Replace(s)
		return "«" + s + "»"
	}
	s = strings.NewReplacer("“", "‘", "”", "’").Replace(s)
	return "“" + s + "”"
}

// endSentence drops a final full stop, so that a quoted sentence can be followed by the
// quoting sentence's own.
func endSentence(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".") }

// list joins names: "A, B and C", "А, Б и В".
func list(lang secretariat.Lang, names []string) string {
	and := tr(lang, " and ", " и ")
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
}

// tr picks the English or the Russian string.
func tr(lang secretariat.Lang, en, ru string) string {
	if lang == secretariat.RU {
		return ru
	}
	return en
}
