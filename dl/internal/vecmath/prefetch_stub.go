//go:build amd64

package vecmath

//go:noescape
func prefetchRows(p *float32, rows, stride, n int)
