package flowstest

import "context"

// RunJob runs the registered job name once, as the scheduler would, and
// fails the test on its error or when no job has that name.
func (h *H) RunJob(name string) {
	h.T.Helper()
	for _, j := range h.Engine.Jobs() {
		if j.Name == name {
			if err := j.Run(context.Background()); err != nil {
				h.T.Fatal(err)
			}
			return
		}
	}
	h.T.Fatalf("no job %q", name)
}
