package main

import (
	"fmt"
	"secretariat/internal/present"
)

func init() {
	register(command{name: "history", summary: "show a record's life from the journal: each entry that wrote it, and what changed", run: runHistory})
}

func runHistory(e *env, args []string) error {
	f := newFlags(e, "history", "KIND ID [--json]").withJSON().withViewer().withLang()
	pos, st, err := f.start(args, 2, 2, kindAndID)
	if err != nil {
		return err
	}
	defer st.Close()
	kind, id := pos[0], pos[1]
	hist, err := st.History(e.ctx, f.reader(), kind, id)
	if err != nil {
		return err
	}
	if f.json {
		return writeJSON(e.stdout, hist)
	}
	prev := map[string]string{}
	for _, h := range hist {
		fmt.Fprintf(e.stdout, "#%d  %s  %s  %s  %s\n", h.Seq, h.At.Format("2006-01-02 15:04:05Z"), h.Actor, h.Verb, h.Hash[:16])
		v, err := present.Decode(h.Doc)
		if err != nil {
			return err
		}
		fs := present.FlattenRecord(kind, v, f.language())
		cur := map[string]string{}
		for _, x := range fs {
			cur[x.Path] = x.Value
			switch old, seen := prev[x.Path]; {
			case !seen && x.Value != "":
				fmt.Fprintf(e.stdout, "    %s: %s\n", x.Path, oneLine(x.Value, 120))
			case seen && old != x.Value:
				fmt.Fprintf(e.stdout, "    %s: %s → %s\n", x.Path, oneLine(old, 60), oneLine(x.Value, 60))
			}
		}
		for p, old := range prev {
			if _, ok := cur[p]; !ok && old != "" {
				fmt.Fprintf(e.stdout, "    %s: %s → (removed)\n", p, oneLine(old, 60))
			}
		}
		prev = cur
	}
	return nil
}
