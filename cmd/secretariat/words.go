package main

import (
	"fmt"

	"secretariat"
)

// The command line speaks the reader's language (--lang) where a command has the flag,
// and English in the operators' messages of the others (import, verify, …). Either way a
// count agrees with its noun through secretariat.PluralEN and PluralRU, and a value of an
// enumeration reaches the reader by its label in secretariat's one table, never as the
// identifier the record stores.

// pl picks the form of a noun, or of the words that agree with it, for the count n in
// lang: English one or other, Russian one, few or many ("поручение", "поручения",
// "поручений").
func pl(lang secretariat.Lang, n int, en1, enN, ru1, ru2, ru5 string) string {
	if lang == secretariat.RU {
		return secretariat.PluralRU(n, ru1, ru2, ru5)
	}
	return secretariat.PluralEN(n, en1, enN)
}

// nEN writes a count with its English noun: "1 roll call", "2 roll calls".
func nEN[N ~int | ~int64 | ~uint64](n N, one, other string) string {
	return fmt.Sprintf("%d %s", n, secretariat.PluralEN(int(n), one, other))
}
