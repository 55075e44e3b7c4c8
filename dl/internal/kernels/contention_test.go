package kernels

import "testing"

// TestContentionFallback checks the state machine of contention.go. It is
// not parallel: it changes the package's contention state (which affects
// only speed) and restores it.
func TestContentionFallback(t *testing.T) {
	defer contention.serialLeft.Store(contention.serialLeft.Load())
	defer contention.stretch.Store(contention.stretch.Load())
	contention.serialLeft.Store(0)
	contention.lateRun.Store(0)
	contention.stretch.Store(0)

	for i := 1; i < lateRunLimit; i++ {
		noteHelper(true)
		if oversubscribed() {
			t.Fatalf("oversubscribed after %d late products, want %d", i, lateRunLimit)
		}
	}
	noteHelper(false) // a prompt product resets the run
	for range lateRunLimit - 1 {
		noteHelper(true)
	}
	if oversubscribed() {
		t.Fatal("oversubscribed although the late run was broken")
	}
	noteHelper(true)
	for i := range serialProducts {
		if !oversubscribed() {
			t.Fatalf("product %d after %d late ones in a row: not serial, want %d serial", i, lateRunLimit, serialProducts)
		}
	}
	if oversubscribed() {
		t.Fatalf("still serial after %d products", serialProducts)
	}
	// Late again right away: the next stretch is twice as long.
	for range lateRunLimit {
		noteHelper(true)
	}
	if got := contention.serialLeft.Load(); got != 2*serialProducts {
		t.Fatalf("second serial stretch %d products, want %d", got, 2*serialProducts)
	}
	// On time once: back to the first length.
	noteHelper(false)
	for range lateRunLimit {
		noteHelper(true)
	}
	if got := contention.serialLeft.Load(); got != serialProducts {
		t.Fatalf("stretch after helpers were on time %d, want %d", got, serialProducts)
	}
	contention.serialLeft.Store(0)
}
