// Package synth writes a synthetic archive of decisions, in Russian with English
// translations, through the store's verbs, for the benchmarks of the bundle and of
// search: N decisions of a council of six member states, twenty to a session, each an
// agenda item with a recorded position, decided by the rule engine. The texts are
// sentences drawn from a vocabulary of the organization's subjects, with the words in
// the inflected forms Russian uses, so that stemming and ranking have work to do; the
// same seed writes the same archive.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"secretariat"
	"secretariat/internal/store"
)

// Options steer Write.
type Options struct {
	// Seed chooses the texts; the same seed writes the same archive.
	Seed uint64
	// PerSession is the number of decisions per session (20 when 0).
	PerSession int
	// Progress receives the decisions written so far.
	Progress func(done, total int)
}

// States are the synthetic council's members.
var States = []string{"AA", "BB", "CC", "DD", "EE", "FF"}

// Body is the synthetic council.
const Body = "synth-council"

// Write writes n decisions into st, in one batch: the member states and the council
// (when the record does not have them yet), then sessions of the council from 1 January
// 2000, one every day, each with its items, one position on each (a state joins) and
// the item decided, which makes the decision with its Russian text and English
// translation. It returns the IDs of the decisions.
func Write(ctx context.Context, st *store.Store, n int, opts Options) ([]string, error) {
	per := opts.PerSession
	if per <= 0 {
		per = 20
	}
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	ids := make([]string, 0, n)
	err := st.Batch(ctx, func(b *store.Store) error {
		if err := setUp(ctx, b); err != nil {
			return err
		}
		day := secretariat.MustDate("2000-01-01")
		var session string
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			if i%per == 0 {
				session = fmt.Sprintf("%s-%s", Body, day)
				if _, err := b.ScheduleSession(ctx, secretariat.Session{ID: session, Body: Body, Date: day, Kind: secretariat.Regular,
					Place: secretariat.T("Москва", "Moscow")}); err != nil {
					return err
				}
				day = day.AddDays(1)
			}
			d := decision(r, i)
			e, err := b.AddAgendaItem(ctx, secretariat.AgendaItem{Session: session, Title: d.Title, Kind: secretariat.Substantive,
				DecisionKind: d.Kind})
			if err != nil {
				return err
			}
			if _, err := b.RecordPosition(ctx, store.PositionInput{Item: e.ID, State: States[r.IntN(len(States))], Stance: secretariat.Joins}); err != nil {
				return err
			}
			e, err = b.DecideItem(ctx, e.ID, store.DecisionInput{Title: d.Title, Text: d.Text, Translations: d.Translations})
			if err != nil {
				return err
			}
			got, err := store.DecidedIn(e)
			if err != nil {
				return err
			}
			if got.Decision == nil {
				return fmt.Errorf("synthetic item %s was not adopted: %s", e.ID, got.Item.Outcome.Result)
			}
			ids = append(ids, got.Decision.ID)
			if opts.Progress != nil && (i%1000 == 999 || i == n-1) {
				opts.Progress(i+1, n)
			}
		}
		return nil
	})
	return ids, err
}

// setUp registers the council and its members, unless the record has them.
func setUp(ctx context.Context, b *store.Store) error {
	if _, err := store.FindByID[secretariat.Body](ctx, b, secretariat.Secretariat, Body); err == nil {
		return nil
	}
	from := secretariat.MustDate("1999-01-01")
	for i, id := range States {
		name := secretariat.T(fmt.Sprintf("Государство %c", 'А'+rune(i)), fmt.Sprintf("State %c", 'A'+rune(i)))
		if _, err := b.AdmitState(ctx, secretariat.MemberState{ID: id, Name: name,
			Memberships: []secretariat.MembershipPeriod{{Status: secretariat.StandingMember, From: from}}}); err != nil {
			return err
		}
	}
	_, err := b.RegisterBody(ctx, secretariat.Body{ID: Body, Kind: secretariat.BodyCouncil,
		Name: secretariat.T("Синтетический совет", "Synthetic Council"),
		Rules: []secretariat.DecisionRule{{From: from,
			Substantive: secretariat.Procedure{Method: secretariat.Consensus},
			Procedural:  secretariat.Procedure{Method: secretariat.SimpleMajority},
			Basis:       secretariat.T("Синтетическое правило", "A synthetic rule")}}})
	return err
}

// text is a decision's generated wording.
type text struct {
	Kind         secretariat.DecisionKind
	Title        secretariat.Text
	Text         string
	Translations []secretariat.Translation
}

// A subject in Russian (in the cases the templates need) and in English.
type subject struct{ gen, pre, en string }

