package mydata_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// exportOf sends /meinedaten (or /mydata) for p and returns the JSON
// document sent last, decoded strictly, and its text.
func exportOf(t *testing.T, h *flowstest.H, p person, command string) (domain.UserExport, string) {
	t.Helper()
	before := len(h.Documents(p))
	h.Send(p, command)
	h.NoError()
	docs := h.Documents(p)
	if len(docs) != before+1 {
		t.Fatalf("%s sent %d documents to %d, want one", command, len(docs)-before, p.ID)
	}
	doc := docs[len(docs)-1]
	if doc.Type != "application/json" || !strings.HasPrefix(doc.Name, "miglobe-") || !strings.HasSuffix(doc.Name, "-2026-11-27.json") {
		t.Errorf("document %q of type %q", doc.Name, doc.Type)
	}
	dec := json.NewDecoder(bytes.NewReader(doc.Content))
	dec.DisallowUnknownFields()
	var x domain.UserExport
	if err := dec.Decode(&x); err != nil {
		t.Fatalf("decode %s: %v\n%s", doc.Name, err, doc.Content)
	}
	if x.Format != 1 || x.Profile.TelegramID != p.ID {
		t.Errorf("format %d, telegram id %d; want 1 and %d", x.Format, x.Profile.TelegramID, p.ID)
	}
	return x, string(doc.Content)
}

// lacks fails unless none of others occurs in doc (JSON escapes nothing
// in them).
func lacks(t *testing.T, who, doc string, others ...string) {
	t.Helper()
	for _, o := range others {
		if strings.Contains(doc, o) {
			t.Errorf("%s's export holds %q of someone else", who, o)
		}
	}
}

// has fails unless every one of mine occurs in doc.
func has(t *testing.T, who, doc string, mine ...string) {
	t.Helper()
	for _, m := range mine {
		if !strings.Contains(doc, m) {
			t.Errorf("%s's export lacks %q", who, m)
		}
	}
}

