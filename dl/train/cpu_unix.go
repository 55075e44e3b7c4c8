//go:build unix

package train

import (
	"syscall"
	"time"
)

// cpuSeconds is the processor time this program has used (user + system,
// all threads).
func cpuSeconds() float64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()).Seconds()
}
