package requests_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// standardFields are label key and shown value of every answer of the
// standard request (target groups skipped), as both details and the
// coordinators' notification show them.
func standardFields(h interface {
	Plain(lang, key string, data map[string]any) string
}, lang string) map[string]string {
	return map[string]string{
		"field.municipality":   "Hattingen",
		"field.contact_person": "Erika Mustermann, Integrationsbeauftragte",
		"field.department":     "Integration &amp; Soziales",
		"field.topic":          h.Plain(lang, "topic.other_topic", nil) + ": Mehrsprachige Bürgerberatung",
		"field.details":        "Wir planen Sprechstunden für &lt;5 Personen &amp; möchten mehrsprachig beraten.",
		"field.goal":           "Ein tragfähiges Konzept",
		"field.format":         h.Plain(lang, "mode.on_site", nil),
		"field.place":          "Rathaus Hattingen, Raum 4",
		"field.languages":      "Arabisch, Türkisch",
		"field.associations":   "Verein &lt;Brücke&gt; e.V.",
		"field.tandem":         h.Plain(lang, "request.tandem_yes", nil),
		"field.urgency":        h.Plain(lang, "urgency.high", nil),
	}
}

// wantFields fails unless text shows every standard field with its label.
func wantFields(t *testing.T, where, text string, h interface {
	Plain(lang, key string, data map[string]any) string
}, lang string) {
	t.Helper()
	for key, v := range standardFields(h, lang) {
		if want := "<b>" + h.Plain(lang, key, nil) + ":</b> " + v; !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", where, want, text)
		}
	}
}

// The office and the requester see everything the municipality wrote: the
// coordinators' notification and both details show every field, and the
// history names who made the request. "Details" under a notification
// comes as a new message and leaves the notification as it was.
func TestEveryFieldIsShown(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			coord, _, _ := coordinatorOf(lang)
			p := person{ID: 5901, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			notice := h.Last(coord)
			wantFields(t, "the notification", notice.Text, h, lang)

			before := len(h.Msgr.Messages(coord.ID))
			h.Press(coord, h.Plain(lang, "btn.details", nil))
			if n := len(h.Msgr.Messages(coord.ID)); n != before+1 {
				t.Fatalf("Details sent %d new messages, want 1", n-before)
			}
			if now := h.Message(coord, notice.ID); now.Text != notice.Text || !reflect.DeepEqual(now.Buttons, notice.Buttons) {
				t.Errorf("Details changed the notification:\n%s", now.Text)
			}
			detail := h.Expect(coord, h.Tr(lang, "myrequests.detail_title", map[string]any{"Ref": r.Ref}),
				h.Plain(lang, "history.by_contact", map[string]any{"Name": "Erika Mustermann", "Municipality": "Hattingen"}))
			wantFields(t, "the coordinator's detail", detail.Text, h, lang)

			h.Send(p, "/anfragen")
			h.Press(p, r.Ref+" – "+h.Plain(lang, "status.submitted", nil))
			mine := h.Expect(p, h.Tr(lang, "history.submitted", map[string]any{
				"Date": h.Texts.DateTime(lang, r.CreatedAt, berlin(t)), "Who": h.Plain(lang, "history.by_you", nil)}))
			wantFields(t, "the requester's detail", mine.Text, h, lang)
		})
	}
}

// Long answers are cut in the detail, behind "Mehr anzeigen", which shows
// every field in full on pages that each fit a Telegram message (the
// recorder refuses longer ones), and leads back to the request.
func TestLongFieldsFoldBehindMore(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5902, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	requestUntilSummary(h, p, "de", nil)
	long := map[string]string{}
	for _, f := range []struct {
		field, letter string
		n             int
	}{{"field.details", "ä", 2000}, {"field.goal", "ö", 1000}, {"field.target_groups", "ü", 1000}, {"field.associations", "ß", 1000}} {
		long[f.field] = strings.Repeat(f.letter, f.n-4) + " <&>"
		editField(h, p, "de", f.field)
		h.Send(p, long[f.field])
	}
	h.Press(p, h.Plain("de", "btn.confirm", nil))
	list, err := h.DB.ListByRequester(context.Background(), h.UserID(p))
	if err != nil || len(list) != 1 {
		t.Fatalf("requests: %d, %v", len(list), err)
	}
	ref := list[0].Ref

	h.Send(p, "/anfragen")
	h.Press(p, ref+" – "+h.Plain("de", "status.submitted", nil))
	detail := h.Expect(p, strings.Repeat("ä", 100)+"…")
	if strings.Contains(detail.Text, strings.Repeat("ä", 400)) {
		t.Error("the detail shows the long description in full")
	}
	h.Press(p, h.Plain("de", "btn.more", nil))
	var all strings.Builder
	for page := 1; ; page++ {
		m := h.Last(p)
		all.WriteString(m.Text)
		if !strings.Contains(m.Text, ref) {
			t.Fatalf("page %d does not name the request:\n%s", page, m.Text)
		}
		if !slices.Contains(h.Buttons(p), h.Plain("de", "btn.page_next", nil)) {
			break
		}
		if page > 5 {
			t.Fatal("more than 5 pages")
		}
		h.Press(p, h.Plain("de", "btn.page_next", nil))
	}
	for field, v := range long {
		if !strings.Contains(all.String(), engine.Escape(v)) {
			t.Errorf("the pages lack %s in full", field)
		}
	}
	h.Press(p, h.Plain("de", "btn.back_to_request", nil))
	h.Expect(p, h.Tr("de", "myrequests.detail_title", map[string]any{"Ref": ref}))
}
