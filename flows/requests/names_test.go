package requests_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The request commands have English names (/request, /myrequests,
// /queue) beside the German ones (/beratung, /anfragen, /offen); either
// works for everyone, whatever their language.
func TestRequestCommandsInEitherLanguage(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string) string { return h.Tr(lang, key, nil) }
			p := person{ID: 5951, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			for _, name := range []string{"/myrequests", "/anfragen"} {
				h.Send(p, name)
				h.Expect(p, tr("myrequests.empty"))
			}
			for _, name := range []string{"/request", "/beratung"} {
				h.Send(p, name)
				h.Expect(p, tr("request.department_prompt"))
				if s := h.Session(p); s.Flow == "" {
					t.Fatalf("%s started no flow", name)
				}
				h.Send(p, "/cancel")
			}
			coord, _, _ := coordinatorOf(lang)
			for _, name := range []string{"/queue", "/offen"} {
				h.Send(coord, name)
				h.Expect(coord, tr("queue.empty"))
			}
			// The English names ask the same of the user as the German ones.
			a := person{ID: 5952, LangHint: lang}
			h.Register(a, flowstest.Answers{Lang: lang, Role: domain.RoleAdvisor, Name: "Amira Haddad"})
			h.Send(a, "/request")
			h.Expect(a, tr("request.refused"))
			h.Send(p, "/queue")
			h.Expect(p, tr("queue.refused"))
		})
	}
}
