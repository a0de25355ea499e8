package ical

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"secretariat/internal/testkit"
	"strings"
	"testing"
	"time"

	"secretariat/internal/ical/icaltest"
)

// pythonICalendar is Debian's python3-icalendar, an independent real-world
// parser. The interpreter path is fixed so that a virtualenv on PATH cannot
// substitute a different icalendar.
const pythonICalendar = "/usr/bin/python3"

func requirePythonICalendar(t *testing.T) {
	t.Helper()
	out, err := exec.Command(pythonICalendar, "-c", "import icalendar").CombinedOutput()
	if err == nil {
		return
	}
	msg := "python3-icalendar is not available (" + strings.TrimSpace(string(out)) + " " + err.Error() +
		"); install the Debian package python3-icalendar"
	testkit.Missing(t, msg)
}

// parseScript reads a calendar on stdin with icalendar.Calendar.from_ical and
// prints what it understood as JSON. icalendar 4.x records property parse
// failures on each component instead of raising, so those are reported too.
const parseScript = `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def iso(ev, name):
    v = ev.get(name)
    return None if v is None else v.dt.isoformat()
out = {
    "name": str(cal.get("X-WR-CALNAME", "")),
    "errors": [[c.name, str(e)] for c in cal.walk() for e in c.errors],
    "events": [],
}
for ev in cal.walk("VEVENT"):
    out["events"].append({
        "uid": str(ev.get("UID", "")),
        "summary": str(ev.get("SUMMARY", "")),
        "description": str(ev.get("DESCRIPTION", "")),
        "location": str(ev.get("LOCATION", "")),
        "dtstart": iso(ev, "DTSTART"),
        "dtend": iso(ev, "DTEND"),
    })
json.dump(out, sys.stdout, ensure_ascii=False)
`

type pyEvent struct {
	UID, Summary, Description, Location string
	DTStart                             string  `json:"dtstart"`
	DTEnd                               *string `json:"dtend"`
}

type pyCalendar struct {
	Name   string
	Errors [][]string
	Events []pyEvent
}

func TestRoundTripPythonICalendar(t *testing.T) {
	requirePythonICalendar(t)
	// Texts are longer than 75 octets in Russian and mix every character
	// TEXT escaping touches. python-icalendar 4.0.3 unescapes by successive
	// string replacements, so a literal backslash directly followed by
	// "n", ",", ";" would be misread by that client; the backslash here is
	// followed by a letter that has no escape meaning.
	cal := &Calendar{
		ProdID: "-//Secretariat//Deadlines//RU",
		Name:   "Секретариат: сроки, сессии; заседания",
		Events: []Event{
			{
				UID:         "task-2026-017@secretariat.example",
				Stamp:       time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
				Start:       time.Date(2026, 3, 2, 18, 0, 0, 0, msk),
				End:         time.Date(2026, 3, 2, 19, 30, 0, 0, msk),
				Summary:     "Срок представления доклада Генерального секретаря о ходе осуществления резолюции 75/1, часть 2; проект",
				Description: "Ответственные: отдел документации, группа редакторов.\nВторая строка; третья, с запятой.\r\nПуть: C:\\Архив\\2026",
				Location:    "Женева, Дворец Наций, зал XX",
			},
			{
				UID:     "session-81@secretariat.example",
				Stamp:   time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
				Start:   time.Date(2026, 4, 6, 0, 0, 0, 0, msk),
				End:     time.Date(2026, 4, 10, 0, 0, 0, 0, msk),
				AllDay:  true,
				Summary: "Восемьдесят первая сессия Комитета по программе и координации, первая неделя заседаний",
			},
		},
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if probs, err := icaltest.Check(bytes.NewReader(buf.Bytes())); err != nil || probs != nil {
		t.Fatalf("strict check of our output: %v %v", probs, err)
	}

	cmd := exec.Command(pythonICalendar, "-c", parseScript)
	cmd.Stdin = bytes.NewReader(buf.Bytes())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3-icalendar failed: %v\n%s\ninput:\n%s", err, stderr.String(), buf.String())
	}
	var got pyCalendar
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("decode python output %q: %v", out, err)
	}
	if len(got.Errors) > 0 {
		t.Errorf("python3-icalendar reported parse errors: %v", got.Errors)
	}
	if got.Name != cal.Name {
		t.Errorf("X-WR-CALNAME = %q, want %q", got.Name, cal.Name)
	}
	if len(got.Events) != len(cal.Events) {
		t.Fatalf("python saw %d events, want %d", len(got.Events), len(cal.Events))
	}
	wantStart := []string{"2026-03-02T15:00:00+00:00", "2026-04-06"}
	wantEnd := []string{"2026-03-02T16:30:00+00:00", "2026-04-11"}
	for i, ev := range cal.Events {
		g := got.Events[i]
		for _, f := range []struct{ name, got, want string }{
			{"UID", g.UID, ev.UID},
			{"SUMMARY", g.Summary, ev.Summary},
			{"DESCRIPTION", g.Description, strings.ReplaceAll(ev.Description, "\r\n", "\n")},
			{"LOCATION", g.Location, ev.Location},
			{"DTSTART", g.DTStart, wantStart[i]},
		} {
			if f.got != f.want {
				t.Errorf("event %d %s:\n got %q\nwant %q", i, f.name, f.got, f.want)
			}
		}
		if g.DTEnd == nil || *g.DTEnd != wantEnd[i] {
			t.Errorf("event %d DTEND = %v, want %q", i, g.DTEnd, wantEnd[i])
		}
	}
}
