package icaltest

import (
	"bytes"
	"os"
	"path/filepath"
	"secretariat/internal/testkit"
	"sort"
	"strings"
	"testing"
)

// icalDataDir locates the shared real-world corpus: $SECRETARIAT_SHARED, or
// /work/shared relative to this package (../../../shared).
func icalDataDir(t *testing.T) string {
	t.Helper()
	dir := testkit.SharedData(t, "ical")
	testkit.NeedFile(t, filepath.Join(dir, "ical4j", "valid"), "the labelled iCalendar corpus is incomplete: set SECRETARIAT_SHARED to the shared directory")
	return dir
}

func checkFile(t *testing.T, path string, strict bool) []Problem {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	probs, err := CheckWith(bytes.NewReader(data), CheckOptions{Strict: strict})
	if err != nil {
		t.Fatalf("check %s: %v", path, err)
	}
	return probs
}

// labelException is a labelled file whose label the tolerant checker does not
// reproduce, because the file breaks a rule of RFC 5545 that the label
// overlooks. clause is the section it breaks, which the checker's message must
// cite; reason says what the file does, with its lines, as read in the file;
// want is a fragment of the checker's message that shows the checker acts on
// that reason and no other.
type labelException struct {
	clause string
	reason string
	want   string
}

// The labels come from ical4j's CalendarBuilderTest, which builds each sample
// with CompatibilityHints KEY_RELAXED_UNFOLDING, KEY_NOTES_COMPATIBILITY and
// KEY_RELAXED_VALIDATION enabled, then calls validate(); "valid" therefore
// means "ical4j accepts it in relaxed mode", not "conforms to RFC 5545".
//
// validButFlagged: labelled valid, yet each breaks a MUST of RFC 5545 that
// the tolerant mode checks (the tolerant mode only relaxes transport-level
// rules, and none of these is one). Accepting them would mean dropping the
// rule, so they are listed instead. Each reason was checked by reading the
// file.
var validButFlagged = map[string]labelException{
	// RFC 2445 (1998) made DTSTAMP and UID optional in VEVENT; RFC 5545
	// §3.6.1 made them REQUIRED. ical4j's relaxed validation still accepts
	// the older shape.
	"Belgische32feestdagen.ics": {"§3.6.1", "none of its 30 VEVENTs (the first at line 10) has a DTSTAMP", "VEVENT has no DTSTAMP"},
	"Packers.ics":               {"§3.6.1", "43 of its 66 VEVENTs have no DTSTAMP", "VEVENT has no DTSTAMP"},
	"miked.ics":                 {"§3.6.1", "its one VEVENT (line 22) has no DTSTAMP", "VEVENT has no DTSTAMP"},
	"friday13.ics":              {"§3.6.1", "its one VEVENT (line 4) has neither UID nor DTSTAMP; its TZID=US/Eastern also has no VTIMEZONE (§3.2.19)", "VEVENT has no UID"},
	"friday13-NOT.ics":          {"§3.6.1", "its one VEVENT (line 4) has neither UID nor DTSTAMP; its TZID=US/Eastern also has no VTIMEZONE (§3.2.19)", "VEVENT has no UID"},
	"mansour.ics":               {"§3.6.1", "its one VEVENT (line 4), a test of property escaping, has no UID, DTSTAMP or DTSTART, and the VCALENDAR has no METHOD", "VEVENT has no DTSTAMP"},
	"bitfire1.ics":              {"§3.7.3", "the VCALENDAR has no PRODID (§3.6: REQUIRED), and its VEVENT (line 14) no DTSTAMP (§3.6.1); the sample exists to test VTIMEZONE parsing", "VCALENDAR has no PRODID"},
	"categories.ics":            {"§3.6.1", "its VEVENT (line 4), a test of CATEGORIES escaping, has no DTSTART, which is REQUIRED when the VCALENDAR has no METHOD", "VEVENT has no DTSTART"},
	"incoming.ics":              {"§3.6.1", "the VEVENT of its METHOD:CANCEL object gives UID twice (lines 143 and 145), where one is allowed", "VEVENT has 2 UID properties"},

	// CAL-ADDRESS values are URIs (RFC 5545 §3.3.3: cal-address = uri).
	"classify.ics":           {"§3.3.3", "ATTENDEE;CUTYPE=ROOM:conf_Big@example.com (lines 11 and 33) has no URI scheme", `ATTENDEE:"conf_Big@example.com" has no URI scheme`},
	"multiple_calendars.ics": {"§3.3.3", "ATTENDEE;CUTYPE=ROOM:conf_Big@example.com (line 12) has no URI scheme", `ATTENDEE:"conf_Big@example.com" has no URI scheme`},
	"rfc5545-sec3.6.4.ics":   {"§3.3.3", "the third VFREEBUSY, one of the RFC's own examples, has ORGANIZER:jsmith@example.com (line 26), with no URI scheme", `ORGANIZER:"jsmith@example.com" has no URI scheme`},

	// The RFC shows VALARM examples as bare fragments; ical4j's sample puts
	// them straight into a VCALENDAR, where the grammar does not allow them.
	"rfc5545-sec3.6.6.ics": {"§3.6", "two VALARMs (lines 4 and 12) stand directly in the VCALENDAR; the grammar has alarmc only inside eventc and todoc", "VALARM cannot appear inside VCALENDAR"},

	// "An individual VTIMEZONE calendar component MUST be specified for each
	// unique TZID parameter value" (§3.2.19). ical4j resolves Olson names
	// from its built-in registry instead.
	"EXDATE-IN-UTC.ics": {"§3.2.19", "DTSTART;TZID=America/Chicago (line 6), and no VTIMEZONE at all", "has no VTIMEZONE with that TZID"},
	"THFC.ics":          {"§3.2.19", "173 properties with TZID=Australia/Sydney or Europe/London (the first at line 10), and no VTIMEZONE at all", "has no VTIMEZONE with that TZID"},
	"derryn.ics":        {"§3.2.19", "EXDATE;TZID=Australia/Brisbane (line 6) and ten more, and no VTIMEZONE at all", "has no VTIMEZONE with that TZID"},

	// Date and time values that ical4j's relaxed validation lets through.
	"google_aus_holidays.ics": {"§3.2.20", "DTSTART;TZID=America/Los_Angeles:20041225 (line 11) and the others give a DATE without VALUE=DATE, where the default type of DTSTART and DTEND is DATE-TIME (§3.8.2.4, §3.8.2.2)", "is a DATE but lacks VALUE=DATE"},
	"zidestoreical4jbomb.ics": {"§3.2.20", "DTEND:20060612 and DTSTART:20060611 (lines 10 and 11) give a DATE without VALUE=DATE, where the default type is DATE-TIME", "is a DATE but lacks VALUE=DATE"},
	"japan_west.ics":          {"§3.2.19", "DTSTART;TZID=Japan;VALUE=DATE:20060503 (line 30) and others put a TZID on a DATE, to which it MUST NOT be applied", "is a DATE but carries TZID"},
	"evolution2.ics":          {"§3.6.5", "the STANDARD observance starts DTSTART;VALUE=DATE:20200101 (line 8); an observance's DTSTART MUST be a date with a local time", "DTSTART of a STANDARD observance"},
	"stacksize.ics":           {"§3.6.5", "the observances start DTSTART;TZID=America/New_York:… (lines 8 and 14); an observance's DTSTART MUST be a local time, without TZID", "DTSTART of a STANDARD observance"},
	"maritz.ics":              {"§3.8.6.3", "TRIGGER:-P1W6DT15H (line 26) mixes weeks and days, which the dur-value grammar forbids (§3.3.6: dur-week stands alone), so it is neither a duration nor, without VALUE=DATE-TIME, a date-time", `TRIGGER:"-P1W6DT15H" is not a valid duration`},
}

