package flows

// state is a German Bundesland: its ISO 3166-2:DE code without "DE-" and the
// key of its name.
type state struct {
	code, key string
}

// states are the 16 Bundesländer in the order the buttons show them.
var states = []state{
	{"BW", "state.BW"}, {"BY", "state.BY"}, {"BE", "state.BE"}, {"BB", "state.BB"},
	{"HB", "state.HB"}, {"HH", "state.HH"}, {"HE", "state.HE"}, {"MV", "state.MV"},
	{"NI", "state.NI"}, {"NW", "state.NW"}, {"RP", "state.RP"}, {"SL", "state.SL"},
	{"SN", "state.SN"}, {"ST", "state.ST"}, {"SH", "state.SH"}, {"TH", "state.TH"},
}

// stateKey returns the key of the name of the Bundesland code, or code
// itself when it is unknown.
func stateKey(code string) string {
	for _, s := range states {
		if s.code == code {
			return s.key
		}
	}
	return code
}
