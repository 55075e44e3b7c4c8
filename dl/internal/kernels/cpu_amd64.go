package kernels

import (
	"sync"

	"golang.org/x/sys/cpu"
)

//go:generate go run gen_kernels.go

// The assembly implementations. Blocking: the kc-by-nr B micro-panel stays
// in L1 while the kernel streams A micro-panels of the mc-by-kc block from
// L2. For avx2 (Zen 3: 32 KB L1d, 512 KB L2) that is 256*16*4 = 16 KB of B
// and a 240*256*4 = 240 KB A block; for avx512 (48 KB L1d, 2 MB L2 on the
// Xeons that have it) 192*32*4 = 24 KB of B and a 480*192*4 = 360 KB block.
var (
	avx2Geometry = &geometry[float32]{
		name: "avx2", mr: 6, nr: 16, kernels: sgemmKernelsAVX2,
		kc: 256, mc: 240, nc: 4096, pool: new(sync.Pool), packRows: packRowsFast32, packTrans: packTransFast32, gemv: gemvFast32,
	}
	avx512Geometry = &geometry[float32]{
		name: "avx512", mr: 12, nr: 32, kernels: sgemmKernelsAVX512,
		kc: 192, mc: 480, nc: 4096, pool: new(sync.Pool), packRows: packRowsFast32, packTrans: packTransFast32, gemv: gemvFast32,
	}
)

// bestGeometry32 is the fastest float32 implementation this CPU runs.
var bestGeometry32 = func() *geometry[float32] {
	switch {
	case cpu.X86.HasAVX512F && cpu.X86.HasFMA:
		return avx512Geometry
	case cpu.X86.HasAVX2 && cpu.X86.HasFMA:
		return avx2Geometry
	}
	return goGeometry32
}()

// supportedGeometries32 lists the float32 implementations this CPU can run,
// for tests that compare them.
func supportedGeometries32() []*geometry[float32] {
	gs := []*geometry[float32]{goGeometry32}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		gs = append(gs, avx2Geometry)
	}
	if cpu.X86.HasAVX512F && cpu.X86.HasFMA {
		gs = append(gs, avx512Geometry)
	}
	return gs
}
