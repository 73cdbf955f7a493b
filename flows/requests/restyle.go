package requests

import (
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Old messages do not lie: every change of a request restyles the messages
// that show it with buttons (see engine.Turn.Restyle), in the change's
// transaction. A message is about request id ("rq:<id>") as one of these
// kinds, which decide its buttons after the change.
const (
	// kindDecide: a coordinator's notice with the decisions (of a new
	// request, of an answer); they stay while the request is open, then
	// only Details does.
	kindDecide = "decide"
	// kindAnswer: the requester's notice of a question; Answer stays while
	// the request waits for one, Details always.
	kindAnswer = "answer"
	// kindView: a screen of the request in a conversation (its detail,
	// the approve and withdraw questions), whose session buttons cannot be
	// rebuilt from outside the conversation: it gets one button that says
	// the current status and opens the current detail below.
	kindView = "view"
)

// aboutRequest is what a message of kind about request id is about.
func aboutRequest(id int64, kind string) domain.About {
	return domain.About{Subject: feature + ":" + strconv.FormatInt(id, 10), Kind: kind}
}

// detailsButton opens the detail of request id below, labelled in lang.
func detailsButton(texts *engine.Texts, lang string, id int64) engine.Button {
	return engine.DurableButton(texts.Plain(lang, keyBtnDetails, nil), feature, actView, id)
}

// answerRows are the buttons under the requester's notice of r's status in
// lang: Answer while r waits for an answer, and Details.
func answerRows(texts *engine.Texts, lang string, r domain.Request) [][]engine.Button {
	row := []engine.Button{detailsButton(texts, lang, r.ID)}
	if r.Status == domain.StatusQuestion {
		row = append([]engine.Button{engine.DurableButton(texts.Plain(lang, keyBtnAnswer, nil), feature, actAnswer, r.ID)}, row...)
	}
	return [][]engine.Button{row}
}

// restyles are the restyles of every message about r, as changed.
func restyles(t *engine.Turn, r domain.Request) []domain.Notification {
	texts := t.Texts()
	return []domain.Notification{
		t.Restyle(aboutRequest(r.ID, kindDecide), func(lang string) [][]engine.Button {
			if r.IsOpen() {
				return decisionRows(texts, lang, r, true)
			}
			return [][]engine.Button{{detailsButton(texts, lang, r.ID)}}
		}),
		t.Restyle(aboutRequest(r.ID, kindAnswer), func(lang string) [][]engine.Button {
			return answerRows(texts, lang, r)
		}),
		t.Restyle(aboutRequest(r.ID, kindView), func(lang string) [][]engine.Button {
			label := texts.Plain(lang, keyBtnCurrent, map[string]any{"Status": statusIn(texts, lang, r.Status)})
			return [][]engine.Button{{engine.DurableButton(label, feature, actView, r.ID)}}
		}),
	}
}

// withRestyles is notify (nil: none) with the restyles of the request it
// is called with: what every change of a request notifies.
func withRestyles(t *engine.Turn, notify func(domain.Request) []domain.Notification) func(domain.Request) []domain.Notification {
	return func(r domain.Request) []domain.Notification {
		var out []domain.Notification
		if notify != nil {
			out = notify(r)
		}
		return append(out, restyles(t, r)...)
	}
}
