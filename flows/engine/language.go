package engine

// DataLang is the session key of a language step's answer.
const DataLang = "lang"

// LanguageStep asks for the language with one button per translation, each
// labelled in its own language. Choosing switches the conversation at
// once. The question is promptKey, filled with the user's Telegram name
// (.Name).
func LanguageStep(promptKey string) Step {
	return ChoiceStep(DataLang, keyFieldLanguage,
		func(t *Turn) string { return t.T(promptKey, map[string]any{"Name": t.u.FirstName}) },
		LangChoices,
		func(t *Turn, v string) {
			t.setLang(v)
			t.Set(DataLang, v)
		})
}

// LangName returns the name of lang in lang itself ("Deutsch").
func (t *Turn) LangName(lang string) string { return t.e.texts.Plain(lang, keyLangName, nil) }

// LangChoices are the languages of the bot in one row, each labelled in
// its own language.
func LangChoices(t *Turn) [][]Choice {
	texts := t.e.texts
	var row []Choice
	for _, l := range texts.Langs() {
		row = append(row, Choice{texts.Plain(l, keyLangName, nil), l})
	}
	return [][]Choice{row}
}
