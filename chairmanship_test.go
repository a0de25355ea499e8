package secretariat

import (
	"slices"
	"testing"
)

func TestRotationFollowsTheRussianAlphabet(t *testing.T) {
	states := []MemberState{
		{ID: "RU", Name: T("Россия", "Russia")}, {ID: "AM", Name: T("Армения", "Armenia")},
		{ID: "TJ", Name: T("Таджикистан", "Tajikistan")}, {ID: "KG", Name: T("Кыргызстан", "Kyrgyzstan")},
		{ID: "BY", Name: T("Беларусь", "Belarus")}, {ID: "KZ", Name: T("Казахстан", "Kazakhstan")},
	}
	ru := RotationSequence(Rotation{Order: RotationRussianAlphabetical}, states)
	if want := []string{"AM", "BY", "KZ", "KG", "RU", "TJ"}; !slices.Equal(ru, want) {
		t.Fatalf("Russian order %v, want %v", ru, want)
	}
	en := RotationSequence(Rotation{Order: RotationEnglishAlphabetical}, states)
	if want := []string{"AM", "BY", "KZ", "KG", "RU", "TJ"}; !slices.Equal(en, want) {
		t.Fatalf("English order %v, want %v", en, want)
	}
	if next, _ := NextChair(ru, "TJ"); next != "AM" {
		t.Fatalf("after the last comes the first, got %s", next)
	}
	if _, err := NextChair(ru, "UZ"); ErrorCode(err) != EINVALID {
		t.Fatal("a state outside the rotation has a successor")
	}
	explicit := RotationSequence(Rotation{Order: RotationExplicit, States: []string{"KG", "AM"}}, states)
	if !slices.Equal(explicit, []string{"KG", "AM"}) {
		t.Fatal(explicit)
	}
}

func TestCompareAlphabeticalPutsYoAfterYe(t *testing.T) {
	words := []string{"ёлка", "ежевика", "жаба", "Ель", "яблоко", "Ёж", "ешь"}
	slices.SortFunc(words, CompareAlphabetical)
	want := []string{"ежевика", "Ель", "ешь", "Ёж", "ёлка", "жаба", "яблоко"}
	if !slices.Equal(words, want) {
		t.Fatalf("%v, want %v", words, want)
	}
}
