package sandbox

import "testing"

// TestRichTextCommands marks the bot commands of a bot text as Telegram
// shows them: a slash word of its own, not in code, pre, links or spoilers.
func TestRichTextCommands(t *testing.T) {
	t.Parallel()
	tests := []richCase{
		{"in a sentence", "Mit /menu geht es weiter, mit /help die Hilfe.",
			`[{"text":"Mit "},{"tag":"command","text":"/menu"},{"text":" geht es weiter, mit "},` +
				`{"tag":"command","text":"/help"},{"text":" die Hilfe."}]`},
		{"alone", "/start", `[{"tag":"command","text":"/start"}]`},
		{"after a line break and in brackets", "Anfragen\n(/anfragen)",
			`[{"text":"Anfragen\n("},{"tag":"command","text":"/anfragen"},{"text":")"}]`},
		{"underscore and digits", "/my_requests2 ok", `[{"tag":"command","text":"/my_requests2"},{"text":" ok"}]`},
		{"with the bot's name", "/start@MiGlobeBot", `[{"tag":"command","text":"/start@MiGlobeBot"}]`},
		{"in bold", "<b>/beratung</b>", `[{"tag":"b","kids":[{"tag":"command","text":"/beratung"}]}]`},
		{"bold next to a word is a word", "<b>mit</b>/start", `[{"tag":"b","kids":[{"text":"mit"}]},{"text":"/start"}]`},
		{"split by a tag is no command", "/sta<b>rt</b>", `[{"text":"/sta"},{"tag":"b","kids":[{"text":"rt"}]}]`},
		{"entity decoded first", "&lt;b&gt;/x&lt;/b&gt; and (/y)",
			`[{"text":"\u003cb\u003e/x\u003c/b\u003e and ("},{"tag":"command","text":"/y"},{"text":")"}]`},
		{"not in code, pre, links or spoilers",
			`<code>/start</code> <pre>/menu</pre> <a href="https://x.de">/help</a> <tg-spoiler>/privacy</tg-spoiler>`,
			`[{"tag":"code","kids":[{"text":"/start"}]},{"text":" "},{"tag":"pre","kids":[{"text":"/menu"}]},{"text":" "},` +
				`{"tag":"a","href":"https://x.de","kids":[{"text":"/help"}]},{"text":" "},{"tag":"spoiler","kids":[{"text":"/privacy"}]}]`},
		{"paths, fractions and URLs", "km/h und/oder 1/2 https://x.de/start //x /a/b", `[{"text":"km/h und/oder 1/2 https://x.de/start //x /a/b"}]`},
		{"a letter outside Latin ends no command", "/größe /straße_", `[{"text":"/größe /straße_"}]`},
		{"a slash alone", "a / b /", `[{"text":"a / b /"}]`},
		{"too short a bot name", "/start@ab", `[{"text":"/start@ab"}]`},
	}
	checkRich(t, tests)
}
