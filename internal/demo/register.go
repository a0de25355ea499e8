package demo

import (
	s "secretariat"
)

// register sets up the threat register, its areas and the joint operations, as the
// record stood at its start in 2017. The sources that name the threats and draw the
// areas came later (the interview is of 2019): the register's first entries are the
// demo's own, marked illustrative, and the assessments cite the sources when they come.
// channel is operation Channel, which enters the record with the first source that
// reports on it (TASS, 25 May 2017).
var channel = s.Operation{ID: "channel", CodeName: s.T("Канал", "Channel"), Permanent: true, Since: s.MustDate("2003-01-01"),
	Purpose:     s.TEN("Countering drug trafficking.", "Противодействие незаконному обороту наркотиков."),
	MandateNote: s.TEN("Permanent since a CSC decision of 5 September 2008.", "Постоянно действующая с решения СКБ от 5 сентября 2008 года."),
	Metrics: []s.Metric{
		{Key: "drugs_seized", Name: s.TEN("drugs seized", "изъято наркотиков"), Unit: "t"},
		{Key: "firearms_seized", Name: s.TEN("firearms seized", "изъято единиц огнестрельного оружия"), Unit: "count"},
	},
	Provenance: src("tass-2017-05-25")}

func (l *loader) register() error {
	l.at("2017-01-01")
	areas := []s.Area{
		{ID: "AF", ISO: "AF", Name: s.T("Афганистан", "Afghanistan")},
		{ID: "TJ", ISO: "TJ", Name: s.T("Таджикистан", "Tajikistan")},
		{ID: "csto-space", Name: s.T("Территория государств — членов ОДКБ", "Territory of the CSTO member states")},
		{ID: "af-north", Within: []string{"AF"}, Name: s.T("Северный Афганистан", "Northern Afghanistan"),
			// A rough outline of the northern provinces: illustrative, for drawing.
			Geometry:   []byte(`{"type":"Polygon","coordinates":[[[62.0,35.3],[71.5,35.3],[71.5,38.5],[62.0,37.2],[62.0,35.3]]]}`),
			Provenance: illustrative()},
		{ID: "tj-af-border", Within: []string{"TJ", "AF"}, Name: s.T("Таджикско-афганская граница", "The Tajik–Afghan border"),
			// The Panj river line, roughly: illustrative.
			Geometry:   []byte(`{"type":"LineString","coordinates":[[67.8,37.2],[68.9,37.3],[69.5,37.6],[70.3,37.9],[71.4,37.0],[71.6,36.7]]}`),
			Provenance: illustrative()},
	}
	for i := range areas {
		if _, err := l.st.RegisterArea(l.ctx, areas[i]); err != nil {
			return err
		}
	}
	threats := []s.Threat{
		{ID: "arms-control", Category: "military_political",
			Name:        s.TEN("Destruction of the international security architecture: erosion of arms control", "Разрушение архитектуры международной безопасности: эрозия контроля над вооружениями"),
			Description: s.TEN("Arms-control treaties are abandoned; in 2019, the INF Treaty.", "Выход из договоров о контроле над вооружениями; в 2019 году — Договор РСМД."),
			Provenance:  illustrative()},
		{ID: "space", Category: "space",
			Name:       s.TEN("Militarization of space", "Милитаризация космоса"),
			Provenance: illustrative()},
		{ID: "information", Category: "information",
			Name:       s.TEN("Information aggression", "Информационная агрессия"),
			Provenance: illustrative()},
		{ID: "terrorism", Category: "terrorism",
			Name:        s.TEN("International terrorism", "Международный терроризм"),
			Description: s.TEN("Recognized within the UN framework and noted by the heads of state at the session.", "Признана в рамках ООН и отмечена главами государств на сессии."),
			Provenance:  illustrative()},
		{ID: "afghanistan", Category: "terrorism",
			Name:        s.TEN("Militants concentrating in northern Afghanistan", "Концентрация боевиков на севере Афганистана"),
			Description: s.TEN("After ISIS's defeat in Syria, militants concentrate in northern Afghanistan near the Tajik border and train fighters for sabotage in the member states.", "После поражения ИГИЛ в Сирии боевики сосредотачиваются на севере Афганистана у таджикской границы и готовят диверсантов для действий на территории государств-членов."),
			Provenance:  illustrative()},
		{ID: "illegal-migration", Category: "migration",
			Name:       s.TEN("Illegal migration", "Незаконная миграция"),
			Provenance: illustrative()},
		{ID: "drug-trafficking", Category: "drugs",
			Name:       s.TEN("Drug trafficking", "Незаконный оборот наркотиков"),
			Provenance: illustrative()},
	}
	for i := range threats {
		if _, err := l.st.RegisterThreat(l.ctx, threats[i]); err != nil {
			return err
		}
	}
	operations := []s.Operation{
		{ID: "illegal", CodeName: s.T("Нелегал", "Illegal"), Since: s.MustDate("2008-01-01"),
			Purpose: s.TEN("Countering illegal migration.", "Противодействие незаконной миграции."),
			Metrics: []s.Metric{
				{Key: "migration_violations", Name: s.TEN("migration violations found", "выявлено нарушений миграционного законодательства"), Unit: "count"},
				{Key: "criminal_cases", Name: s.TEN("criminal cases opened", "возбуждено уголовных дел"), Unit: "count"},
				{Key: "wanted_detained", Name: s.TEN("wanted persons detained", "задержано лиц, находившихся в розыске"), Unit: "count"},
			},
			Provenance: src("eurasia-expert-32523", "tass-947551")},
		{ID: "proxy", CodeName: s.T("PROXY", "PROXY"), Since: s.MustDate("2009-01-01"),
			Purpose: s.TEN("Countering crime in the information sphere.", "Противодействие преступлениям в информационной сфере."),
			Metrics: []s.Metric{
				{Key: "web_resources_identified", Name: s.TEN("web resources identified", "выявлено информационных ресурсов"), Unit: "count"},
				{Key: "web_resources_blocked", Name: s.TEN("web resources blocked", "заблокировано информационных ресурсов"), Unit: "count"},
				{Key: "criminal_cases", Name: s.TEN("criminal cases opened", "возбуждено уголовных дел"), Unit: "count"},
			},
			Provenance: src("tass-947551")},
	}
	for i := range operations {
		if _, err := l.st.RegisterOperation(l.ctx, operations[i]); err != nil {
			return err
		}
	}
	// Assessments at the start of the record: no source gives levels, so they are
	// illustrative; the narratives cite what the sources say.
	start := []struct {
		threat string
		level  int
		areas  []string
	}{
		{"arms-control", 3, nil}, {"space", 2, nil}, {"information", 3, []string{"csto-space"}},
		{"terrorism", 4, []string{"csto-space"}}, {"afghanistan", 3, []string{"af-north", "tj-af-border"}},
		{"illegal-migration", 3, []string{"csto-space"}}, {"drug-trafficking", 4, []string{"AF", "tj-af-border"}},
	}
	for _, a := range start {
		if _, err := l.st.AssessThreat(l.ctx, a.threat, s.ThreatAssessment{Date: s.MustDate("2017-01-01"), Level: a.level,
			Trend: s.Stable, Areas: a.areas, Body: "cssc", Illustrative: true}); err != nil {
			return err
		}
	}
	for _, link := range [][2]string{{"illegal-migration", "illegal"}, {"information", "proxy"}} {
		if _, err := l.st.LinkThreat(l.ctx, link[0], "operation", link[1]); err != nil {
			return err
		}
	}
	return nil
}
