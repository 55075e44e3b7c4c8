package dl

import (
	"math"
	"math/bits"
	"sync"
	"unsafe"
)

// Scratch buffers: storage an op needs only while it runs (the LSTM's gate
// gradients, a gathered copy of its hidden states) comes from a pool and
// goes back when the op returns. A training step that allocated these
// afresh handed the garbage collector megabytes a step that nothing
// referenced a moment later, so it collected more often, and each new
// large allocation took the heap lock and fresh, cold pages.
//
// Buffers are kept by power-of-two capacity from 64 KB up, a few per
// size, and reused for the life of the process, as PyTorch's caching
// allocator keeps its blocks: a pool the garbage collector empties
// (sync.Pool) would be empty again by the next step, since a step that
// allocates tens of megabytes runs several collections. Smaller buffers
// are cheap to allocate and are not kept. Only a buffer that nothing
// references after putScratch may be given back: never one that a tensor
// or a backward closure holds.

const (
	scratchMinBytes = 64 << 10
	scratchPerClass = 4 // buffers kept per size: enough for the nested scans of a stacked model
)

type scratchPool struct {
	mu   sync.Mutex
	free [40][][]byte // by log2 of the byte capacity
}

var scratchBufs scratchPool

// scratch returns n elements of T whose contents are unspecified (NaN under
// poisonUninit), to be given back with putScratch.
func scratch[T float](n int) []T {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	if size < scratchMinBytes {
		return uninit[T](n)
	}
	class := bits.Len(uint(size - 1)) // capacity 1<<class bytes ≥ size
	var s []T
	p := &scratchBufs
	p.mu.Lock()
	if k := len(p.free[class]); k > 0 {
		b := p.free[class][k-1]
		p.free[class] = p.free[class][:k-1]
		s = unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b))/unsafe.Sizeof(zero))[:n]
	}
	p.mu.Unlock()
	if s == nil {
		s = uninit[T](int(uintptr(1) << class / unsafe.Sizeof(zero)))[:n]
	}
	if poisonUninit {
		nan := T(math.NaN())
		for i := range s {
			s[i] = nan
		}
	}
	return s
}

// putScratch gives back buffers from scratch; the caller must not use them
// again.
func putScratch[T float](bufs ...[]T) {
	var zero T
	p := &scratchBufs
	for _, s := range bufs {
		size := uintptr(cap(s)) * unsafe.Sizeof(zero)
		if size < scratchMinBytes || size&(size-1) != 0 {
			continue // not one of the pool's
		}
		class := bits.Len(uint(size - 1))
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)
		p.mu.Lock()
		if len(p.free[class]) < scratchPerClass {
			p.free[class] = append(p.free[class], b)
		}
		p.mu.Unlock()
	}
}
