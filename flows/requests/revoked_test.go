package requests_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// inviteCoordinator registers p in lang as a coordinator through invite
// code: one who is not configured, so that no turn grants the role again.
func inviteCoordinator(h *flowstest.H, p person, lang, code string) {
	h.T.Helper()
	if err := h.DB.CreateInvite(context.Background(), code, domain.RoleCoordinator, 0, flowstest.Start.Add(time.Hour)); err != nil {
		h.T.Fatalf("CreateInvite: %v", err)
	}
	h.Onboard(p, flowstest.Answers{Lang: lang, Name: "Lena Programmstelle"}, " "+code)
	h.Confirm(p, lang)
	if u, err := h.User(p); err != nil || !u.Has(domain.RoleCoordinator) {
		h.T.Fatalf("the invited coordinator: %+v, %v", u, err)
	}
}

// A coordinator whose role was removed in Postgres can neither open the
// queue nor view a request through an old durable button on the very next
// update (deciding is refused as well), and nothing changes. The role
// holds right before each try: the queue opens.
func TestReviewRoleRemovedCountsAtTheNextUpdate(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			ctx := context.Background()
			label := func(key string) string { return h.Plain(lang, key, nil) }
			c := person{ID: 5821, LangHint: lang}
			inviteCoordinator(h, c, lang, "office-"+lang)
			owner := person{ID: 5822, LangHint: "de"}
			h.RegisterMunicipal(owner, "de")
			r := submitRequest(t, h, owner, "de")
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1, c.ID: 1})
			h.ExpectButtons(c, label("btn.details"), label("btn.approve"), label("btn.ask"), label("btn.decline"))
			cid := h.UserID(c)
			before := stateOf(t, h, r.ID)

			press := func(key string) func() string {
				return func() string { return h.Press(c, label(key)) }
			}
			for _, tc := range []struct {
				name string
				act  func() string // nil: /offen
			}{
				{"queue", nil},
				{"details", press("btn.details")},
				{"approve", press("btn.approve")},
				{"ask", press("btn.ask")},
				{"decline", press("btn.decline")},
			} {
				// The role holds: the queue opens (and the session knows the role).
				if err := h.DB.GrantRole(ctx, cid, domain.RoleCoordinator); err != nil {
					t.Fatal(err)
				}
				h.Send(c, "/offen")
				h.Expect(c, h.Tr(lang, "queue.title", map[string]any{"Count": 1}), r.Ref)
				if s := h.Session(c); !slices.Contains(s.Roles, domain.RoleCoordinator) {
					t.Fatalf("%s: the session does not know the role: %v", tc.name, s.Roles)
				}
				if err := h.DB.RevokeRole(ctx, cid, domain.RoleCoordinator); err != nil {
					t.Fatal(err)
				}

				// The very next update is refused.
				if tc.act == nil {
					n := len(h.Msgr.Messages(c.ID))
					h.Send(c, "/offen")
					h.Expect(c, h.Tr(lang, "queue.refused", nil))
					if len(h.Msgr.Messages(c.ID)) != n+1 {
						t.Errorf("queue: the refusal is no new message")
					}
				} else {
					revokedPressRefused(t, h, c, tc.name, tc.act, label("myrequests.forbidden"))
				}
				if s := stateOf(t, h, r.ID); s != before {
					t.Errorf("%s: a former coordinator changed the request: %+v, was %+v", tc.name, s, before)
				}
			}
			if got, err := h.DB.RequestByID(ctx, r.ID); err != nil || got.Status != domain.StatusSubmitted {
				t.Errorf("request %s, %v; want submitted", got.Status, err)
			}
			h.ExpectDelivered(map[int64]int{})
		})
	}
}

// revokedPressRefused runs press, a press of the former coordinator p, and
// fails unless it is refused with toast, no message is sent or edited and
// the session is as before but for the role, which it no longer holds.
func revokedPressRefused(t *testing.T, h *flowstest.H, p person, name string, press func() string, toast string) {
	t.Helper()
	before, calls := h.Session(p), h.Msgr.CallCount()
	if got := press(); got != toast {
		t.Errorf("%s: toast %q, want %q", name, got, toast)
	}
	h.NoError()
	after := h.Session(p)
	if slices.Contains(after.Roles, domain.RoleCoordinator) {
		t.Errorf("%s: the session still holds the role: %v", name, after.Roles)
	}
	after.Version, after.Roles = before.Version, before.Roles
	if !reflect.DeepEqual(before, after) {
		t.Errorf("%s: the press changed the session:\nbefore %+v\nafter  %+v", name, before, after)
	}
	if n := h.Msgr.CallCount(); n != calls {
		t.Errorf("%s: the press sent or edited %d messages", name, n-calls)
	}
}
