package ui

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"secretariat"
	"secretariat/internal/report"
)

// The interface speaks English and Russian. Every string a template shows goes through
// T with its English text as the key; ru holds the Russian. A key missing from ru is
// shown in English and remembered, and a test renders every page in Russian and fails
// on any key it finds missing.

var (
	missingMu sync.Mutex
	missing   = map[string]bool{}
)

// MissingTranslations lists the interface strings shown in Russian pages that have no
// Russian text.
func MissingTranslations() []string {
	missingMu.Lock()
	defer missingMu.Unlock()
	out := make([]string, 0, len(missing))
	for k := range missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// tr returns the interface string in lang.
func tr(lang secretariat.Lang, en string) string {
	if lang != secretariat.RU {
		return en
	}
	if s, ok := ru[en]; ok {
		return s
	}
	missingMu.Lock()
	missing[en] = true
	missingMu.Unlock()
	return en
}

// trf translates a format string and fills it in.
func trf(lang secretariat.Lang, en string, args ...any) string {
	return fmt.Sprintf(tr(lang, en), args...)
}

// nouns are the countable words of the interface: English one and other, Russian one,
// few and many.
var nouns = map[string][5]string{
	"item":         {"item", "items", "вопрос", "вопроса", "вопросов"},
	"session":      {"session", "sessions", "сессия", "сессии", "сессий"},
	"decision":     {"decision", "decisions", "решение", "решения", "решений"},
	"task":         {"task", "tasks", "поручение", "поручения", "поручений"},
	"report":       {"report", "reports", "доклад", "доклада", "докладов"},
	"record":       {"record", "records", "запись", "записи", "записей"},
	"state":        {"state", "states", "государство", "государства", "государств"},
	"vote":         {"vote", "votes", "голос", "голоса", "голосов"},
	"publication":  {"publication", "publications", "публикация", "публикации", "публикаций"},
	"figure":       {"figure", "figures", "показатель", "показателя", "показателей"},
	"entry":        {"entry", "entries", "запись", "записи", "записей"},
	"position":     {"position", "positions", "позиция", "позиции", "позиций"},
	"priority":     {"priority", "priorities", "приоритет", "приоритета", "приоритетов"},
	"threat":       {"threat", "threats", "угроза", "угрозы", "угроз"},
	"operation":    {"operation", "operations", "операция", "операции", "операций"},
	"account":      {"account", "accounts", "учётная запись", "учётные записи", "учётных записей"},
	"hidden":       {"record not shown", "records not shown", "запись не показана", "записи не показаны", "записей не показано"},
	"version":      {"version", "versions", "версия", "версии", "версий"},
	"chairmanship": {"chairmanship", "chairmanships", "председательство", "председательства", "председательств"},
}

// count writes n with its noun in lang: "17 items", "17 вопросов".
func count(lang secretariat.Lang, n int, noun string) string {
	f, ok := nouns[noun]
	if !ok {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if lang == secretariat.RU {
		return fmt.Sprintf("%d %s", n, secretariat.PluralRU(n, f[2], f[3], f[4]))
	}
	return fmt.Sprintf("%d %s", n, secretariat.PluralEN(n, f[0], f[1]))
}

var (
	monthsShortEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// longDate writes a date as a sentence has it: 28 November 2019, 28 ноября 2019 года.
func longDate(d secretariat.Date, lang secretariat.Lang) string { return report.FormatDate(d, lang) }

// shortDate writes a date for a table: 28 Nov 2019, 28.11.2019.
func shortDate(d secretariat.Date, lang secretariat.Lang) string {
	if d.IsZero() {
		return ""
	}
	t := d.Time()
	if lang == secretariat.RU {
		return t.Format("02.01.2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsShortEN[t.Month()-1], t.Year())
}

// timestamp writes a moment in UTC for a table.
func timestamp(t time.Time, lang secretariat.Lang) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return shortDate(secretariat.DateOf(t), lang) + " " + t.Format("15:04") + " UTC"
}
