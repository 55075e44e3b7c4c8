package half

import (
	"math"
	"testing"
)

func TestFloat16ToFloat32(t *testing.T) {
	t.Parallel()
	cases := []struct {
		bits uint16
		want float32
	}{
		{0x0000, 0},
		{0x3c00, 1},
		{0xc000, -2},
		{0x3555, 0.333251953125},
		{0x7bff, 65504},           // largest normal
		{0x0400, 6.103515625e-05}, // smallest normal
		{0x0001, 5.960464477539063e-08},
		{0x03ff, 6.097555160522461e-05}, // largest subnormal
		{0x7c00, float32(math.Inf(1))},
		{0xfc00, float32(math.Inf(-1))},
	}
	for _, c := range cases {
		if got := Float16ToFloat32(c.bits); got != c.want {
			t.Errorf("Float16ToFloat32(%#04x) = %v, want %v", c.bits, got, c.want)
		}
	}
	if got := Float16ToFloat32(0x8000); got != 0 || !math.Signbit(float64(got)) {
		t.Errorf("Float16ToFloat32(0x8000) = %v, want -0", got)
	}
	if got := Float16ToFloat32(0x7e00); !math.IsNaN(float64(got)) {
		t.Errorf("Float16ToFloat32(0x7e00) = %v, want NaN", got)
	}
}

func TestBFloat16ToFloat32(t *testing.T) {
	t.Parallel()
	for _, v := range []float32{0, 1, -2.5, 3.140625, float32(math.Inf(1))} {
		bits := uint16(math.Float32bits(v) >> 16)
		if got := BFloat16ToFloat32(bits); got != v {
			t.Errorf("BFloat16ToFloat32(%#04x) = %v, want %v", bits, got, v)
		}
	}
}
