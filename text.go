package secretariat

import "strings"

// Lang is a language of the record. The organization works in Russian; English is the
// second language of the record.
type Lang string

// The languages of the record.
const (
	RU Lang = "ru"
	EN Lang = "en"
)

// ParseLang accepts "ru" or "en".
func ParseLang(s string) (Lang, error) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case RU:
		return RU, nil
	case EN:
		return EN, nil
	}
	return "", Errorf(EINVALID, "unknown language %q: use ru or en", s)
}

// Text is a text people read, in Russian and English. Either form may be missing, but
// the language that is authentic (the original) is recorded whenever there is text.
type Text struct {
	RU string `json:"ru,omitempty"`
	EN string `json:"en,omitempty"`
	// Authentic names the original language; the other form is a translation.
	Authentic Lang `json:"authentic,omitempty"`
}

// T builds a Text whose authentic language is Russian, with an English translation.
func T(ru, en string) Text { return Text{RU: ru, EN: en, Authentic: RU} }

// TEN builds a Text whose authentic language is English, with a Russian translation.
func TEN(en, ru string) Text { return Text{RU: ru, EN: en, Authentic: EN} }

// IsZero reports whether the text has neither form.
func (t Text) IsZero() bool { return t.RU == "" && t.EN == "" }

// In returns the text in lang, falling back to the other language when that form is
// missing.
func (t Text) In(lang Lang) string {
	if lang == EN {
		if t.EN != "" {
			return t.EN
		}
		return t.RU
	}
	if t.RU != "" {
		return t.RU
	}
	return t.EN
}

// Has reports whether the text has a form in lang.
func (t Text) Has(lang Lang) bool {
	if lang == EN {
		return t.EN != ""
	}
	return t.RU != ""
}

// validate checks that a text present names its authentic language, and that the
// authentic form exists. required demands at least one form.
func (t Text) validate(f fieldErrors, field string, required bool) {
	if t.IsZero() {
		if required {
			f.add(field, "is required, in Russian or English")
		}
		if t.Authentic != "" {
			f.add(field+".authentic", "names a language but the text is empty")
		}
		return
	}
	switch t.Authentic {
	case RU, EN:
		if !t.Has(t.Authentic) {
			f.addf(field+"."+string(t.Authentic), "is the authentic language but has no text")
		}
	case "":
		f.add(field+".authentic", "is required: say which language is the original (ru or en)")
	default:
		f.addf(field+".authentic", "%q is not a language of the record: use ru or en", t.Authentic)
	}
	const max = 200_000
	if len(t.RU) > max || len(t.EN) > max {
		f.addf(field, "is longer than %d bytes", max)
	}
}

// Fold prepares a text for matching as people expect: lower case in any script, and ё
// read as е, as Russian readers and dictionaries do.
func Fold(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ё", "е")
}
