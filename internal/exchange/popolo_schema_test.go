package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secretariat/internal/testkit"
)

// The checker of draft-03 agrees with python-jsonschema's Draft3Validator (with its
// format checker) on every Popolo example: VALIDATION_RESULTS.txt gives each verdict,
// and for the one invalid example, the path.
func TestThePopoloCheckerAgreesWithTheReferenceValidator(t *testing.T) {
	root := filepath.Join(testkit.Shared(), "schemas", "popolo")
	testkit.NeedFile(t, filepath.Join(root, "VALIDATION_RESULTS.txt"), "the Popolo schemas and examples are in ../shared/schemas/popolo")
	f, err := os.Open(filepath.Join(root, "VALIDATION_RESULTS.txt"))
	check(t, err)
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.SplitN(line, "\t", 3)
		example, class := fields[0], strings.TrimSuffix(strings.TrimPrefix(fields[1], "schema=schemas/"), ".json")
		b, err := os.ReadFile(filepath.Join(root, example))
		check(t, err)
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		check(t, dec.Decode(&v))
		problems := checkPopolo(class, v, "")
		verdict := fields[2]
		switch {
		case verdict == "VALID" && len(problems) > 0:
			t.Errorf("%s: the reference validator finds it valid; the checker says %v", example, problems)
		case strings.HasPrefix(verdict, "INVALID"):
			at := verdict[strings.LastIndex(verdict, " at ")+4:]
			if len(problems) == 0 || !strings.HasPrefix(problems[0], at+":") {
				t.Errorf("%s: the reference validator says %q; the checker says %v", example, verdict, problems)
			}
		}
		n++
	}
	if n != 18 {
		t.Fatalf("%d verdicts read, want the 18 examples", n)
	}
}
