package dl

import (
	"sync"
	"testing"
)

// goroutineID must be stable on one goroutine and distinct among
// goroutines alive at the same time: NoGrad's scopes are keyed by it.
func TestGoroutineIDStableAndDistinct(t *testing.T) {
	t.Parallel()
	const n = 64
	ids := make([]uint64, n)
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	var done sync.WaitGroup
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			ids[i] = goroutineID()
			started.Done()
			release.Wait() // all n stay alive until every ID is taken
			if again := goroutineID(); again != ids[i] {
				t.Errorf("goroutine %d: ID changed from %x to %x", i, ids[i], again)
			}
		}()
	}
	started.Wait()
	release.Done()
	done.Wait()
	seen := map[uint64]int{}
	for i, id := range ids {
		if j, dup := seen[id]; dup {
			t.Errorf("goroutines %d and %d share ID %x", j, i, id)
		}
		seen[id] = i
	}
	if j, dup := seen[goroutineID()]; dup {
		t.Errorf("the test goroutine shares its ID with helper %d", j)
	}
}

func BenchmarkGoroutineID(b *testing.B) {
	for b.Loop() {
		goroutineID()
	}
}
