package tgmsg

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestKeyboard(t *testing.T) {
	if kb, err := Keyboard(nil); kb != nil || err != nil {
		t.Fatalf("no buttons: %v, %v; want no keyboard", kb, err)
	}
	kb, err := Keyboard([][]domain.Button{{{Label: "Ja", Data: "a:1"}, {Label: "Nein", Data: "a:2"}}, {{Label: "Zurück", Data: "b"}}})
	if err != nil {
		t.Fatal(err)
	}
	if rows := kb.InlineKeyboard; len(rows) != 2 || len(rows[0]) != 2 || rows[0][1].Text != "Nein" || rows[0][1].CallbackData != "a:2" || rows[1][0].Text != "Zurück" {
		t.Fatalf("keyboard %+v", kb.InlineKeyboard)
	}
	for name, b := range map[string]domain.Button{
		"no label": {Data: "x"}, "no data": {Label: "x"}, "data too long": {Label: "x", Data: strings.Repeat("d", 65)},
	} {
		if _, err := Keyboard([][]domain.Button{{b}}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
