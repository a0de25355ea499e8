package exchange

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// The Popolo schemas are JSON Schema draft-03, which no maintained Go validator speaks.
// They are checked in code, not converted: they use eight keywords (type, properties,
// required, items, $ref, pattern, format, and draft-03's boolean required), which take
// a page to check, while a conversion to a later draft would need a validator library
// and a converter that must themselves be trusted; and a schema keyword this checker
// does not know is an error, never ignored. Its verdicts are held to those of
// python-jsonschema's Draft3Validator on the Popolo examples (VALIDATION_RESULTS.txt).

//go:embed popolo/*.json
var popoloFiles embed.FS

// popoloSchema is one draft-03 schema, or a part of one.
type popoloSchema struct {
	Type        any                      `json:"type"`
	Properties  map[string]*popoloSchema `json:"properties"`
	Items       *popoloSchema            `json:"items"`
	Ref         string                   `json:"$ref"`
	Pattern     string                   `json:"pattern"`
	Format      string                   `json:"format"`
	Required    bool                     `json:"required"`
	pattern     *regexp.Regexp
	Schema      string `json:"$schema"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// popoloKeywords are the keywords the checker knows.
var popoloKeywords = []string{"$schema", "id", "title", "description", "type", "properties", "items", "$ref", "pattern", "format", "required"}

// popoloSchemas are the schemas by class ("organization", "vote_event").
var popoloSchemas = func() map[string]*popoloSchema {
	out := map[string]*popoloSchema{}
	names, err := popoloFiles.ReadDir("popolo")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		if !strings.HasSuffix(n.Name(), ".json") {
			continue
		}
		b, err := popoloFiles.ReadFile("popolo/" + n.Name())
		if err != nil {
			panic(err)
		}
		s, err := parsePopoloSchema(b)
		if err != nil {
			panic(fmt.Sprintf("the embedded Popolo schema %s: %v", n.Name(), err))
		}
		out[strings.TrimSuffix(n.Name(), ".json")] = s
	}
	return out
}()

// parsePopoloSchema reads a schema, refusing keywords the checker does not know.
func parsePopoloSchema(b []byte) (*popoloSchema, error) {
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	if err := knownKeywords(raw, ""); err != nil {
		return nil, err
	}
	var s popoloSchema
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	return &s, s.compile()
}

func knownKeywords(v any, path string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	for k, sub := range m {
		if !slices.Contains(popoloKeywords, k) {
			return fmt.Errorf("%s: the keyword %q is not one the checker knows", path, k)
		}
		switch k {
		case "properties":
			props, _ := sub.(map[string]any)
			for name, p := range props {
				if err := knownKeywords(p, path+"/properties/"+name); err != nil {
					return err
				}
			}
		case "items":
			if err := knownKeywords(sub, path+"/items"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *popoloSchema) compile() error {
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return err
		}
		s.pattern = re
	}
	for _, p := range s.Properties {
		if err := p.compile(); err != nil {
			return err
		}
	}
	if s.Items != nil {
		return s.Items.compile()
	}
	return nil
}

// types lists the types the schema allows ("any" for none given).
func (s *popoloSchema) types() []string {
	switch t := s.Type.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if str, ok := x.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return []string{"any"}
}

// jsonType names a decoded JSON value's type as draft-03 does; a whole number is an
// integer (and a number).
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// checkPopolo holds a value (decoded with UseNumber) to the schema of a class, and returns
// every problem, each with its JSON path.
func checkPopolo(class string, v any, path string) []string {
	s := popoloSchemas[class]
	if s == nil {
		return []string{fmt.Sprintf("%s: there is no Popolo class %q", path, class)}
	}
	var out []string
	s.check(v, path, &out, 0)
	sort.Strings(out)
	return out
}

func (s *popoloSchema) check(v any, path string, out *[]string, depth int) {
	if depth > MaxJSONDepth {
		*out = append(*out, path+": nested too deeply")
		return
	}
	if s.Ref != "" {
		name := strings.TrimSuffix(strings.TrimPrefix(s.Ref, "http://www.popoloproject.com/schemas/"), ".json#")
		ref := popoloSchemas[name]
		if ref == nil {
			*out = append(*out, fmt.Sprintf("%s: the schema refers to %s, which is not one of Popolo's", path, s.Ref))
			return
		}
		ref.check(v, path, out, depth+1)
		return
	}
	t := jsonType(v)
	types := s.types()
	if !slices.Contains(types, "any") && !slices.Contains(types, t) && !(t == "integer" && slices.Contains(types, "number")) {
		*out = append(*out, fmt.Sprintf("%s: is %s, not %s", path, t, strings.Join(types, " or ")))
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for _, name := range sortedKeys(s.Properties) {
			p := s.Properties[name]
			val, ok := x[name]
			if !ok {
				if p.Required {
					*out = append(*out, fmt.Sprintf("%s/%s: is required", path, name))
				}
				continue
			}
			p.check(val, path+"/"+name, out, depth+1)
		}
	case []any:
		if s.Items != nil {
			for i, e := range x {
				s.Items.check(e, fmt.Sprintf("%s/%d", path, i), out, depth+1)
			}
		}
	case string:
		if s.pattern != nil && !s.pattern.MatchString(x) {
			*out = append(*out, fmt.Sprintf("%s: %q does not match %s", path, x, s.Pattern))
		}
		if p := formatProblem(s.Format, x); p != "" {
			*out = append(*out, fmt.Sprintf("%s: %q is not %s", path, x, p))
		}
	}
}

// formatProblem checks draft-03's formats the Popolo schemas use.
func formatProblem(format, s string) string {
	switch format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return "a date-time (RFC 3339: 2019-11-28T00:00:00Z)"
		}
	case "uri":
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			return "an absolute URI"
		}
	case "email":
		if _, err := mail.ParseAddress(s); err != nil {
			return "an e-mail address"
		}
	}
	return ""
}
