package ui

import (
	"encoding/json"
	"testing"
)

// A yes-or-no field reads as a word of the reader's language on the history page, while a
// text that happens to spell "true" stays as typed.
func TestHistorySaysYesOrNoFieldsInWords(t *testing.T) {
	say := func(v bool) string {
		if v {
			return "да"
		}
		return "нет"
	}
	old := json.RawMessage(`{"own_members":false,"note":"true","name":{"ru":"Совет"}}`)
	now := json.RawMessage(`{"own_members":true,"note":"false","name":{"ru":"Совет"}}`)
	changes, err := diffDocs(old, now, say)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, c := range changes {
		got[c.Path] = [2]string{c.Old, c.New}
	}
	want := map[string][2]string{"own_members": {"нет", "да"}, "note": {"true", "false"}}
	if len(got) != len(want) {
		t.Fatalf("changes = %v, want %v", got, want)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %q → %q, want %q → %q", p, got[p][0], got[p][1], w[0], w[1])
		}
	}
}
