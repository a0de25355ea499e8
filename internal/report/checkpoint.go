package report

import (
	"encoding/base64"
	"fmt"
	"strings"

	"secretariat"
)

// The year-end checkpoint: the review prints the transparency log's first signed
// checkpoint that covers the record it reads (its size, root hash and signatures), so
// that a printed review can be checked against the log years later, with a consistency
// proof from the year's last entry to the checkpoint.

// YearCheckpoint is the log as the year's record stands in it.
type YearCheckpoint struct {
	// Entries and Root are the tree of the journal entries the review reads.
	Entries int64  `json:"entries"`
	Root    string `json:"root"`
	// The first checkpoint the log signed that covers those entries.
	Origin    string           `json:"origin"`
	Size      int64            `json:"size"`
	SignedOn  secretariat.Date `json:"signed_on"`
	Cosigners []string         `json:"cosigners"`
	Members   int              `json:"members"`
	// Note is the signed checkpoint with its cosignatures, as the log serves it.
	Note string `json:"note"`
}

// checkpoint finds the year-end checkpoint; a record whose log signed none that covers
// the year gets none, and the review says nothing of it.
func (b *builder) checkpoint() error {
	n := b.r.Journal.Entries
	if n == 0 {
		return nil
	}
	c, err := b.full.CheckpointCovering(b.ctx, n)
	if secretariat.ErrorCode(err) == secretariat.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	root, err := b.full.TreeHash(b.ctx, n)
	if err != nil {
		return err
	}
	members, err := b.full.MembersOn(b.ctx, secretariat.DateOf(c.SignedAt))
	if err != nil {
		return err
	}
	b.r.Log = &YearCheckpoint{Entries: n, Root: base64.StdEncoding.EncodeToString(root[:]), Origin: c.Origin, Size: c.Size,
		SignedOn: secretariat.DateOf(c.SignedAt), Cosigners: c.Cosigners(), Members: members, Note: string(c.Served())}
	return nil
}

// logCheckpoint says, in "About this review", which signed checkpoint covers the record
// the review reads, and prints it.
func (c *composer) logCheckpoint(sec *Section) {
	l := c.r.Log
	if l == nil {
		return
	}
	proof := fmt.Sprintf("/checkpoint/consistency?old=%d&new=%d", l.Entries, l.Size)
	var s string
	if c.lang == secretariat.RU {
		s = fmt.Sprintf("Обзор составлен по записям журнала с 1 по %d; корневой хеш их дерева Меркла — %s. Их включает контрольная точка журнала %s на %d %s, подписанная %s и заверенная %d из %d %s: доказательство согласованности двух деревьев (%s) показывает, что запись, по которой составлен обзор, входит в нее.",
			l.Entries, l.Root, l.Origin, l.Size, secretariat.PluralRU(int(l.Size), "запись", "записи", "записей"), c.date(l.SignedOn),
			len(l.Cosigners), l.Members, secretariat.PluralRU(l.Members, "государства-члена", "государств-членов", "государств-членов"), proof)
	} else {
		s = fmt.Sprintf("This review reads journal entries 1 to %d, whose Merkle tree has the root hash %s. The checkpoint of %d %s that the log %s signed on %s, cosigned by %d of %d member %s, covers them: a consistency proof from %d to %d entries (%s) shows that the record this review reads is part of it.",
			l.Entries, l.Root, l.Size, secretariat.PluralEN(int(l.Size), "entry", "entries"), l.Origin, c.date(l.SignedOn),
			len(l.Cosigners), l.Members, secretariat.PluralEN(l.Members, "state", "states"), l.Entries, l.Size, proof)
	}
	sec.Blocks = append(sec.Blocks, para(s))
	var items []Item
	for _, line := range strings.Split(strings.TrimSuffix(l.Note, "\n"), "\n") {
		if line != "" {
			items = append(items, Item{Spans: []Span{{Text: line, Code: true}}})
		}
	}
	sec.Blocks = append(sec.Blocks, Block{Kind: List, Items: items})
}
