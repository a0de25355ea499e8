package ui

import (
	"context"
	"fmt"
	"strings"

	"secretariat"
)

// LogLine is what a record's page says of the transparency log: the latest signed
// checkpoint and how many member states cosigned it.
type LogLine struct {
	Size, Cosigned, Members int
}

// logLine reads the latest checkpoint for the page; nil when the log signed none yet.
// It is kept by the log's head, which changes only when a checkpoint or a cosignature
// is added.
func (a *App) logLine(ctx context.Context) *LogLine {
	head, err := a.st.LogHead(ctx)
	if err != nil {
		a.log.Error("reading the log's head", "err", err)
		return nil
	}
	a.logMu.Lock()
	defer a.logMu.Unlock()
	if a.logHead == head {
		return a.logCached
	}
	var line *LogLine
	if c, err := a.st.LatestCheckpoint(ctx); err == nil {
		members, err := a.st.MembersOn(ctx, secretariat.DateOf(c.SignedAt))
		if err != nil {
			a.log.Error("counting the member states", "err", err)
			return nil
		}
		line = &LogLine{Size: int(c.Size), Cosigned: len(c.Cosignatures), Members: members}
	} else if secretariat.ErrorCode(err) != secretariat.ENOTFOUND {
		a.log.Error("reading the latest checkpoint", "err", err)
		return nil
	}
	a.logHead, a.logCached = head, line
	return line
}

// Log says on a record's page where the log stands: "Signed checkpoint of the log: 628
// entries, cosigned by 1 of 6 member states".
func (b *Base) Log() string {
	l := b.log
	if l == nil {
		return ""
	}
	if b.Lang == secretariat.RU {
		return fmt.Sprintf("Подписанная контрольная точка журнала: %d %s, заверена %d из %d %s", l.Size,
			secretariat.PluralRU(l.Size, "запись", "записи", "записей"), l.Cosigned, l.Members,
			secretariat.PluralRU(l.Members, "государства-члена", "государств-членов", "государств-членов"))
	}
	return fmt.Sprintf("Signed checkpoint of the log: %d %s, cosigned by %d of %d member %s", l.Size,
		secretariat.PluralEN(l.Size, "entry", "entries"), l.Cosigned, l.Members, secretariat.PluralEN(l.Members, "state", "states"))
}

// ProofPath is the address of a record's proof bundle, from the address of its history
// (/history/KIND/ID).
func ProofPath(historyPath string) string {
	rest, ok := strings.CutPrefix(historyPath, "/history/")
	if !ok {
		return ""
	}
	return "/records/" + rest + "/proof"
}
