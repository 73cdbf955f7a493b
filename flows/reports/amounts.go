package reports

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Typed amounts: hours ("3", "1,5", "1.5 h", "2:30", "90 min"), euros
// ("23,40", "23.40 €", "1.234,50") and kilometres ("120", "120 km").
// Each reader returns the amount or the key of its problem.

var (
	hoursForm   = regexp.MustCompile(`^(-?\d{1,4}(?:[.,]\d{1,2})?)\s*(?:h|std\.?|stunden?|hours?|hrs?)?$`)
	clockForm   = regexp.MustCompile(`^(-?\d{1,4}):([0-5]\d)\s*(?:h|std\.?)?$`)
	minutesForm = regexp.MustCompile(`^(-?\d{1,6})\s*(?:min\.?|minuten|minutes?)$`)
	eurosForm   = regexp.MustCompile(`^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$|^(-?)(\d+)\.(\d{1,2})$`)
	kmForm      = regexp.MustCompile(`^(-?\d{1,6})(?:[.,]\d+)?\s*(?:km)?$`)
)

// readMinutes reads typed hours as minutes.
func readMinutes(s string) (int, string) {
	s = strings.ToLower(strings.TrimSpace(s))
	var minutes float64
	switch {
	case clockForm.MatchString(s):
		m := clockForm.FindStringSubmatch(s)
		h, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		if strings.HasPrefix(m[1], "-") {
			return 0, keyNegative
		}
		minutes = float64(h*60 + mm)
	case minutesForm.MatchString(s):
		n, _ := strconv.Atoi(minutesForm.FindStringSubmatch(s)[1])
		minutes = float64(n)
	case hoursForm.MatchString(s):
		f, _ := strconv.ParseFloat(strings.Replace(hoursForm.FindStringSubmatch(s)[1], ",", ".", 1), 64)
		minutes = f * 60
	default:
		return 0, keyHoursFormat
	}
	if minutes < 0 {
		return 0, keyNegative
	}
	return int(math.Round(minutes)), ""
}

// readCents reads typed euros as cents, at most domain.MaxCostCents.
func readCents(s string) (int64, string) {
	s = strings.TrimSpace(strings.NewReplacer("€", "", "eur", "", "EUR", "", "Euro", "", "euro", "").Replace(s))
	s = strings.ReplaceAll(s, " ", "")
	m := eurosForm.FindStringSubmatch(s)
	if m == nil {
		return 0, keyEurosFormat
	}
	sign, whole, frac := m[1], strings.ReplaceAll(m[2], ".", ""), m[3]
	if m[5] != "" {
		sign, whole, frac = m[4], m[5], m[6]
	}
	if sign != "" {
		return 0, keyNegative
	}
	if len(frac) == 1 {
		frac += "0"
	}
	euros, err := strconv.ParseInt(whole, 10, 64)
	cents, _ := strconv.ParseInt("0"+frac, 10, 64)
	if err != nil || euros > domain.MaxCostCents/100 || euros*100+cents > domain.MaxCostCents {
		return 0, keyEurosTooMuch
	}
	return euros*100 + cents, ""
}

// readKm reads typed kilometres, rounded to whole ones.
func readKm(s string) (int, string) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !kmForm.MatchString(s) {
		return 0, keyKmFormat
	}
	f, _ := strconv.ParseFloat(strings.Replace(strings.TrimSpace(strings.TrimSuffix(s, "km")), ",", ".", 1), 64)
	switch km := int(math.Round(f)); {
	case f < 0:
		return 0, keyNegative
	case km > domain.MaxReportKm:
		return 0, keyKmTooMany
	default:
		return km, ""
	}
}

// decimal writes n/100 with up to two decimals in lang ("1,5" in German).
func decimal(tx *engine.Texts, lang string, hundredths int64) string {
	s := strconv.FormatInt(hundredths/100, 10)
	if r := hundredths % 100; r != 0 {
		s += tx.Plain(lang, keyDecimalSep, nil) + strings.TrimRight(strconv.FormatInt(100+r, 10)[1:], "0")
	}
	return s
}

// hoursText is minutes as hours in lang: "3 h", "1,5 h", "0,75 h".
func hoursText(tx *engine.Texts, lang string, minutes int) string {
	return tx.Plain(lang, keyHours, map[string]any{"N": decimal(tx, lang, int64(math.Round(float64(minutes)*100/60)))})
}

// eurosText is cents as an amount in lang: "23,40 €".
func eurosText(tx *engine.Texts, lang string, cents int64) string {
	s := strconv.FormatInt(cents/100, 10) + tx.Plain(lang, keyDecimalSep, nil) + strconv.FormatInt(100+cents%100, 10)[1:]
	return tx.Plain(lang, keyEuros, map[string]any{"N": s})
}
