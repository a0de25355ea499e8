package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"secretariat/internal/testkit"
	"strings"
	"testing"

	"secretariat"

	"secretariat/internal/ical/icaltest"
	"secretariat/internal/testkit/testrecord"
)

// python3Client runs Debian's python3-icalendar, a real iCalendar client. Missing on CI
// is a failure, as the README's test command installs it.
func python3Client(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		testkit.Missing(t, fmt.Sprintf("python3-icalendar is missing (%v): install it with `apt-get install python3-icalendar`", err))
	}
	return py
}

const parseFeed = `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for ev in cal.walk("VEVENT"):
    out.append({"uid": str(ev.get("uid")), "summary": str(ev.get("summary")), "start": ev.decoded("dtstart").isoformat()})
print(json.dumps(out))
`

func TestCalendarFeedOfTheDemoIsValidAndParses(t *testing.T) {
	st := testrecord.SharedDemo(t)
	ctx := context.Background()
	py := python3Client(t)
	for _, c := range []struct {
		responsible string
		lang        secretariat.Lang
		mustHave    string
		mustNot     string
	}{
		{"", secretariat.EN, "Due: Complete the legal registration of the Crisis Response Center", ""},
		{"", secretariat.RU, "Срок: Завершить юридическое оформление Кризисного центра", ""},
		{"cfm", secretariat.EN, "Due: Coordinate the member states' positions", "Crisis Response Center"},
	} {
		cal, err := Calendar(ctx, st, secretariat.Anonymous, CalendarOptions{Responsible: c.responsible, Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := cal.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		problems, err := icaltest.Check(bytes.NewReader(buf.Bytes()))
		if err != nil || len(problems) > 0 {
			t.Fatalf("the feed breaks RFC 5545: %v %v", err, problems)
		}
		cmd := exec.Command(py, "-c", parseFeed)
		cmd.Stdin = bytes.NewReader(buf.Bytes())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("python3-icalendar could not parse the feed: %v", err)
		}
		var events []struct{ UID, Summary, Start string }
		if err := json.Unmarshal(out, &events); err != nil {
			t.Fatal(err)
		}
		if len(events) != len(cal.Events) {
			t.Fatalf("the client read %d events of %d", len(events), len(cal.Events))
		}
		all := ""
		for i, e := range events {
			if e.UID != cal.Events[i].UID || e.Summary != cal.Events[i].Summary || !strings.HasPrefix(e.Start, cal.Events[i].Start.Format("2006-01-02")) {
				t.Fatalf("event %d read back as %+v, written as %+v", i, e, cal.Events[i])
			}
			all += e.Summary + "\n"
		}
		if !strings.Contains(all, c.mustHave) || (c.mustNot != "" && strings.Contains(all, c.mustNot)) {
			t.Fatalf("%q/%s: the feed's events are wrong:\n%s", c.responsible, c.lang, all)
		}
		if strings.Contains(all, "Tajik–Afghan border") {
			t.Fatal("the public feed shows a restricted task")
		}
	}
}