var subjects = []subject{
	{"коллективной безопасности", "коллективной безопасности", "collective security"},
	{"миротворческой деятельности", "миротворческой деятельности", "peacekeeping"},
	{"борьбы с терроризмом", "борьбе с терроризмом", "counter-terrorism"},
	{"незаконной миграции", "незаконной миграции", "illegal migration"},
	{"незаконного оборота наркотиков", "незаконном обороте наркотиков", "drug trafficking"},
	{"информационной безопасности", "информационной безопасности", "information security"},
	{"военно-технического сотрудничества", "военно-техническом сотрудничестве", "military-technical cooperation"},
	{"подготовки кадров", "подготовке кадров", "training of personnel"},
	{"кризисного реагирования", "кризисном реагировании", "crisis response"},
	{"охраны границ", "охране границ", "border protection"},
	{"биологической безопасности", "биологической безопасности", "biological security"},
	{"противовоздушной обороны", "противовоздушной обороне", "air defence"},
	{"бюджета организации", "бюджете организации", "the budget of the organization"},
	{"совместных учений", "совместных учениях", "joint exercises"},
	{"чрезвычайных ситуаций", "чрезвычайных ситуациях", "emergencies"},
}

var kinds = []struct {
	kind   secretariat.DecisionKind
	ru, en string
}{
	{secretariat.KindDecision, "Решение", "Decision"},
	{secretariat.KindStatement, "Заявление", "Statement"},
	{secretariat.KindDeclaration, "Декларация", "Declaration"},
	{secretariat.KindPlan, "План", "Plan"},
}

// Sentences of a decision's body, in Russian and English, each with the subject in the
// case it needs.
var sentences = []struct{ ru, en string }{
	{"Одобрить доклад о состоянии {gen}.", "To approve the report on the state of {en}."},
	{"Поручить Секретариату подготовить предложения о {pre} к следующей сессии.", "To instruct the Secretariat to prepare proposals on {en} for the next session."},
	{"Государствам-членам продолжить согласованные действия в сфере {gen}.", "The member states shall continue concerted action in the field of {en}."},
	{"Принять к сведению информацию о ходе выполнения решений в области {gen}.", "To take note of the information on the implementation of decisions on {en}."},
	{"Рекомендовать органам организации уделять приоритетное внимание вопросам {gen}.", "To recommend that the bodies of the organization give priority to {en}."},
	{"Утвердить план совместных мероприятий в области {gen} на предстоящий период.", "To approve the plan of joint measures on {en} for the coming period."},
	{"Решения о {pre} принимаются с учетом ранее принятых решений.", "Decisions on {en} are taken with regard to the decisions taken earlier."},
	{"Настоящее решение вступает в силу с даты его подписания.", "This decision enters into force on the date of its signature."},
}

// decision writes the i-th decision's title and text.
func decision(r *rand.Rand, i int) text {
	k := kinds[r.IntN(len(kinds))]
	s := subjects[r.IntN(len(subjects))]
	other := subjects[r.IntN(len(subjects))]
	var ru, en []string
	for _, j := range r.Perm(len(sentences))[:3+r.IntN(4)] {
		sub := s
		if r.IntN(3) == 0 {
			sub = other
		}
		fill := strings.NewReplacer("{gen}", sub.gen, "{pre}", sub.pre, "{en}", sub.en)
		ru = append(ru, fill.Replace(sentences[j].ru))
		en = append(en, fill.Replace(sentences[j].en))
	}
	n := fmt.Sprintf(" № %d", i+1)
	return text{
		Kind: k.kind,
		Title: secretariat.T(k.ru+" о "+s.pre+n,
			k.en+" on "+s.en+fmt.Sprintf(" No. %d", i+1)),
		Text:         strings.Join(ru, " "),
		Translations: []secretariat.Translation{{Lang: secretariat.EN, Text: strings.Join(en, " "), Status: secretariat.Official}},
	}
}

// NewRecord writes n synthetic decisions into a new record at path, with seed 1, so that
// the benchmarks that use a synthetic archive (bench/bundle, bench/search) make and can
// share the same record; it reports progress every ten seconds on standard error.
func NewRecord(ctx context.Context, n int, path string) error {
	st, err := store.Open(ctx, path, store.Options{Create: true, Actor: "synth"})
	if err != nil {
		return err
	}
	defer st.Close()
	start, last := time.Now(), time.Now()
	if _, err := Write(ctx, st, n, Options{Seed: 1, Progress: func(done, total int) {
		if time.Since(last) > 10*time.Second {
			fmt.Fprintf(os.Stderr, "  synthetic: %d of %d decisions, %s\n", done, total, time.Since(start).Round(time.Second))
			last = time.Now()
		}
	}}); err != nil {
		return fmt.Errorf("writing the synthetic archive: %w", err)
	}
	fmt.Printf("wrote the synthetic archive: %d decisions in %s\n", n, time.Since(start).Round(time.Second))
	return nil
}