// /meinedaten returns every record the test created for that user and
// nothing of anyone else: for an advisor (who received a rating), a
// municipal contact and an association member.
func TestExportHoldsAllOfTheUserAndNothingOfOthers(t *testing.T) {
	s := setUp(t)
	h := s.h

	{ // the advisor
		x, doc := exportOf(t, h, aylin, "/mydata")
		has(t, "Aylin", doc, aylinName, aylinReach, aylinNo, aylinNote1, aylinNote2, ratingText)
		lacks(t, "Aylin", doc, boraName, boraReach, boraNo, boraNote, erikaName, erikaReach, erikaAsks, erikaAnswer,
			apptNote, coordName, coordAsks, margaName, margaDesc, margaReach)
		if x.Profile.Name != aylinName || x.Profile.Language != "en" || x.AdvisorProfile == nil ||
			x.AdvisorProfile.Reach != aylinReach || !slices.Equal(roles(x), []string{"advisor"}) {
			t.Errorf("profile %+v, advisor profile %+v, roles %v", x.Profile, x.AdvisorProfile, roles(x))
		}
		if len(x.Offers) != 2 || x.Offers[0].Ref != s.tandem.Ref || x.Offers[0].Status != "accepted" ||
			x.Offers[1].Ref != s.declined.Ref || x.Offers[1].Status != "declined" ||
			deref(x.Offers[1].DeclineReason) != "no_time" || x.Offers[1].DeclineNote != aylinNo {
			t.Errorf("offers %+v", x.Offers)
		}
		if len(x.Assignments) != 1 || x.Assignments[0].Ref != s.tandem.Ref {
			t.Errorf("assignments %+v", x.Assignments)
		}
		if len(x.Reports) != 2 || x.Reports[0].ID != s.reports[aylinNote1] || x.Reports[0].Status != "question" ||
			x.Reports[0].QuestionAt == nil || x.Reports[1].ID != s.reports[aylinNote2] ||
			x.Reports[1].Status != "confirmed" || x.Reports[1].Version != 2 || !slices.Equal(x.Reports[1].Dates, []string{"2026-11-26"}) {
			t.Errorf("reports %+v", x.Reports)
		}
		if len(x.RatingsGot) != 1 || x.RatingsGot[0].Stars != 5 || x.RatingsGot[0].Comment != ratingText || len(x.RatingsGiven) != 0 {
			t.Errorf("ratings received %+v, given %+v", x.RatingsGot, x.RatingsGiven)
		}
		if len(x.Appointments) != 1 || x.Appointments[0].Ref != s.tandem.Ref || x.Appointments[0].Status != "agreed" ||
			!x.Appointments[0].ProposedByMe || x.Appointments[0].Note != "" {
			t.Errorf("appointments %+v", x.Appointments)
		}
		if len(x.InvitesUsed) != 1 || x.InvitesUsed[0].CreatedBy != "system" || x.InvitesUsed[0].Role != "advisor" {
			t.Errorf("invites used %+v", x.InvitesUsed)
		}
		if len(x.Requests) != 0 || len(x.Events) != 0 || len(x.Municipalities) != 0 || len(x.Consents) != 1 {
			t.Errorf("requests %+v, events %+v, municipalities %+v, consents %+v", x.Requests, x.Events, x.Municipalities, x.Consents)
		}
	}

	{ // the municipal contact
		x, doc := exportOf(t, h, erika, "/meinedaten")
		has(t, "Erika", doc, erikaName, erikaReach, erikaAnswer, apptNote, erikaAsks, ratingText, eventTitle, eventPhone,
			s.tandem.Ref, s.declined.Ref)
		lacks(t, "Erika", doc, aylinName, boraName, aylinReach, boraReach, aylinNo, boraNo, aylinNote1, aylinNote2, boraNote,
			coordName, coordAsks, margaName, margaDesc, margaReach, s.margas.Ref, kofiName, yusufName, kofiInterp, yusufInterp)
		if len(x.Municipalities) != 1 || x.Municipalities[0].Municipality != "Hattingen" ||
			x.Municipalities[0].Verification != "verified" || x.Municipalities[0].DecidedAt == nil {
			t.Errorf("municipal contacts %+v", x.Municipalities)
		}
		if len(x.Requests) != 2 || x.Requests[0].Ref != s.tandem.Ref || x.Requests[0].ContactReach != erikaReach ||
			!x.Requests[0].Tandem || x.Requests[0].Earliest != "2027-01-11" || x.Requests[1].Ref != s.declined.Ref {
			t.Errorf("requests %+v", x.Requests)
		}
		var kinds []string
		for _, r := range x.History {
			kinds = append(kinds, r.Ref+" "+r.Kind+" "+deref(r.ToStatus)+" "+r.Note)
		}
		if want := []string{s.tandem.Ref + " status submitted ", s.declined.Ref + " status submitted ",
			s.tandem.Ref + " answer in_review " + erikaAnswer, s.tandem.Ref + " status completed ",
			s.tandem.Ref + " status closed "}; !slices.Equal(kinds, want) {
			t.Errorf("history %q, want %q", kinds, want)
		}
		if len(x.Appointments) != 1 || x.Appointments[0].Note != apptNote || x.Appointments[0].ProposedByMe {
			t.Errorf("appointments %+v", x.Appointments)
		}
		var acts []string
		for _, a := range x.ReportActions {
			acts = append(acts, a.Action+" "+a.Question)
		}
		if want := []string{"asked " + erikaAsks, "confirmed ", "confirmed "}; !slices.Equal(acts, want) {
			t.Errorf("report actions %q, want %q", acts, want)
		}
		if len(x.RatingsGiven) != 1 || x.RatingsGiven[0].Ref != s.tandem.Ref || len(x.RatingsGot) != 0 || len(x.Reports) != 0 {
			t.Errorf("ratings given %+v, received %+v, reports %+v", x.RatingsGiven, x.RatingsGot, x.Reports)
		}
		if len(x.Events) != 1 || x.Events[0].ID != s.event.ID || x.Events[0].Contact != eventPhone ||
			x.Events[0].Invited != 2 || x.Events[0].PublishedAt == nil {
			t.Errorf("events %+v", x.Events)
		}
		if len(x.Offers) != 0 || x.AdvisorProfile != nil || len(x.Invitations) != 0 {
			t.Errorf("offers %+v, advisor profile %+v, invitations %+v", x.Offers, x.AdvisorProfile, x.Invitations)
		}
	}

	{ // the association's member
		x, doc := exportOf(t, h, kofi, "/meinedaten")
		has(t, "Kofi", doc, kofiName, orgX, kofiInterp, eventTitle)
		lacks(t, "Kofi", doc, oluName, yusufName, yusufInterp, orgY, erikaName, eventPhone, coordName)
		if len(x.Organisations) != 1 || x.Organisations[0].Name != orgX || x.Organisations[0].City != "Köln" ||
			len(x.Organisations[0].Topics) == 0 {
			t.Errorf("organisations %+v", x.Organisations)
		}
		if len(x.Invitations) != 1 || x.Invitations[0].EventID != s.event.ID || deref(x.Invitations[0].Reply) != "yes" ||
			x.Invitations[0].Persons != 2 || !x.Invitations[0].AnsweredByMe || x.Invitations[0].Interpreting != kofiInterp {
			t.Errorf("invitations %+v", x.Invitations)
		}
		if len(x.InvitesMade) != 1 || x.InvitesMade[0].ID != s.inviteID || x.InvitesMade[0].UsedAt == nil ||
			x.InvitesMade[0].Scope != orgX {
			t.Errorf("invites created %+v", x.InvitesMade)
		}
	}

	{ // the member who joined by invite
		x, doc := exportOf(t, h, olu, "/meinedaten")
		lacks(t, "Olu", doc, kofiName, kofiInterp, yusufName)
		if len(x.InvitesUsed) != 1 || x.InvitesUsed[0].CreatedBy != "organisation_contact" || len(x.Organisations) != 1 ||
			len(x.Invitations) != 1 || x.Invitations[0].AnsweredByMe || x.Invitations[0].Interpreting != "" ||
			deref(x.Invitations[0].Reply) != "yes" {
			t.Errorf("invites used %+v, invitations %+v", x.InvitesUsed, x.Invitations)
		}
	}
}

// roles are the roles of x.
func roles(x domain.UserExport) []string {
	var out []string
	for _, r := range x.Roles {
		out = append(out, r.Role)
	}
	return out
}

// deref is *s, "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
