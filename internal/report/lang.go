package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"secretariat"
)

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Russian month names in the genitive, as a date needs them: 28 ноября 2019 года.
var monthsRU = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}

// FormatDate writes a date as people read it: 28 November 2019, 28 ноября 2019 года.
func FormatDate(d secretariat.Date, lang secretariat.Lang) string {
	if d.IsZero() {
		return ""
	}
	t := d.Time()
	if lang == secretariat.RU {
		return fmt.Sprintf("%d %s %d года", t.Day(), monthsRU[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// FormatNumber writes a number with the language's separators: 250,000 and 20.5 in
// English; 250 000 and 20,5 in Russian (with a no-break space).
func FormatNumber(v float64, lang secretariat.Lang) string {
	neg := v < 0
	v = math.Abs(v)
	whole := math.Trunc(v)
	frac := strconv.FormatFloat(v-whole, 'f', -1, 64)
	intPart := strconv.FormatFloat(whole, 'f', 0, 64)
	sep, dec := ",", "."
	if lang == secretariat.RU {
		sep, dec = "\u00a0", ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	// English groups every number of four digits or more (1,600); Russian style leaves
	// four-digit numbers whole (1600) and groups from five (12 000).
	group := len(intPart) > 4 || (lang != secretariat.RU && len(intPart) > 3)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && group {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if frac != "0" {
		// Rounding noise of float subtraction is cut to the digits the value was written with.
		digits := strings.TrimPrefix(strconv.FormatFloat(v, 'f', -1, 64), intPart+".")
		b.WriteString(dec + digits)
	}
	return b.String()
}

// FormatAmount writes a figure with its qualifier and unit: about 600, more than 30,
// около 600, более 30, 20.5 t, 20,5 т.
func FormatAmount(a secretariat.Amount, lang secretariat.Lang) string {
	q := map[secretariat.Lang]map[secretariat.Qualifier]string{
		secretariat.EN: {secretariat.About: "about ", secretariat.MoreThan: "more than ", secretariat.LessThan: "less than "},
		secretariat.RU: {secretariat.About: "около ", secretariat.MoreThan: "более ", secretariat.LessThan: "менее "},
	}[lang][a.Qualifier]
	unit := map[secretariat.Lang]map[string]string{
		secretariat.EN: {"t": " t", "kg": " kg"},
		secretariat.RU: {"t": "\u00a0т", "kg": "\u00a0кг"},
	}[lang][a.Unit]
	return q + FormatNumber(a.Value, lang) + unit
}
