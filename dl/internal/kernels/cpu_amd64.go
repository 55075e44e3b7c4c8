package kernels

import (
	"sync"

	"golang.org/x/sys/cpu"
)

//go:generate go run gen_kernels.go

// The assembly implementations. Blocking: the kc-by-nr packed B panel is
// reused from cache while the kernel sweeps a task's rows of A, read in
// place. For avx2 (tuned for Zen 3: 32 KB L1d, 512 KB L2) that is
// 256*16*4 = 16 KB of B in L1, beside 6 rows of A. For avx512 (measured on
// a Sapphire Rapids class Xeon: 48 KB L1d, 2 MB L2) depth blocks from 384
// to 784 ran alike, about 4% faster than 192 at 1024x1024x1024; 512 keeps
// the panel (64 KB) and a task's A rows (240*512*4 = 480 KB) in L2.
var (
	avx2Geometry = &geometry[float32]{
		name: "avx2", mr: 6, nr: 16, kernels: sgemmKernelsAVX2, zeroRow: make([]float32, 16),
		kc: 256, mc: 240, nc: 4096, pool: new(sync.Pool), jobs: new(sync.Pool), packRows: packRowsFast32, packTrans: packTransFast32, gemv: gemvFast32,
	}
	avx512Geometry = &geometry[float32]{
		name: "avx512", mr: 12, nr: 32, kernels: sgemmKernelsAVX512, zeroRow: make([]float32, 32),
		kc: 512, mc: 240, nc: 4096, pool: new(sync.Pool), jobs: new(sync.Pool), packRows: packRowsFast32, packTrans: packTransFast32, gemv: gemvFast32,
	}
	// The float64 geometries have the same register tiles in bytes, so the
	// same blocking; B is transposed in Go and vectors use the Go kernel.
	avx2Geometry64 = &geometry[float64]{
		name: "avx2", mr: 6, nr: 8, kernels: dgemmKernelsAVX2, zeroRow: make([]float64, 8),
		kc: 256, mc: 240, nc: 4096, pool: new(sync.Pool), jobs: new(sync.Pool),
		packRows: packRowsFast64, gemv: gemvGo[float64],
	}
	avx512Geometry64 = &geometry[float64]{
		name: "avx512", mr: 12, nr: 16, kernels: dgemmKernelsAVX512, zeroRow: make([]float64, 16),
		kc: 512, mc: 240, nc: 4096, pool: new(sync.Pool), jobs: new(sync.Pool),
		packRows: packRowsFast64, gemv: gemvGo[float64],
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

// bestGeometry64 is the fastest float64 implementation this CPU runs.
var bestGeometry64 = func() *geometry[float64] {
	switch {
	case cpu.X86.HasAVX512F && cpu.X86.HasFMA:
		return avx512Geometry64
	case cpu.X86.HasAVX2 && cpu.X86.HasFMA:
		return avx2Geometry64
	}
	return goGeometry64
}()

// supportedGeometries64 lists the float64 implementations this CPU can run.
func supportedGeometries64() []*geometry[float64] {
	gs := []*geometry[float64]{goGeometry64}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		gs = append(gs, avx2Geometry64)
	}
	if cpu.X86.HasAVX512F && cpu.X86.HasFMA {
		gs = append(gs, avx512Geometry64)
	}
	return gs
}

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
