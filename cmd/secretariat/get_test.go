package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// get shows every field in full, in one layout for every kind, with enumerations by
// their labels and the record's sources by title; list --where matches a text in either
// language by a part of it, whatever the case, and refuses a value a field cannot have.
func TestGetAndListForPeople(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	expect(t, run(t, nil, "demo", "--db", db, "--quiet"), 0)

	r := run(t, nil, "get", "threat", "afghanistan", "--db", db)
	expect(t, r, 0, "threat afghanistan\nMilitants concentrating in northern Afghanistan\n",
		"and train fighters to send into the member states (the acting Secretary General).", // in full: no "…"
		"Semerikov: thousands of militants in northern Afghanistan. Asia-Plus, 2019-11-29, other media. https://asiaplustj.info/en/news/")
	if strings.Contains(r.stdout, "…") {
		t.Errorf("get cut a value:\n%s", r.stdout)
	}
	ru := run(t, nil, "get", "task", "t2019-victory", "--db", db, "--lang", "ru")
	expect(t, ru, 0, "поручение t2019-victory\nПровести мероприятия к 75-летию Победы", "выполнено", "Секретариат")
	for _, raw := range []string{" fulfilled", " secretariat\n"} {
		if strings.Contains(ru.stdout, raw) {
			t.Errorf("the Russian get shows the identifier %q:\n%s", raw, ru.stdout)
		}
	}
	// Every kind reads in the same layout: its kind and ID, then its fields.
	for _, kr := range [][2]string{{"source", "kremlin-62146"}, {"session", "csc-2019-11-28"}, {"figure", "operations-channels-2019-patrushev"},
		{"publication", "interview-semerikov-2019"}, {"operation", "mercenary"}, {"item", "csc-2019-11-28-8"}, {"decision", "csc-2019-8"}} {
		r := run(t, nil, "get", kr[0], kr[1], "--db", db)
		expect(t, r, 0, kr[1]+"\n", "\nid ")
	}
	pub := run(t, nil, "get", "publication", "interview-semerikov-2019", "--db", db, "--lang", "ru")
	expect(t, pub, 0, "Новости", "интервью", "Валерий Семериков подвел итоги 2019 года: интервью МИР. CSTO / MIR, официальный сайт. https://en.odkb-csto.org/news/")

	expect(t, run(t, nil, "list", "decision", "--where", "title=Zas", "--db", db), 0, "csc-2019-8")
	expect(t, run(t, nil, "list", "decision", "--where", "title=zas", "--db", db), 0, "csc-2019-8")
	expect(t, run(t, nil, "list", "decision", "--where", "title=ЗАСЬ", "--db", db), 0, "csc-2019-8")
	none := run(t, nil, "list", "decision", "--where", "title=nobody", "--db", db)
	expect(t, none, 0, "0 of 0 decision records")
	bad := run(t, nil, "list", "task", "--where", "status=done", "--db", db)
	expect(t, bad, 2, `"done" is not a value task.status can have, so it matches nothing: use one of assigned, in_progress`)
	// A label in either language is read as its value.
	expect(t, run(t, nil, "list", "task", "--where", "status=Fulfilled", "--db", db), 0, "t2018-arms-control")
	expect(t, run(t, nil, "list", "task", "--where", "status=выполнено", "--db", db), 0, "t2018-arms-control")
	expect(t, run(t, nil, "list", "figure", "--where", "scope=programme", "--db", db, "--lang", "ru"), 0, "все регулярные операции за период", "более 250000")
}
