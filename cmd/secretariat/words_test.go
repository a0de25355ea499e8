package main

import (
	"path/filepath"
	"regexp"
	"testing"
)

// Every count agrees with its number, in the reader's language: the demo has counts of
// 1 in many answers, where "1 tasks" and "1 threats" used to be printed. The expected
// phrases are written by hand.
func TestCountsAgreeWithTheirNumbers(t *testing.T) {
	db := demoDB(t)
	for _, c := range []struct {
		args   []string
		en, ru []string
	}{
		{[]string{"mandates", "progress", "csc-2019-1", "--as-of", "2021-12-31"},
			[]string{"Decision csc-2019-1: 1 task (1 counted), progress 0%, not fulfilled. By status: 1 assigned.\n"},
			[]string{"Решение csc-2019-1: 1 поручение (учтено 1), ход выполнения 0%, не выполнено. По статусам: поставлено — 1.\n"}},
		{[]string{"mandates", "progress", "csc-2018-1", "--as-of", "2021-12-31"},
			[]string{"Decision csc-2018-1: 1 task (1 counted), progress 100%, fulfilled. By status: 1 fulfilled.\n"},
			[]string{"Решение csc-2018-1: 1 поручение (учтено 1), ход выполнения 100%, выполнено. По статусам: выполнено — 1.\n"}},
		{[]string{"mandates", "open", "--responsible", "secretariat", "--as-of", "2020-06-01"},
			[]string{"On 2020-06-01: 1 open task (responsible: the Secretariat); overdue: 0.\n"},
			[]string{"На 2020-06-01: 1 открытое поручение (исполнитель: Секретариат); просрочено: 0.\n"}},
		{[]string{"mandates", "status", "--session", "csc-2019-11-28", "--as-of", "2020-01-01", "--viewer", "public"},
			[]string{"Tasks set at csc-2019-11-28, as of 2020-01-01: 0 of 5 fulfilled.\n(1 more task is not visible to this reader.)\n"},
			[]string{"Поручения заседания csc-2019-11-28 по состоянию на 2020-01-01: выполнено 0 из 5.\n(Ещё 1 поручение этому читателю не видно.)\n"}},
		{[]string{"mandates", "priorities", "--chairmanship", "csc-chair-2019"},
			[]string{"6 of 6 priorities fulfilled.", "   assessment: fulfilled (1 task, progress 100%: t2018-p1-capacity)\n"},
			[]string{"Выполнено 6 из 6 приоритетов.", "   оценка: выполнен (1 поручение, ход выполнения 100%: t2018-p1-capacity)\n"}},
		{[]string{"mandates", "overlaps"},
			[]string{"1 pair of active tasks at similarity ≥ 0.50 (TF-IDF cosine of stemmed words):\n"},
			[]string{"1 пара действующих поручений со сходством не ниже 0,50 (косинус TF-IDF по основам слов):\n"}},
		{[]string{"threats", "unanswered", "--by", "any"},
			[]string{"1 threat that neither a decision nor an operation answers:\n"},
			[]string{"1 угроза, на которую не отвечают ни решения, ни операции:\n"}},
		{[]string{"threats", "unanswered"},
			[]string{"2 threats that no decision answers:\n", "Drug trafficking (operation: channel)\n"},
			[]string{"2 угрозы, на которые не отвечает ни одно решение:\n", "Незаконный оборот наркотиков (операция: channel)\n"}},
		{[]string{"threats", "area", "af-north"},
			[]string{"1 threat assessed in af-north or an area within it:\n"},
			[]string{"1 угроза оценена в районе af-north или в районе, входящем в него:\n"}},
		{[]string{"threats", "history", "afghanistan"},
			[]string{"  2019-05-20  level 4 (+1), rising — high"},
			[]string{"  2019-05-20  уровень 4 (+1), возрастает — высокий"}},
		{[]string{"digest", "--as-of", "2020-06-16", "--due-within", "1", "--changed-within", "1"},
			[]string{"Digest of 2020-06-16: due within 1 day, overdue, and changed in the 1 day up to it.\n"},
			[]string{"Сводка на 2020-06-16: срок в течение 1 дня, просроченное и изменения за 1 день до этой даты.\n"}},
		{[]string{"digest", "--as-of", "2020-06-16", "--due-within", "21", "--changed-within", "2"},
			[]string{"due within 21 days, overdue, and changed in the 2 days up to it.\n", "  #623 2020-06-15 ReportImplementation task t2019-gcts → in progress\n"},
			[]string{"срок в течение 21 дня, просроченное и изменения за 2 дня до этой даты.\n", "  #623 2020-06-15 ReportImplementation поручение t2019-gcts → выполняется\n"}},
		{[]string{"list", "session", "--where", "id=csc-2019-11-28"},
			[]string{"1 of 1 session record\n"},
			[]string{"заседание: 1 запись из 1\n"}},
		{[]string{"list", "task", "--limit", "2"},
			[]string{"2 of 18 task records\n"},
			[]string{"поручение: 2 записи из 18\n"}},
	} {
		for lang, want := range map[string][]string{"en": c.en, "ru": c.ru} {
			args := append(append([]string{}, c.args...), "--db", db, "--lang", lang)
			expect(t, run(t, nil, args...), 0, want...)
		}
	}
}

