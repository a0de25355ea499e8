package secretariat

import (
	"slices"
	"testing"
)

// The states of the rotation test: the six members and five others whose Russian and
// English names order differently (Германия before Китай, but China before Germany;
// Япония last in Russian, Japan in the middle in English).
var rotationStates = []MemberState{
	{ID: "RU", Name: T("Россия", "Russia")}, {ID: "AM", Name: T("Армения", "Armenia")},
	{ID: "TJ", Name: T("Таджикистан", "Tajikistan")}, {ID: "KG", Name: T("Кыргызстан", "Kyrgyzstan")},
	{ID: "BY", Name: T("Беларусь", "Belarus")}, {ID: "KZ", Name: T("Казахстан", "Kazakhstan")},
	{ID: "DE", Name: T("Германия", "Germany")}, {ID: "CN", Name: T("Китай", "China")},
	{ID: "JP", Name: T("Япония", "Japan")}, {ID: "HU", Name: T("Венгрия", "Hungary")},
	{ID: "IN", Name: T("Индия", "India")},
}

func TestRotationFollowsTheRussianAlphabet(t *testing.T) {
	ru := RotationSequence(Rotation{Order: RotationRussianAlphabetical}, rotationStates)
	if want := []string{"AM", "BY", "HU", "DE", "IN", "KZ", "CN", "KG", "RU", "TJ", "JP"}; !slices.Equal(ru, want) {
		t.Fatalf("Russian order %v, want %v", ru, want)
	}
	en := RotationSequence(Rotation{Order: RotationEnglishAlphabetical}, rotationStates)
	if want := []string{"AM", "BY", "CN", "DE", "HU", "IN", "JP", "KZ", "KG", "RU", "TJ"}; !slices.Equal(en, want) {
		t.Fatalf("English order %v, want %v", en, want)
	}
	if slices.Equal(ru, en) {
		t.Fatal("the test's names order alike in both languages, so the wrong language would pass")
	}
	if next, _ := NextChair(ru, "JP"); next != "AM" {
		t.Fatalf("after the last comes the first, got %s", next)
	}
	if next, _ := NextChair(ru, "HU"); next != "DE" {
		t.Fatalf("after Венгрия comes Германия, got %s", next)
	}
	if _, err := NextChair(ru, "UZ"); ErrorCode(err) != EINVALID {
		t.Fatal("a state outside the rotation has a successor")
	}
	explicit := RotationSequence(Rotation{Order: RotationExplicit, States: []string{"KG", "AM"}}, rotationStates)
	if !slices.Equal(explicit, []string{"KG", "AM"}) {
		t.Fatal(explicit)
	}
}

// Russian dictionaries file ё with е: ё decides only between names that are otherwise
// the same letters, and letter case only after that.
func TestRussianOrderFilesYoWithYe(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"ёлка", "ежевика", "жаба", "Ель", "яблоко", "Ёж", "ешь"},
			[]string{"Ёж", "ежевика", "ёлка", "Ель", "ешь", "жаба", "яблоко"}},
		// Otherwise equal: е before ё, then lower case before capitals.
		{[]string{"всё", "Все", "все"}, []string{"все", "Все", "всё"}},
		{[]string{"Ёлкино", "Елгава", "Ельня", "Есик"}, []string{"Елгава", "Ёлкино", "Ельня", "Есик"}},
		// Spaces around a name do not count; a space inside one sorts before letters.
		{[]string{"Абвгде", "  Абв где", "Абв"}, []string{"Абв", "  Абв где", "Абвгде"}},
	} {
		got := slices.Clone(c.in)
		slices.SortFunc(got, AlphabeticalOrder(RU))
		if !slices.Equal(got, c.want) {
			t.Errorf("Russian order of %v: %v, want %v", c.in, got, c.want)
		}
	}
	// The code points alone would put every ё after я, and Ё before А.
	if AlphabeticalOrder(RU)("ёж", "яблоко") >= 0 || AlphabeticalOrder(RU)("Ёж", "Армения") <= 0 {
		t.Error("ё is sorted by its code point")
	}
}

func TestEnglishOrderIgnoresCaseAndAccents(t *testing.T) {
	got := []string{"Czechia", "côte d'Ivoire", "China", "Åland", "Armenia", "cyprus"}
	slices.SortFunc(got, AlphabeticalOrder(EN))
	if want := []string{"Åland", "Armenia", "China", "côte d'Ivoire", "cyprus", "Czechia"}; !slices.Equal(got, want) {
		t.Errorf("English order %v, want %v", got, want)
	}
}
