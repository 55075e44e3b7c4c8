// Package half converts IEEE 754 half precision (float16) and bfloat16
// values, stored as their uint16 bit patterns, to float32. Checkpoints written
// by PyTorch and arrays saved by NumPy use both formats; gendl computes in
// float32 or float64, so the readers widen them on load.
package half

import "math"

// Float16ToFloat32 widens an IEEE 754 binary16 bit pattern exactly:
// subnormals, infinities and NaN (with its payload) are preserved.
func Float16ToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // Inf or NaN
		return math.Float32frombits(sign | 0xff<<23 | mant<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
	case mant == 0: // signed zero
		return math.Float32frombits(sign)
	}
	// Subnormal: normalise the mantissa into a float32 normal.
	e := uint32(127 - 15 + 1)
	for mant&0x400 == 0 {
		mant <<= 1
		e--
	}
	return math.Float32frombits(sign | e<<23 | (mant&0x3ff)<<13)
}

// BFloat16ToFloat32 widens a bfloat16 bit pattern, which is the upper half
// of a float32, exactly.
func BFloat16ToFloat32(b uint16) float32 {
	return math.Float32frombits(uint32(b) << 16)
}
