package secretariat

import (
	"net/url"
	"strconv"
)

func fieldIndex(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

// Validator is a record that can check itself.
type Validator interface {
	Validate() error
}

func checkURL(f fieldErrors, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.addf(field, "%q is not an http or https address", s)
	}
}

func checkRefs(f fieldErrors, field string, ids []string) {
	for i, id := range ids {
		checkID(f, fieldIndex(field, i), id, true)
	}
}

func (p Provenance) validate(f fieldErrors) { checkRefs(f, "sources", p.Sources) }
