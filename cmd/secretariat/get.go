package main

import (
	"encoding/json"
	"strings"

	"secretariat"
)

func init() {
	register(command{name: "get", summary: "show one record (with what the record knows about it): text for people, --json for scripts", run: runGet})
}

func runGet(e *env, args []string) error {
	f := newFlags(e, "get", "KIND ID [--json] [--as-of DATE]").withJSON().withAsOf().withViewer().withLang()
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	kind, id := pos[0], pos[1]
	if _, ok := secretariat.LookupKind(kind); !ok {
		return usagef("%q is not a kind of record; the kinds are: %s", kind, strings.Join(secretariat.KindNames(), ", "))
	}
	st, err := f.open()
	if err != nil {
		return err
	}
	defer st.Close()
	view, err := st.View(e.ctx, f.reader(), kind, id)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, view)
	}
	raw, err := json.Marshal(view)
	if err != nil {
		return err
	}
	v, err := decode(raw)
	if err != nil {
		return err
	}
	var fs []field
	flatten(v, "", f.language(), &fs)
	return writeFields(e.stdout, fs)
}
