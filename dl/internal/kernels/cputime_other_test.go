//go:build !linux

package kernels

import "time"

// processCPU is unknown here: benchmarks skip the per-CPU-second metric.
func processCPU() time.Duration { return 0 }
