package storage_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Invitations come in the association's invitation language, not in its
// members' (publishing, the member's list and the members of an answer
// say it alike), and an answer names the member who gave it.
func TestInvitationsSpeakTheAssociationsLanguage(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	org, members := w.addOrg(t, "Bridges e.V.", "Dortmund", 2) // members speak German
	if _, err := w.db.Exec(ctx, `UPDATE organisations SET invite_lang = 'en' WHERE id = $1`, org); err != nil {
		t.Fatal(err)
	}
	e := w.create(t)
	var langs []string
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, []int64{org}, func(inv domain.EventInvitation) []domain.Notification {
		langs = append(langs, inv.Lang)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(langs) != 2 || langs[0] != "en" || langs[1] != "en" {
		t.Fatalf("publish gave languages %q, want en twice", langs)
	}
	up, _, err := w.st.InvitationsFor(ctx, members[1])
	if err != nil || len(up) != 1 || up[0].Lang != "en" || up[0].Answer.AnsweredByName != "" {
		t.Fatalf("invitations %+v, %v", up, err)
	}
	ch, err := w.st.Answer(ctx, members[0], domain.OrgAnswer{EventID: e.ID, OrganisationID: org, Reply: domain.ReplyMaybe}, nil)
	if err != nil || ch.Answer.AnsweredByName != "Mitglied 1" || len(ch.Members) != 2 || ch.Members[1].Lang != "en" {
		t.Fatalf("answer %+v, %v", ch, err)
	}
	up, _, err = w.st.InvitationsFor(ctx, members[1])
	if err != nil || len(up) != 1 || up[0].Answer.AnsweredByName != "Mitglied 1" {
		t.Fatalf("invitations after the answer %+v, %v", up, err)
	}
}
