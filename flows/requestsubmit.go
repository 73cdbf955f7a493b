package flows

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// excerptLen is how many characters of the description a coordinator's
// notification shows.
const excerptLen = 300

// canRequest reports whether the user may request counseling: a registered
// municipal contact, with requests enabled (EngineConfig.Requests).
func (t *turn) canRequest() bool {
	return t.e.cfg.Requests != nil && t.registered() && t.hasRole(RoleMunicipal)
}

// startRequest starts the request flow for a municipal contact, with the
// municipality and function of the profile and a new draft id; others are
// told who can request counseling. inPlace shows the first question in the
// pressed message.
func (t *turn) startRequest(inPlace bool) {
	if !t.requestsOpen(RoleMunicipal, keyRequestRefused) {
		return
	}
	c, err := t.e.cfg.Requests.MunicipalityOf(t.ctx, t.sess.UserID)
	if errors.Is(err, ErrNotFound) {
		t.note(keyRequestRefused)
		return
	}
	if err != nil {
		t.fail(err)
		return
	}
	var id [16]byte
	_, _ = rand.Read(id[:]) // never fails (crypto/rand)
	t.startFlow(t.e.flows[flowRequest], map[string]string{
		dataReqDraft:     hex.EncodeToString(id[:]),
		dataReqMuniID:    strconv.FormatInt(c.MunicipalityID, 10),
		dataReqMuniName:  c.Municipality,
		dataReqFnProfile: c.Function,
	}, inPlace)
}

// finishRequest submits the draft with the draft id as submit key, so that a
// second confirm (or the same update handled again) finds the request made
// by the first, and tells every coordinator in the same transaction. The
// requester sees the reference and what happens next, then the menu. A Store
// error keeps the draft (see Engine.Handle).
func finishRequest(t *turn) {
	d, err := t.requestDraft()
	if err != nil { // cannot happen with answers this flow stored
		t.fail(err)
		return
	}
	coords, err := t.e.cfg.Requests.Coordinators(t.ctx)
	if err != nil {
		t.fail(err)
		return
	}
	notify := func(r Request) []Notification {
		var out []Notification
		for _, c := range coords {
			if c.ID != r.RequesterID {
				out = append(out, t.newRequestNote(c, r))
			}
		}
		return out
	}
	r, created, err := t.e.cfg.Requests.SubmitRequest(t.ctx, d, t.get(dataReqDraft), notify)
	if err != nil {
		t.fail(err)
		return
	}
	t.e.cfg.Log.Info("request submitted", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID),
		slog.Bool("created", created))
	t.endFlow()
	t.sess.Flags = []string{"requester"}
	t.notes = append(t.notes, t.tr(keyRequestSubmitted, map[string]any{"Ref": r.Ref}))
	t.showMenu(false)
}

// requestDraft builds the draft from the answers.
func (t *turn) requestDraft() (RequestDraft, error) {
	muniID, err := strconv.ParseInt(t.get(dataReqMuniID), 10, 64)
	if err != nil {
		return RequestDraft{}, fmt.Errorf("flows: request draft: municipality: %w", ErrInvalid)
	}
	earliest, ok1 := parseISO(t.get(dataEarliest))
	latest, ok2 := parseISO(t.get(dataLatest))
	if !ok1 || !ok2 {
		return RequestDraft{}, fmt.Errorf("flows: request draft: dates: %w", ErrInvalid)
	}
	d := RequestDraft{
		RequesterID: t.sess.UserID, MunicipalityID: muniID,
		Department: t.get(dataReqDepartment), ContactFunction: t.get(dataReqFunction),
		Topic: Topic(t.get(dataReqTopic)), Description: t.get(dataReqDescription), Goal: t.get(dataReqGoal),
		Format: Format(t.get(dataReqFormat)), Earliest: earliest, Latest: latest,
		TargetGroups: optional(t.get(dataReqTargets)), Associations: optional(t.get(dataReqAssocs)),
		Tandem: t.get(dataReqTandem) == choiceYes, Urgency: Urgency(t.get(dataReqUrgency)),
	}
	if d.Topic == TopicOther {
		d.TopicOther = t.get(dataReqTopicOther)
	}
	if d.Format != FormatOnline {
		d.Place = t.get(dataReqPlace)
	}
	if l := optional(t.get(dataReqLanguages)); l != "" {
		d.Languages, _ = splitLanguages(l)
	}
	return d, nil
}

// optional returns an optional answer, "" when skipped.
func optional(v string) string {
	if v == skipped {
		return ""
	}
	return v
}

// joinList joins a list of languages the way the flow stores and shows it.
func joinList(l []string) string { return strings.Join(l, ", ") }

// newRequestNote tells coordinator c, in c's language, of the new request r:
// its reference, municipality, topic, urgency and the start of its
// description, all user text escaped, with the decision buttons.
func (t *turn) newRequestNote(c User, r Request) Notification {
	lang := t.langOf(c)
	return t.notification(c, keyRequestNotifyNew, map[string]any{
		"Ref": r.Ref, "Municipality": r.Municipality, "Topic": HTML(t.topicIn(lang, r)),
		"Urgency": t.e.cfg.Texts.T(lang, urgencyKeys[r.Urgency], nil), "Excerpt": excerpt(r.Description, excerptLen),
	}, t.decisionRows(lang, r, true))
}

// requestsOpen reports whether the user may go into a request feature for
// role now; otherwise it says why: not offered by this deployment, another
// conversation runs, not registered, or without the role (refused).
func (t *turn) requestsOpen(role Role, refused string) bool {
	switch {
	case t.e.cfg.Requests == nil:
		t.note(keyHintUnknownCommand)
		t.reprompt()
	case t.sess.Flow != "":
		t.note(keyFlowBusy)
		t.reprompt()
	case !t.registered():
		t.note(keyHintNotRegistered)
	case !t.hasRole(role):
		t.note(refused)
	default:
		return true
	}
	return false
}