// The operators' messages, in English, agree with their counts too.
func TestOperatorMessagesAgreeWithTheirCounts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "un.db")
	expect(t, run(t, nil, "init", "--db", db), 0, "0 journal entries")
	r := run(t, nil, "import", "--format", "rollcall", "../../internal/exchange/testdata/rollcall-bad.csv", "--db", db, "--skip-bad")
	expect(t, r, 0, "loaded 1 roll call and 1 vote from", "(1 state added;", "roll call 1 (1 good line not loaded with it):", "roll call 2 (0 good lines not loaded with it):")
	expect(t, run(t, nil, "votes", "record", "RU", "--db", db), 0, "RU: 1 position: joins 1\n")
	expect(t, run(t, nil, "votes", "blocked", "--db", db), 0, "0 items not adopted\n")
}

// No value of an enumeration reaches a reader as the identifier the record stores, nor a
// Go value (a map, true or false), in either language.
func TestNoRawEnumValueReachesReaders(t *testing.T) {
	db := demoDB(t)
	both := []string{`in_progress`, `all_states`, `sum_of_years`, `sum_of_stages`, `latest_cumulative`, `true`, `false`, `map\[`}
	// The English labels of these values are the values themselves.
	ruOnly := []string{`assigned`, `secretariat`, `fulfilled`, `reported`, `cumulative`, `rising`, `stable`, `substantive`}
	for _, c := range []struct {
		args []string
		ids  string // a value that is an ID there, not an enumeration's value
	}{
		{args: []string{"mandates", "status", "--session", "csc-2019-11-28", "--as-of", "2021-01-05"}},
		{args: []string{"mandates", "open", "--as-of", "2021-01-05"}},
		{args: []string{"mandates", "progress", "csc-2019-2", "--as-of", "2021-01-05"}},
		{args: []string{"history", "task", "t2019-gcts"}},
		{args: []string{"history", "task", "t2019-budget"}},
		{args: []string{"history", "threat", "afghanistan"}, ids: "secretariat"}, // the body that assessed it
		{args: []string{"get", "operation", "mercenary"}},
		{args: []string{"get", "operation", "channel"}},
		{args: []string{"get", "decision", "csc-2018-1"}},
	} {
		args := c.args
		for _, lang := range []string{"en", "ru"} {
			r := run(t, nil, append(append([]string{}, args...), "--db", db, "--lang", lang)...)
			expect(t, r, 0)
			raw := both
			if lang == "ru" {
				raw = append(append([]string{}, both...), ruOnly...)
			}
			for _, v := range raw {
				if v == c.ids {
					continue
				}
				if loc := regexp.MustCompile(`(^|[\s:(,])` + v + `($|[\s,.)])`).FindStringIndex(r.stdout); loc != nil {
					t.Errorf("%v --lang %s shows %q: …%s…", args, lang, v, r.stdout[max(0, loc[0]-60):min(len(r.stdout), loc[1]+20)])
				}
			}
		}
	}
	// The labels are there instead.
	expect(t, run(t, nil, "mandates", "status", "--session", "csc-2019-11-28", "--as-of", "2021-01-05", "--db", db, "--lang", "ru"), 0,
		"t2019-budget                поставлено, просрочено  2020-12-31                     Секретариат", "выполняется", "все государства-члены")
	expect(t, run(t, nil, "mandates", "status", "--session", "csc-2019-11-28", "--as-of", "2021-01-05", "--db", db), 0,
		"t2019-budget                assigned, overdue  2020-12-31                      the Secretariat", "in progress", "all member states")
	expect(t, run(t, nil, "history", "task", "t2019-gcts", "--db", db, "--lang", "ru"), 0,
		"    illustrative: да\n", "    responsible.kind: все государства-члены\n", "    status: поставлено → выполняется\n")
	expect(t, run(t, nil, "history", "task", "t2019-gcts", "--db", db), 0,
		"    illustrative: yes\n", "    responsible.kind: all member states\n", "    status: assigned → in progress\n")
	expect(t, run(t, nil, "get", "operation", "channel", "--db", db, "--lang", "ru"), 0, "permanent     да\n", "сумма по этапам", "последний нарастающий итог")
	expect(t, run(t, nil, "get", "operation", "mercenary", "--db", db), 0, "sum of the years", "as reported")
}
