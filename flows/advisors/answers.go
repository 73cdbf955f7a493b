package advisors

import (
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The stored profile and the flow's answers, both ways.

// profileOf builds the profile of userID from the answers.
func profileOf(t *engine.Turn, userID int64) domain.AdvisorProfile {
	p := domain.AdvisorProfile{UserID: userID, City: t.Get(dataCity), State: t.Get(dataState),
		Reach: t.Get(dataReach)}
	for _, v := range engine.Values(t.Get(dataExpertise)) {
		p.Expertise = append(p.Expertise, domain.Topic(v))
	}
	for _, v := range engine.Values(t.Get(dataLanguages)) {
		p.Languages = append(p.Languages, languageName(v))
	}
	for _, v := range engine.Values(t.Get(dataFormats)) {
		p.Formats = append(p.Formats, domain.Format(v))
	}
	if onSite(t) {
		p.Travels = engine.Values(t.Get(dataTravels))
	} else {
		p.OnlineOnly = true
	}
	p.MaxPerQuarter, _ = strconv.Atoi(t.Get(dataQuota))
	if d, ok := engine.ParseISO(t.Get(dataPause)); ok {
		p.PausedUntil = d
	}
	return p
}

// answersOf is p as the flow's answers. A pause that is over is none.
func answersOf(t *engine.Turn, p domain.AdvisorProfile) map[string]string {
	m := map[string]string{dataCity: p.City, dataState: p.State, dataQuota: strconv.Itoa(p.MaxPerQuarter),
		dataPause: none}
	if p.Reach != "" {
		m[dataReach] = p.Reach
	}
	list := func(key string, values []string) {
		if len(values) > 0 {
			m[key] = strings.Join(values, ",")
		}
	}
	list(dataExpertise, texts(p.Expertise))
	codes := make([]string, 0, len(p.Languages))
	for _, l := range p.Languages {
		codes = append(codes, languageCode(l))
	}
	list(dataLanguages, codes)
	list(dataFormats, texts(p.Formats))
	m[dataTravels] = none
	list(dataTravels, p.Travels)
	if p.MaxPerQuarter < 0 || p.MaxPerQuarter > maxQuota {
		m[dataQuota] = "0"
	}
	today := engine.CalendarDay(t.Now(), t.Location())
	if !p.PausedUntil.IsZero() {
		y, mo, d := p.PausedUntil.Date()
		if day := time.Date(y, mo, d, 0, 0, 0, 0, today.Location()); !day.Before(today) {
			m[dataPause] = day.Format(engine.ISODate)
		}
	}
	return m
}

// languageName is the German name of a button language's code, else the
// typed name.
func languageName(v string) string {
	for _, l := range languages {
		if l.code == v {
			return l.name
		}
	}
	return v
}

// languageCode is the code of a stored language's button, else the name.
func languageCode(name string) string {
	for _, l := range languages {
		if strings.EqualFold(l.name, name) {
			return l.code
		}
	}
	return name
}

// texts is l as strings.
func texts[V ~string](l []V) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		out = append(out, string(v))
	}
	return out
}
