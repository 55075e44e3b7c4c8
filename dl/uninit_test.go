package dl

// Every test of the package runs with uninitialized storage filled with
// NaN, so an op that reads an output element before writing it fails.
func init() { poisonUninit = true }
