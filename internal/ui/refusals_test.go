package ui

import (
	"testing"

	"secretariat"
)

// The store's refusals of a withdrawal reach a Russian reader in Russian.
func TestWithdrawalRefusalsReadInRussian(t *testing.T) {
	for msg, want := range map[string]string{
		"UZ has no open membership of the organization to end":                                                                       "у UZ нет текущего членства в организации, которое можно завершить",
		"UZ's suspended period in body club begins on 2019-01-01, after the withdrawal's last day 2018-06-30: give a later last day": "у UZ есть период, который начинается 2019-01-01, позже последнего дня членства 2018-06-30: укажите более поздний последний день",
	} {
		if got := localizeMessage(secretariat.RU, msg); got != want {
			t.Errorf("%q\n got %q\nwant %q", msg, got, want)
		}
	}
}
