package dl

import (
	"runtime"
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

// goroutineID parses the current goroutine's number from its stack header
// ("goroutine 42 [running]:"). Go hides goroutine identity on purpose; this
// is the one place we need it, to give NoGrad the per-thread scope users
// know from PyTorch.
func goroutineID() uint64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	var id uint64
	for _, c := range b[len("goroutine "):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