// invalidButAccepted: labelled invalid, yet the tolerant mode accepts it.
var invalidButAccepted = map[string]labelException{
	// The file does break RFC 5545: its TEXT values use the escape \" (the
	// first at line 42), and §3.3.11 defines only \\ \; \, \n and \N. The strict
	// mode reports it. The tolerant mode relaxes undefined escapes because
	// valid-labelled files use \" as well (sunbird_sample.ics,
	// Misc.History.ics, Christian32Holidays.ics, japan_west.ics, THFC.ics), so
	// the escape cannot be what ical4j objects to; its label more likely comes
	// from its own time-zone arithmetic (the VTIMEZONE's observances begin in
	// 2006, the VTODOs that use it in 2003), which RFC 5545 does not govern.
	"OZMovies.ics": {"§3.3.11", "TEXT values use the undefined escape \\\" (the first at line 42)", `the undefined escape "\\\""`},
}

// invalidReason says which rule catches each invalid-labelled file, so the
// classification is right for a stated reason and not by accident.
var invalidReason = map[string]string{
	"0.ics":                          "VCALENDAR has no VERSION",
	"13-MoonPhase.ics":               "is never closed",             // truncated file
	"CalendarDataFile.ics":           "VALARM has no ACTION",        // §3.6.6
	"bhav23-2.ics":                   "malformed content line",      // unfolded text "3.11"
	"boeing.ics":                     `DTSTAMP:"2006717T080000Z"`,   // 7-digit date
	"core.ics":                       "VERSION:1.0",                 // vCalendar 1.0 data
	"eli_courtwright.ics":            "VCALENDAR has no PRODID",     // §3.7.3
	"eli_test.ics":                   "VCALENDAR has no PRODID",     // §3.7.3
	"groupwise.ics":                  "not allowed in a URI",        // "MAILTO:CET Meeting Room@..."
	"korganizer.ics":                 "empty line inside VCALENDAR", // blank line before END:VCALENDAR
	"korganizer-lowercase.ics":       "empty line inside VCALENDAR", // lower-case names are legal (§3.1); the blank line is not
	"lastfm.ics":                     "GEO:",                        // also blank lines between VEVENTs
	"overlaps.ics":                   "no VCALENDAR object",         // bare VEVENTs
	"phpicalendar_sample.ics":        `COMPLETED:"20021016T104840"`, // §3.8.2.1 requires UTC
	"schedule-unstable.ics":          "LAST-MODIFIED:",              // §3.8.7.3 requires UTC
	"smallcluster.ics":               "VCALENDAR nested inside VCALENDAR",
	"sogo-geo-escaped-semicolon.ics": "GEO:",              // "\;" is not float;float
	"talios.ics":                     "has no VTIMEZONE",  // §3.2.19
	"tmeher.ics":                     `CLASS:""`,          // §3.8.1.3
	"twinkle.ics":                    `"-0011130T100000"`, // DTSTART with a negative year
	"twinkle_orig.ics":               `"-0011130T100000"`,
}

