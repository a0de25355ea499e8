// Package demo holds the built-in demo record: the collective-security organization of
// six states through its 2017–2021 cycle, from the public facts of
// shared/scenario/FACTS.md. Every fact carries its source; what no source gives is
// marked illustrative in the data. The record is written through the store's verbs on a
// simulated clock, so its journal tells the story in the order it happened and
// `--as-of` reads work on it.
package demo

import (
	"context"
	"fmt"
	"time"

	s "secretariat"
	"secretariat/internal/store"
)

// loader writes the demo through the store's verbs, on a clock it moves forward.
type loader struct {
	ctx      context.Context
	st       *store.Store
	now      time.Time
	progress func(string)
	// nextReport is the first of reports2019 not yet filed.
	nextReport int
}

// at moves the clock to noon UTC on date d.
func (l *loader) at(d string) {
	l.now = s.MustDate(d).Time().Add(12 * time.Hour)
}

// Load writes the demo record into st, which should be empty. progress receives a line
// per step.
func Load(ctx context.Context, st *store.Store, progress func(string)) error {
	if progress == nil {
		progress = func(string) {}
	}
	// One batch: the demo is loaded whole or not at all.
	return st.Batch(ctx, func(b *store.Store) error {
		// Checked inside the batch's transaction, so that of two loads at once the second
		// waits for the first and then finds the record taken.
		if n, _, err := b.Head(ctx); err != nil || n > 0 {
			if err == nil {
				err = s.Errorf(s.ECONFLICT, "the record already holds %d journal entries; the demo loads only into an empty database", n)
			}
			return err
		}
		return load(ctx, b, progress)
	})
}

func load(ctx context.Context, st *store.Store, progress func(string)) error {
	l := &loader{ctx: ctx, progress: progress}
	l.st = st.WithClock(func() time.Time { return l.now }).WithActor("demo")
	steps := []struct {
		name string
		run  func() error
	}{
		{"organization, sources, member states and bodies", l.foundations},
		{"threat register, areas and joint operations", l.register},
		{"2017: operation Channel, the Minsk session", l.year2017},
		{"2018: operations Channel and Illegal, the Astana session and the tasks it set", l.year2018},
		{"2019: the pipeline (CMD in April, CSSC in June) and implementation reports", l.year2019pipeline},
		{"2019: the joint ministers' meeting and the Bishkek session of 28 November", l.year2019session},
		{"2019: threats, operation figures and the Secretary General's interview", l.year2019after},
		{"2020 and 2021: tasks set in Bishkek, the next sessions", l.year2020and2021},
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		progress(step.name)
		if err := step.run(); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}
	return nil
}

// States of the demo, by ISO code.
const (
	AM = "AM"
	BY = "BY"
	KZ = "KZ"
	KG = "KG"
	RU = "RU"
	TJ = "TJ"
)

// Members lists the demo's member states.
var Members = []string{AM, BY, KZ, KG, RU, TJ}

func src(ids ...string) s.Provenance { return s.Provenance{Sources: ids} }

func illustrative(ids ...string) s.Provenance { return s.Provenance{Sources: ids, Illustrative: true} }

