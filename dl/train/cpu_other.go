//go:build !unix

package train

// cpuSeconds is 0 where getrusage is missing: CPUTime then reads 0.
func cpuSeconds() float64 { return 0 }
