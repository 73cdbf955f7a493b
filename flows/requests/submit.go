package requests

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// gate lets the user into a request feature when no flow runs and the
// acting user passes policy; otherwise it says why (another conversation
// runs, not registered, or refusedKey). It returns the acting user.
func gate(t *engine.Turn, policy func(domain.Actor) bool, refusedKey string) (domain.Actor, bool) {
	if t.Busy() {
		return domain.Actor{}, false
	}
	a, ok := t.Actor()
	switch {
	case t.Failed():
	case !ok:
		t.Note(engine.KeyHintNotRegistered, nil)
	case !policy(a):
		t.Note(refusedKey, nil)
	default:
		return a, true
	}
	return domain.Actor{}, false
}

// startRequest starts the request flow for a municipal contact, with the
// municipality (or those to pick from) and the function of the profile and
// a new draft id; others are told who can request counseling. inPlace
// shows the first question in the pressed message.
func (d Deps) startRequest(t *engine.Turn, inPlace bool) {
	a, ok := gate(t, domain.CanRequest, keyRequestRefused)
	if !ok {
		return
	}
	links, err := d.Requests.MunicipalitiesOf(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	if len(links) == 0 {
		t.Note(keyRequestRefused, nil)
		return
	}
	data := profileAnswers(links)
	var id [16]byte
	_, _ = rand.Read(id[:]) // never fails (crypto/rand)
	data[dataDraft] = hex.EncodeToString(id[:])
	t.StartFlow(flowRequest, data, inPlace)
}

// finishRequest submits the draft with the draft id as submit key, so that a
// second confirm (or the same update handled again) finds the request made
// by the first, and tells every coordinator in the same transaction. The
// requester sees the reference and what happens next, then the menu. A
// store error keeps the draft (see Engine.Handle).
func (d Deps) finishRequest(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok || !domain.CanRequest(a) {
		if !t.Failed() {
			t.EndFlow()
			t.Note(keyRequestRefused, nil)
		}
		return
	}
	draft, err := requestDraft(t, a.ID)
	if err != nil { // cannot happen with answers this flow stored
		t.Fail(err)
		return
	}
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return
	}
	notes := t.Notifier()
	notify := func(r domain.Request) []domain.Notification {
		var out []domain.Notification
		for _, c := range coords {
			if c.ID != r.RequesterID {
				out = append(out, newRequestNote(t, notes, c, r))
			}
		}
		return out
	}
	r, created, err := d.Requests.SubmitRequest(t.Ctx(), draft, t.Get(dataDraft), notify)
	if err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("request submitted", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID),
		slog.Bool("created", created))
	t.EndFlow()
	t.SetFlag(flagRequester)
	t.Note(keyRequestSubmitted, map[string]any{"Ref": r.Ref})
	t.ShowMenu(false)
}

// requestDraft builds the draft from the answers.
func requestDraft(t *engine.Turn, requesterID int64) (domain.RequestDraft, error) {
	muniID, err := strconv.ParseInt(t.Get(dataMuniID), 10, 64)
	if err != nil {
		return domain.RequestDraft{}, fmt.Errorf("requests: draft: municipality: %w", domain.ErrInvalid)
	}
	earliest, ok1 := engine.ParseISO(t.Get(dataEarliest))
	latest, ok2 := engine.ParseISO(t.Get(dataLatest))
	if !ok1 || !ok2 {
		return domain.RequestDraft{}, fmt.Errorf("requests: draft: dates: %w", domain.ErrInvalid)
	}
	d := domain.RequestDraft{
		RequesterID: requesterID, MunicipalityID: muniID,
		Department: t.Get(dataDepartment), ContactFunction: t.Get(dataFunction),
		Topic: domain.Topic(t.Get(dataTopic)), Description: t.Get(dataDescription), Goal: t.Get(dataGoal),
		Format: domain.Format(t.Get(dataFormat)), Earliest: earliest, Latest: latest,
		TargetGroups: optional(t.Get(dataTargets)), Associations: optional(t.Get(dataAssocs)),
		Tandem: t.Get(dataTandem) == choiceYes, Urgency: domain.Urgency(t.Get(dataUrgency)),
	}
	if d.Topic == domain.TopicOther {
		d.TopicOther = t.Get(dataTopicOther)
	}
	if d.Format != domain.FormatOnline {
		d.Place = t.Get(dataPlace)
	}
	if l := optional(t.Get(dataLanguages)); l != "" {
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

// newRequestNote tells coordinator c, in c's language, of the new request r:
// its reference and every field (long texts cut, the detail has them in
// full), all user text escaped, with the decision buttons.
func newRequestNote(t *engine.Turn, notes *engine.Notifier, c domain.User, r domain.Request) domain.Notification {
	lang := notes.LangOf(c)
	texts := t.Texts()
	fields, _ := fieldsOf(texts, lang, t.Location(), r, noticeFold)
	return notes.Notification(c, keyRequestNotifyNew, map[string]any{
		"Ref": r.Ref, "Fields": engine.HTML(strings.Join(fields, "\n")),
	}, decisionRows(texts, lang, r, true)).Regarding(aboutRequest(r.ID, kindDecide))
}
