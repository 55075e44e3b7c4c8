package dl

// currentG returns the address of the running goroutine's runtime
// descriptor (its g), read from thread-local storage in one instruction.
// Go never moves or frees a g while its goroutine runs, so the address
// names the goroutine for as long as the goroutine can observe it.
func currentG() uintptr

// goroutineID identifies the calling goroutine among the live ones, for
// NoGrad's per-goroutine scopes; on amd64 it costs a load instead of
// runtime.Stack's traceback (which made every op under NoGrad take
// microseconds).
func goroutineID() uint64 { return uint64(currentG()) }
