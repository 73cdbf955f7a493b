package telegramfake

import "testing"

// TestSetLimits switches the limits on and off at run time; sends before the
// switch do not count against the new limits.
func TestSetLimits(t *testing.T) {
	s, _ := newClockServer(t, Options{})
	s.AddUser(alice)
	send := func() answer {
		return callJSON(t, s, "sendMessage", map[string]any{"chat_id": alice.ID, "text": "x"})
	}
	steps := []struct {
		name   string
		limits *Limits // applied before the sends
		ok     []bool  // outcome of each send, all in the same second
	}{
		{"no limits", nil, []bool{true, true, true}},
		{"per chat 1", &Limits{Global: 30, PerChat: 1}, []bool{true, false}},
		{"replaced: fresh windows", &Limits{Global: 2, PerChat: 5}, []bool{true, true, false}},
		{"off again", nil, []bool{true, true}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			s.SetLimits(st.limits)
			for i, want := range st.ok {
				a := send()
				if a.OK != want || (!want && (a.ErrorCode != 429 || a.Parameters.RetryAfter < 1)) {
					t.Errorf("send %d = %+v, want ok %v (else 429 with retry_after)", i, a, want)
				}
			}
		})
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("limits recorded as violations: %+v", v)
	}
}
