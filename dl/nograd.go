package dl

import (
	"sync"
	"sync/atomic"
)

// NoGrad runs f with recording switched off on the calling goroutine: ops
// inside f build no nodes, keep no saved tensors, and cost nothing extra.
// Use it for sampling and evaluation. Like PyTorch's torch.no_grad it is
// scoped to the caller (a goroutine here, a thread there), so tests running
// in parallel do not see each other's scopes.
func NoGrad(f func()) {
	id := goroutineID()
	noGrad.Lock()
	noGrad.depth[id]++
	noGrad.Unlock()
	noGradScopes.Add(1)
	defer func() {
		noGradScopes.Add(-1)
		noGrad.Lock()
		if noGrad.depth[id]--; noGrad.depth[id] == 0 {
			delete(noGrad.depth, id)
		}
		noGrad.Unlock()
	}()
	f()
}

// noGradScopes counts open NoGrad scopes on all goroutines, so that ops pay
// for a goroutine lookup only while some scope is open somewhere.
var noGradScopes atomic.Int64

var noGrad = struct {
	sync.Mutex
	depth map[uint64]int
}{depth: map[uint64]int{}}

// gradEnabled reports whether ops on this goroutine should record.
func gradEnabled() bool {
	if noGradScopes.Load() == 0 {
		return true
	}
	id := goroutineID()
	noGrad.Lock()
	defer noGrad.Unlock()
	return noGrad.depth[id] == 0
}