// findMessage returns the first problem whose message contains fragment.
func findMessage(probs []Problem, fragment string) (Problem, bool) {
	for _, p := range probs {
		if strings.Contains(p.Message, fragment) {
			return p, true
		}
	}
	return Problem{}, false
}

func hasMessage(probs []Problem, fragment string) bool {
	_, ok := findMessage(probs, fragment)
	return ok
}

func summarize(probs []Problem) string {
	var b strings.Builder
	for i, p := range probs {
		if i == 3 {
			b.WriteString(" …")
			break
		}
		b.WriteString("\n\t\t" + p.String())
	}
	return b.String()
}

// TestLabelledCorpus runs the tolerant checker over every file ical4j labels
// and asserts: valid files are accepted, invalid files are flagged, and the
// only disagreements are exactly the documented exceptions.
func TestLabelledCorpus(t *testing.T) {
	dir := icalDataDir(t)
	type labelled struct {
		label      string
		exceptions map[string]labelException
		wantFlag   bool
	}
	seen := map[string]map[string]bool{}
	counts := map[string][2]int{} // label -> {agree, exception}
	for _, set := range []labelled{
		{"valid", validButFlagged, false},
		{"invalid", invalidButAccepted, true},
	} {
		files, err := filepath.Glob(filepath.Join(dir, "ical4j", set.label, "*.ics"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no %s files under %s: %v", set.label, dir, err)
		}
		seen[set.label] = map[string]bool{}
		for _, path := range files {
			name := filepath.Base(path)
			seen[set.label][name] = true
			probs := checkFile(t, path, false)
			strictProbs := checkFile(t, path, true)
			flagged := len(probs) > 0
			exc, isException := set.exceptions[name]
			c := counts[set.label]
			switch {
			case flagged == set.wantFlag && isException:
				t.Errorf("%s/%s is listed as an exception (%s) but is now classified as labelled; remove it from the list",
					set.label, name, exc.reason)
			case flagged != set.wantFlag && !isException:
				t.Errorf("%s/%s: labelled %s but tolerant check gave %d problems:%s",
					set.label, name, set.label, len(probs), summarize(probs))
			case isException:
				c[1]++
				// The recorded reason must be what the checker reports:
				// in tolerant mode for valid files, in strict mode for the
				// invalid file that only strict mode flags.
				evidence := probs
				if set.wantFlag {
					evidence = strictProbs
				}
				p, ok := findMessage(evidence, exc.want)
				switch {
				case !ok:
					t.Errorf("%s/%s: exception reason %q no longer matches; problems:%s",
						set.label, name, exc.want, summarize(evidence))
				case !strings.Contains(p.Message, "RFC 5545 "+exc.clause):
					t.Errorf("%s/%s: listed as breaking RFC 5545 %s, but the checker cites another rule: %s", set.label, name, exc.clause, p)
				case exc.reason == "":
					t.Errorf("%s/%s: an exception without a reason", set.label, name)
				}
			default:
				c[0]++
				if set.wantFlag {
					want, ok := invalidReason[name]
					if !ok {
						t.Errorf("invalid/%s is flagged but invalidReason does not say why:%s", name, summarize(probs))
					} else if !hasMessage(probs, want) {
						t.Errorf("invalid/%s: expected a problem containing %q, got:%s", name, want, summarize(probs))
					}
				}
			}
			counts[set.label] = c
			// Strict mode only adds rules, so it must flag whatever the
			// tolerant mode flags.
			if flagged && len(strictProbs) == 0 {
				t.Errorf("%s/%s: flagged in tolerant mode but not in strict mode", set.label, name)
			}
		}
	}
	for label, exceptions := range map[string]map[string]labelException{"valid": validButFlagged, "invalid": invalidButAccepted} {
		for name := range exceptions {
			if !seen[label][name] {
				t.Errorf("exception list names %s/%s, which is not in the corpus", label, name)
			}
		}
	}
	for name := range invalidReason {
		if !seen["invalid"][name] {
			t.Errorf("invalidReason names invalid/%s, which is not in the corpus", name)
		}
	}
	t.Logf("valid:   %d accepted, %d documented exceptions (flagged by an RFC 5545 rule)", counts["valid"][0], counts["valid"][1])
	t.Logf("invalid: %d flagged, %d documented exceptions (accepted)", counts["invalid"][0], counts["invalid"][1])
}

// TestUnlabelledCorpus logs how the checker sees the unlabelled golang-ical
// files, and checks one thing that needs no label: the serializer outputs in
// serialization/expected are CRLF-encoded and folded by a real encoder, so
// strict mode must not add any transport-level problem to them.
func TestUnlabelledCorpus(t *testing.T) {
	dir := icalDataDir(t)
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "golang-ical", "testdata"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".ics") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatalf("walk golang-ical: %v", err)
	}
	sort.Strings(files)
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		tolerant := checkFile(t, path, false)
		strict := checkFile(t, path, true)
		t.Logf("%s: tolerant %d, strict %d problems%s", rel, len(tolerant), len(strict), summarize(tolerant))
		if strings.Contains(filepath.ToSlash(rel), "/serialization/expected/") && len(strict) != len(tolerant) {
			t.Errorf("%s: strict mode adds transport-level problems to a real encoder's output:%s", rel, summarize(strict))
		}
	}
}
