package store

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"secretariat"
)

// decided makes an adopted decision of the council on date, with the given members joining.
func decided(t *testing.T, st *Store, clock *testClock, sessionID, date string, members ...string) string {
	t.Helper()
	ctx := context.Background()
	session(t, st, sessionID, date, 1)
	clock.set(date)
	for _, m := range members {
		_, err := st.RecordPosition(ctx, PositionInput{Item: sessionID + "-1", State: m, Stance: secretariat.Joins})
		check(t, err)
	}
	return outcome(t)(st.DecideItem(ctx, sessionID+"-1", DecisionInput{})).Decision.ID
}

func text(en string) secretariat.Text { return secretariat.Text{EN: en, Authentic: secretariat.EN} }

func TestSupersessionLineage(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	d1 := decided(t, st, clock, "s1", "2018-11-08", "AA", "BB")
	secretariatOnly := secretariat.Responsible{Kind: secretariat.ResponsibleSecretariat}
	for _, id := range []string{"old1", "old2", "old3"} {
		_, err := st.SetTask(ctx, secretariat.Task{ID: id, Decision: d1, Text: text("Prepare " + id), Responsible: secretariatOnly})
		check(t, err)
	}
	d2 := decided(t, st, clock, "s2", "2019-11-28", "AA", "BB")
	_, err := st.SetTask(ctx, secretariat.Task{ID: "new", Decision: d2, Text: text("Prepare the merged plan"), Responsible: secretariatOnly,
		Links: []secretariat.TaskLink{{Relation: secretariat.Supersedes, Tasks: []string{"old1"}}, {Relation: secretariat.Merges, Tasks: []string{"old2"}},
			{Relation: secretariat.Renews, Tasks: []string{"old3"}}}})
	check(t, err)
	for id, want := range map[string]secretariat.TaskStatus{"old1": secretariat.TaskSuperseded, "old2": secretariat.TaskSuperseded, "old3": secretariat.TaskAssigned} {
		task := must[*secretariat.Task](t)(FindByID[secretariat.Task](ctx, st, secretariat.Secretariat, id))
		if task.Status != want {
			t.Errorf("%s is %s, want %s", id, task.Status, want)
		}
	}
	old := must[*TaskView](t)(st.TaskView(ctx, secretariat.Secretariat, "old1", secretariat.MustDate("2020-01-01")))
	if len(old.ReplacedBy) != 1 || old.ReplacedBy[0].Tasks[0] != "new" || old.ReplacedBy[0].Relation != secretariat.Supersedes {
		t.Fatalf("replaced by: %+v", old.ReplacedBy)
	}
	// The superseding entry changed the old task in the same journal entry.
	h := must[[]HistoryEntry](t)(st.History(ctx, secretariat.Secretariat, "task", "old1"))
	if len(h) != 2 || h[1].Verb != "SetTask" || !bytes.Contains(h[1].Doc, []byte(`"superseded"`)) {
		t.Fatalf("history: %+v", h)
	}
	// A superseded task is final: it cannot be superseded again, and takes no reports.
	_, err = st.SetTask(ctx, secretariat.Task{ID: "newer", Decision: d2, Text: text("Again"), Responsible: secretariatOnly,
		Links: []secretariat.TaskLink{{Relation: secretariat.Supersedes, Tasks: []string{"old1"}}}})
	if secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("superseding a final task: %v", err)
	}
	if _, err := FindByID[secretariat.Task](ctx, st, secretariat.Secretariat, "newer"); secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		t.Fatal("the refused task was written")
	}
}

