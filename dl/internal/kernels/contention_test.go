package kernels

import "testing"

// TestContentionFallback checks the state machine of contention.go. It is
// not parallel: it changes the package's contention state (which affects
// only speed) and restores it.
func TestContentionFallback(t *testing.T) {
	saved := contention.serialUntil.Load()
	defer contention.serialUntil.Store(saved)
	contention.serialUntil.Store(0)
	contention.lateRun.Store(0)

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
	if !oversubscribed() {
		t.Fatalf("not oversubscribed after %d late products in a row", lateRunLimit)
	}
	contention.serialUntil.Store(1) // long past
	if oversubscribed() {
		t.Fatal("still oversubscribed after the serial period")
	}
}