func (l *loader) foundations() error {
	l.at("2017-01-01")
	for i := range sources {
		source := sources[i]
		if _, err := l.st.RegisterSource(l.ctx, source); err != nil {
			return err
		}
	}
	if _, err := l.st.FoundOrganization(l.ctx, s.Organization{ID: "csto",
		Name:       s.T("Организация Договора о коллективной безопасности", "Collective Security Treaty Organization"),
		Short:      s.T("ОДКБ", "CSTO"),
		Provenance: src("csto-25years")}); err != nil {
		return err
	}
	names := map[string]s.Text{
		AM: s.T("Армения", "Armenia"), BY: s.T("Беларусь", "Belarus"), KZ: s.T("Казахстан", "Kazakhstan"),
		KG: s.T("Кыргызстан", "Kyrgyzstan"), RU: s.T("Россия", "Russia"), TJ: s.T("Таджикистан", "Tajikistan"),
	}
	for _, id := range Members {
		st := &s.MemberState{ID: id, Code: id, Name: names[id], Provenance: src("csto-25years"),
			Memberships: []s.MembershipPeriod{{Status: s.StandingMember, From: s.MustDate("2017-01-01"),
				Note: "a member throughout the demo's period (2017–2021); the record does not go back further"}}}
		if _, err := l.st.AdmitState(l.ctx, *st); err != nil {
			return err
		}
	}
	rule := s.DecisionRule{
		From:        s.MustDate("2017-01-01"),
		Substantive: s.Procedure{Method: s.ConsensusLimited},
		Procedural:  s.Procedure{Method: s.SimpleMajority},
		Basis: s.TEN("Consensus on substantive questions, with a limited format in which a state that does not agree may stay out; procedural questions by simple majority; one vote per state. The Charter's exact wording was not retrieved; the start date is the demo's.",
			"Консенсус по вопросам существа, с ограниченным форматом, в котором несогласное государство может не участвовать; процедурные вопросы — простым большинством; один голос у каждого государства."),
		// The spokesman's statement that describes the rule came in December 2018: until
		// then the record's rule is the demo's own.
		Provenance: s.Provenance{Illustrative: true},
	}
	rotation := s.Rotation{Order: s.RotationRussianAlphabetical}
	bodies := []s.Body{
		{ID: "csc", Kind: s.BodySupreme, Name: s.T("Совет коллективной безопасности", "Collective Security Council"), Short: s.T("СКБ", "CSC"), Rotation: rotation},
		{ID: "cfm", Kind: s.BodyCouncil, Name: s.T("Совет министров иностранных дел", "Council of Ministers of Foreign Affairs"), Short: s.T("СМИД", "CFM")},
		{ID: "cmd", Kind: s.BodyCouncil, Name: s.T("Совет министров обороны", "Council of Ministers of Defence"), Short: s.T("СМО", "CMD")},
		{ID: "cssc", Kind: s.BodyCommittee, Name: s.T("Комитет секретарей советов безопасности", "Committee of Secretaries of Security Councils"), Short: s.T("КССБ", "CSSC")},
		{ID: "pc", Kind: s.BodyPermanent, Name: s.T("Постоянный совет", "Permanent Council"), Short: s.T("ПС", "PC")},
		{ID: "secretariat", Kind: s.BodySecretariat, Name: s.T("Генеральный секретарь и Секретариат", "Secretary General and Secretariat")},
		{ID: "joint-staff", Kind: s.BodyStaff, Name: s.T("Объединенный штаб", "Joint Staff")},
		{ID: "pa", Kind: s.BodyAssembly, Name: s.T("Парламентская Ассамблея", "Parliamentary Assembly"), Short: s.T("ПА", "PA")},
		{ID: "wg-afghanistan", Kind: s.BodyWorkingGroup, Parent: "cfm", Name: s.T("Рабочая группа по Афганистану", "Working Group on Afghanistan")},
		{ID: "wg-information", Kind: s.BodyWorkingGroup, Parent: "cfm", Name: s.T("Рабочая группа по информационной политике и информационной безопасности", "Working Group on Information Policy and Information Security")},
		{ID: "wg-terrorism", Kind: s.BodyWorkingGroup, Parent: "cssc", Name: s.T("Рабочая группа по противодействию терроризму и экстремизму", "Working Group on Combating Terrorism and Extremism")},
		{ID: "cc-drugs", Kind: s.BodyWorkingGroup, Name: s.T("Координационный совет по противодействию незаконному обороту наркотиков", "Coordination Council on Drug Trafficking")},
		{ID: "cc-migration", Kind: s.BodyWorkingGroup, Name: s.T("Координационный совет по противодействию незаконной миграции", "Coordination Council on Illegal Migration")},
		{ID: "joint-ministers", Kind: s.BodyJoint, Name: s.T("Совместное заседание СМИД, СМО и КССБ", "Joint meeting of the CFM, CMD and CSSC")},
	}
	for i := range bodies {
		b := &bodies[i]
		b.Sources = []string{"csto-structure"}
		if b.ID == "csc" {
			b.Sources = append(b.Sources, "csto-csc")
		}
		b.Rules = []s.DecisionRule{rule}
		if _, err := l.st.RegisterBody(l.ctx, *b); err != nil {
			return err
		}
	}
	return nil
}

// confirmRule records, from the secretariat spokesman's statement of December 2018, the
// same rule as the demo assumed, now with its source.
func (l *loader) confirmRule() error {
	l.at("2018-12-01")
	rule := s.DecisionRule{
		From:        s.MustDate("2018-12-01"),
		Substantive: s.Procedure{Method: s.ConsensusLimited},
		Procedural:  s.Procedure{Method: s.SimpleMajority},
		Basis: s.TEN("Consensus on substantive questions, with a limited format in which a state that does not agree may stay out; procedural questions by simple majority; one vote per state, as the secretariat's spokesman described it. The Charter's exact wording was not retrieved.",
			"Консенсус по вопросам существа, с ограниченным форматом, в котором несогласное государство может не участвовать; процедурные вопросы — простым большинством; один голос у каждого государства, как это описал пресс-секретарь секретариата."),
		Provenance: src("arminfo-2018-12"),
	}
	for _, id := range []string{"csc", "cfm", "cmd", "cssc", "pc", "secretariat", "joint-staff", "pa", "wg-afghanistan", "wg-information",
		"wg-terrorism", "cc-drugs", "cc-migration", "joint-ministers"} {
		if _, err := l.st.SetDecisionRule(l.ctx, id, rule); err != nil {
			return err
		}
	}
	return nil
}

// agree records every member's joining of an item (the positions are not published:
// illustrative) and decides it.
func (l *loader) agree(itemID string, in store.DecisionInput, except map[string]s.Stance) (store.Decided, error) {
	for _, st := range Members {
		stance := s.Joins
		if x, ok := except[st]; ok {
			stance = x
		}
		if _, err := l.st.RecordPosition(l.ctx, store.PositionInput{Item: itemID, State: st, Stance: stance,
			Provenance: s.Provenance{Illustrative: true}}); err != nil {
			return store.Decided{}, err
		}
	}
	e, err := l.st.DecideItem(l.ctx, itemID, in)
	if err != nil {
		return store.Decided{}, err
	}
	return store.DecidedIn(e)
}

// signAll records every bound member's signature of a decision on a date.
func (l *loader) signAll(d *s.Decision, on string) error {
	for _, st := range Members {
		if slicesContains(d.NotBound, st) {
			continue
		}
		if _, err := l.st.SignDecision(l.ctx, d.ID, st, s.MustDate(on)); err != nil {
			return err
		}
	}
	return nil
}

func slicesContains(list []string, x string) bool {
	for _, e := range list {
		if e == x {
			return true
		}
	}
	return false
}
