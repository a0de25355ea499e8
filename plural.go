package secretariat

// PluralRU picks the Russian form of a noun for the count n: one for 1, 21, 31, …
// (but not 11); few for 2–4, 22–24, … (but not 12–14); many for everything else,
// including 0 and 5–20. Negative counts take the form of their absolute value.
func PluralRU(n int, one, few, many string) string {
	if n < 0 {
		n = -n
	}
	mod10, mod100 := n%10, n%100
	switch {
	case mod10 == 1 && mod100 != 11:
		return one
	case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
		return few
	default:
		return many
	}
}

// PluralEN picks the English form: one for exactly 1, other otherwise.
func PluralEN(n int, one, other string) string {
	if n == 1 || n == -1 {
		return one
	}
	return other
}