func TestImplementationReportsAndTheirDocuments(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	d := decided(t, st, clock, "s1", "2019-01-10", "AA", "BB")
	_, err := st.SetTask(ctx, secretariat.Task{ID: "t", Decision: d, Text: text("Report"), Due: secretariat.MustDate("2019-06-30"),
		Responsible: secretariat.Responsible{Kind: secretariat.ResponsibleStates, States: []string{"AA"}}})
	check(t, err)
	report := func(party string, progress int, files ...File) error {
		_, err := st.ReportImplementation(ctx, secretariat.ImplementationReport{Task: "t", Date: secretariat.MustDate("2019-03-01"),
			Author: party, SpeaksFor: party, Text: text("Done some"), Progress: progress}, files)
		return err
	}
	if err := report("BB", 10); secretariat.ErrorCode(err) != secretariat.EINVALID || !strings.Contains(err.Error(), "not responsible") {
		t.Fatalf("a party not responsible reported: %v", err)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	check(t, report("AA", 40, File{Name: "report.pdf", Content: pdf}))
	task := must[*secretariat.Task](t)(FindByID[secretariat.Task](ctx, st, secretariat.Secretariat, "t"))
	if task.Status != secretariat.TaskInProgress || task.Progress != 40 {
		t.Fatalf("after a partial report: %s %d", task.Status, task.Progress)
	}
	reports, _, err := FindAll[secretariat.ImplementationReport](ctx, st, secretariat.Secretariat, Where("task", "t"))
	check(t, err)
	if len(reports) != 1 || len(reports[0].Documents) != 1 || len(reports[0].Documents[0].SHA256) != 64 {
		t.Fatalf("the document is not referenced by its SHA-256: %+v", reports)
	}
	for name, f := range map[string]File{
		"too big":    {Name: "big.pdf", Content: append([]byte("%PDF-1.4\n"), make([]byte, MaxFileSize)...)},
		"executable": {Name: "report.pdf", Content: []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")},
		"html":       {Name: "report.txt", Content: []byte("<html><script>alert(1)</script></html>")},
		"empty":      {Name: "empty.pdf"},
	} {
		if err := report("AA", 50, f); secretariat.ErrorCode(err) != secretariat.EINVALID {
			t.Errorf("%s was accepted: %v", name, err)
		}
	}
	task = must[*secretariat.Task](t)(FindByID[secretariat.Task](ctx, st, secretariat.Secretariat, "t"))
	if task.Progress != 40 {
		t.Fatal("a refused report changed the task")
	}
	check(t, report("AA", 100))
	check(t, func() error { _, err := st.FulfilTask(ctx, "t"); return err }())
	if err := report("AA", 100); secretariat.ErrorCode(err) != secretariat.ECONFLICT {
		t.Fatalf("a report on a fulfilled task: %v", err)
	}
	r := must[Report](t)(st.Verify(ctx, nil))
	if !r.OK || r.Files != 1 {
		t.Fatalf("verify: %+v", r)
	}
	// A stored file altered behind the record's back is caught by verify.
	_, err = st.writer.Exec(`UPDATE file SET content = ?`, []byte{0})
	check(t, err)
	if r := must[Report](t)(st.Verify(ctx, nil)); r.OK || !strings.Contains(r.Problem, "does not match its SHA-256") {
		t.Fatalf("verify after altering a file: %+v", r)
	}
}

func TestOverlapsFindNearDuplicatesAcrossLanguages(t *testing.T) {
	st, clock := newStore(t)
	seedMembers(t, st, "AA", "BB")
	ctx := context.Background()
	d1 := decided(t, st, clock, "s1", "2019-11-28", "AA", "BB")
	d2 := decided(t, st, clock, "s2", "2019-11-29", "AA", "BB")
	all := secretariat.Responsible{Kind: secretariat.ResponsibleAllStates}
	tasks := []secretariat.Task{
		{ID: "ru-a", Decision: d1, Text: secretariat.T("Подготовить план совместных учений коллективных сил на 2020 год", "")},
		{ID: "ru-b", Decision: d2, Text: secretariat.T("Разработать план совместных учений коллективных сил на 2020 год и представить его", "")},
		{ID: "tr-a", Decision: d1, Text: secretariat.T("Создать единый реестр каналов незаконной миграции", "Create a single register of illegal migration channels")},
		{ID: "tr-b", Decision: d2, Text: secretariat.TEN("Establish a single register of channels of illegal migration", "")},
		{ID: "other", Decision: d2, Text: secretariat.T("Исполнить бюджет Организации на 2020 год", "Execute the budget for 2020")},
		{ID: "done", Decision: d2, Text: secretariat.T("Подготовить план совместных учений коллективных сил на 2020 год", "")},
	}
	for i := range tasks {
		tasks[i].Responsible = all
		_, err := st.SetTask(ctx, tasks[i])
		check(t, err)
	}
	_, err := st.CancelTask(ctx, "done") // a cancelled task is not active: it overlaps with nothing
	check(t, err)
	pairs := must[[]Overlap](t)(st.Overlaps(ctx, secretariat.Secretariat, 0.5))
	found := map[string]Overlap{}
	for _, p := range pairs {
		found[p.TaskA+"+"+p.TaskB] = p
	}
	if p, ok := found["ru-a+ru-b"]; !ok || p.Lang != "ru" || p.DecisionA != d1 || p.DecisionB != d2 {
		t.Errorf("the reworded Russian pair: %+v (all: %+v)", p, pairs)
	}
	if p, ok := found["tr-a+tr-b"]; !ok || p.Lang != "en" {
		t.Errorf("the pair matched through the translation: %+v (all: %+v)", p, pairs)
	}
	if len(pairs) != 2 {
		t.Errorf("unrelated or inactive tasks were paired: %+v", pairs)
	}
	if strict := must[[]Overlap](t)(st.Overlaps(ctx, secretariat.Secretariat, 0.99)); len(strict) != 0 {
		t.Errorf("the threshold is not applied: %+v", strict)
	}
}

// zipOf builds a zip archive of the named files, empty but for their names.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, err := w.Create(n)
		check(t, err)
		_, err = f.Write([]byte("<x/>"))
		check(t, err)
	}
	check(t, w.Close())
	return buf.Bytes()
}

func TestDocumentTypesAreJudgedByContentNotByName(t *testing.T) {
	docx := zipOf(t, "[Content_Types].xml", "word/document.xml")
	cases := []struct {
		name, file string
		content    []byte
		want       string // the media type stored, or "" for a refusal
	}{
		{"pdf", "a.pdf", []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), "application/pdf"},
		{"csv named .txt", "a.txt", []byte("state,figure\nKG,12\nRU,40\nKZ,7\n"), "text/csv"},
		{"plain text", "a.csv", []byte("Доклад об исполнении поручения.\n"), "text/plain"},
		{"word document named .bin", "a.bin", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"png", "a.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), "image/png"},
		{"a zip that is no office document", "a.docx", zipOf(t, "payload.exe"), ""},
		{"html named .pdf", "a.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), ""},
		{"executable", "a.pdf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), ""},
	}
	for _, c := range cases {
		got, err := documentType(c.file, c.content)
		switch {
		case c.want == "" && (err == nil || secretariat.ErrorCode(err) != secretariat.EINVALID):
			t.Errorf("%s: accepted as %s", c.name, got)
		case c.want != "" && (err != nil || got != c.want):
			t.Errorf("%s: %q, %v; want %s", c.name, got, err, c.want)
		}
	}
}
