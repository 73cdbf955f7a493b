package storage

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func fullSession() domain.Session {
	return domain.Session{Version: 41, Lang: "de", UserID: 7, Roles: []domain.Role{"coordinator", "municipal_contact"},
		Flow: "request", Step: "description", Nonce: 4000000000, Prompt: -3,
		Data:  map[string]string{"topic": "Schule & Kita <b>", "desc": strings.Repeat("ü", 300), "": ""},
		Flags: []string{"req"}, Touched: time.Date(2026, 11, 24, 18, 30, 0, 123456789, time.UTC),
		About: domain.About{Subject: "rq:42", Kind: "view"}}
}

// aboutLen is how many bytes the About of fullSession adds to its body.
func aboutLen() int {
	a := fullSession().About
	return len(appendString(appendString(nil, a.Subject), a.Kind))
}

// sameSession compares sessions, times by instant.
func sameSession(t *testing.T, got, want domain.Session) {
	t.Helper()
	if !got.Touched.Equal(want.Touched) {
		t.Fatalf("touched %v, want %v", got.Touched, want.Touched)
	}
	got.Touched, want.Touched = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestSessionCodecRoundTrips(t *testing.T) {
	for name, s := range map[string]domain.Session{"full": fullSession(), "empty": {}, "fresh": {Version: 1, Lang: "en"}} {
		t.Run(name, func(t *testing.T) {
			raw, err := encodeSession(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeSession(raw)
			if err != nil {
				t.Fatal(err)
			}
			sameSession(t, got, s)
		})
	}
}

// Sessions written before the binary body are JSON and stay readable.
func TestSessionCodecReadsJSONBodies(t *testing.T) {
	raw := `41|{"v":3,"l":"de","u":7,"r":["coordinator","municipal_contact"],"f":"request","s":"description",` +
		`"n":4000000000,"p":-3,"d":{"topic":"Schule \u0026 Kita \u003cb\u003e","desc":"` + strings.Repeat("ü", 300) +
		`","":""},"g":["req"],"t":"2026-11-24T18:30:00.123456789Z"}`
	got, err := decodeSession(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := fullSession()
	want.About = domain.About{} // came later
	sameSession(t, got, want)
}

// Binary bodies written before the prompt's About end before it and are
// read with none.
func TestSessionCodecReadsBodiesWithoutAbout(t *testing.T) {
	raw, _ := encodeSession(fullSession())
	got, err := decodeSession(raw[:len(raw)-aboutLen()])
	if err != nil {
		t.Fatal(err)
	}
	want := fullSession()
	want.About = domain.About{}
	sameSession(t, got, want)
}

// A cut or damaged value is an error, never a panic, and keeps the stored
// version, so that the next commit can overwrite it.
func TestSessionCodecRejectsDamage(t *testing.T) {
	raw, _ := encodeSession(fullSession())
	body := strings.Index(raw, "|") + 1
	for n := body; n < len(raw); n++ {
		if n == len(raw)-aboutLen() {
			continue // a body written before the About (TestSessionCodecReadsBodiesWithoutAbout)
		}
		s, err := decodeSession(raw[:n])
		if err == nil {
			t.Fatalf("a value cut to %d of %d bytes was read", n, len(raw))
		}
		if s.Version != 41 {
			t.Fatalf("cut value lost its version: %d", s.Version)
		}
	}
	for _, bad := range []string{raw + "x", "41|\x02", "41|{", "x|\x01", "no prefix", "41|\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"} {
		if _, err := decodeSession(bad); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}

func BenchmarkSessionCodec(b *testing.B) {
	s := fullSession()
	s.Data = map[string]string{"topic": "Integration", "format": "online"}
	b.ReportAllocs()
	for b.Loop() {
		raw, _ := encodeSession(s)
		if _, err := decodeSession(raw); err != nil {
			b.Fatal(err)
		}
	}
}
