package domain_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Who may create, manage and answer an event organised by user 1 and
// published to association 20.
func TestEventPolicies(t *testing.T) {
	t.Parallel()
	as := func(id int64, roles ...domain.Role) domain.Actor {
		return domain.Actor{User: domain.User{ID: id, Roles: roles}}
	}
	verified := as(4, domain.RoleMunicipal)
	verified.Municipalities, verified.Verified = []int64{7}, []int64{7}
	waiting := as(5, domain.RoleMunicipal)
	waiting.Municipalities = []int64{7}
	member := as(6, domain.RoleOrganisation)
	member.Organisations = []int64{20}
	otherMember := as(8, domain.RoleOrganisation)
	otherMember.Organisations = []int64{21}
	formerOrganiser := as(1, domain.RoleOrganisation) // the advisor role taken away

	e := domain.Event{ID: 3, EventDraft: domain.EventDraft{OrganiserID: 1}}
	tests := []struct {
		name                   string
		a                      domain.Actor
		create, manage, answer bool
	}{
		{"organiser (advisor)", as(1, domain.RoleAdvisor), true, true, false},
		{"another advisor", as(2, domain.RoleAdvisor), true, false, false},
		{"coordinator", as(3, domain.RoleCoordinator), true, true, false},
		{"verified municipal contact", verified, true, false, false},
		{"municipal contact waiting for the office", waiting, false, false, false},
		{"member of the association", member, false, false, true},
		{"member of another association", otherMember, false, false, false},
		{"organiser who lost the role", formerOrganiser, false, false, false},
		{"nobody", domain.Actor{}, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.CanCreateEvent(tc.a); got != tc.create {
				t.Errorf("CanCreateEvent = %v", got)
			}
			if got := domain.CanManageEvent(tc.a, e); got != tc.manage {
				t.Errorf("CanManageEvent = %v", got)
			}
			if got := domain.CanAnswerEvent(tc.a, 20); got != tc.answer {
				t.Errorf("CanAnswerEvent = %v", got)
			}
		})
	}
}

func TestValidateAnswer(t *testing.T) {
	t.Parallel()
	e := domain.Event{ID: 3, EventDraft: domain.EventDraft{Start: time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC),
		Needs: []domain.EventNeed{domain.NeedInterpreting, domain.NeedChildcare}}}
	interp := []domain.EventNeed{domain.NeedInterpreting}
	tests := []struct {
		name string
		a    domain.OrgAnswer
		want domain.EventProblem // "" for fine
	}{
		{"yes with persons", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 10}, ""},
		{"yes with interpreting", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 3, Needs: interp, Interpreting: "Arabisch"}, ""},
		{"maybe", domain.OrgAnswer{Reply: domain.ReplyMaybe}, ""},
		{"no", domain.OrgAnswer{Reply: domain.ReplyNo}, ""},
		{"no reply", domain.OrgAnswer{}, domain.ProblemAnswerReply},
		{"yes without persons", domain.OrgAnswer{Reply: domain.ReplyYes}, domain.ProblemAnswerPersons},
		{"yes with eleven", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 11}, domain.ProblemAnswerPersons},
		{"maybe with persons", domain.OrgAnswer{Reply: domain.ReplyMaybe, Persons: 2}, domain.ProblemAnswerPersons},
		{"no with needs", domain.OrgAnswer{Reply: domain.ReplyNo, Needs: []domain.EventNeed{domain.NeedChildcare}}, domain.ProblemAnswerNeeds},
		{"a need the event does not offer", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 1,
			Needs: []domain.EventNeed{domain.NeedStepFree}}, domain.ProblemAnswerNeeds},
		{"a need twice", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 1,
			Needs: []domain.EventNeed{domain.NeedChildcare, domain.NeedChildcare}}, domain.ProblemAnswerNeeds},
		{"interpreting without language", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 1, Needs: interp}, domain.ProblemAnswerInterpreter},
		{"language without interpreting", domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 1, Interpreting: "Farsi"}, domain.ProblemAnswerInterpreter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := domain.ValidateAnswer(e, tc.a)
			var got domain.EventProblem
			if ee, ok := err.(*domain.EventError); ok {
				got = ee.Problem
			} else if err != nil {
				t.Fatalf("error %v is no EventError", err)
			}
			if got != tc.want {
				t.Fatalf("problem %q, want %q", got, tc.want)
			}
		})
	}
}
