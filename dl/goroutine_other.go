//go:build !amd64

package dl

import "runtime"

// goroutineID parses the current goroutine's number from its stack header
// ("goroutine 42 [running]:"). Go hides goroutine identity on purpose; this
// is the one place we need it, to give NoGrad the per-thread scope users
// know from PyTorch. amd64 reads the goroutine's descriptor address
// instead (goroutine_amd64.go), which is thousands of times cheaper.
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
