package domain

// States are the 16 Bundesländer as ISO 3166-2:DE codes without "DE-", in
// the order they are offered.
var States = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}
