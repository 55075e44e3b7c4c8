package vecmath

import "math"

// Float32 elementary functions. math.Exp, math.Tanh and math.Erf work in
// float64 and handle every corner of that format, which made them most of
// the time of a float32 RNN or GELU step. These work in float32 with
// Cephes' reductions and polynomials (erfc from Numerical Recipes'
// Chebyshev fit) and stay within a few ulps of the float64 functions
// rounded to float32 (scalar_test.go measures it). They are the reference
// for the vector code and its fallback.

const (
	expHi = 88.72283905206835   // above: +Inf
	expLo = -103.97207708678283 // below: 0
)

// Exp is e^x in float32: x = n·ln2 + r with |r| <= ln2/2, e^r from a
// degree-6 polynomial, then scaled by 2^n.
func Exp(x float32) float32 {
	switch {
	case x > expHi:
		return float32(math.Inf(1))
	case x < expLo:
		return 0
	case x != x:
		return x
	}
	t := 1.44269504088896341*x + 0.5
	n := int32(t)
	if float32(n) > t { // floor
		n--
	}
	z := float32(n)
	r := x - z*0.693359375 - z*-2.12194440e-4
	r2 := r * r
	p := (((((1.9875691500e-4*r+1.3981999507e-3)*r+8.3334519073e-3)*r+4.1665795894e-2)*r+1.6666665459e-1)*r+5.0000001201e-1)*r2 + r + 1
	if n < -126 || n > 127 {
		return float32(math.Ldexp(float64(p), int(n)))
	}
	return p * math.Float32frombits(uint32(n+127)<<23)
}

// Tanh is tanh(x) in float32: an odd polynomial near 0, 1 - 2/(e^{2|x|}+1)
// elsewhere.
func Tanh(x float32) float32 {
	a := x
	if a < 0 {
		a = -a
	}
	if a < 0.625 {
		z := x * x
		return ((((-5.70498872745e-3*z+2.06390887954e-2)*z-5.37397155531e-2)*z+1.33314422036e-1)*z-3.33332819422e-1)*z*x + x
	}
	if a > 9.1 { // tanh rounds to ±1 in float32
		return float32(math.Copysign(1, float64(x)))
	}
	r := 1 - 2/(Exp(2*a)+1)
	if x < 0 {
		return -r
	}
	return r
}

// Sigmoid is 1/(1+e^-x) in float32; e^-x overflowing to +Inf gives 0.
func Sigmoid(x float32) float32 { return 1 / (1 + Exp(-x)) }

// Erfc is the complementary error function in float32, with relative
// error below 1.2e-7 in the fit itself (Numerical Recipes' erfcc).
func Erfc(x float32) float32 {
	z := x
	if z < 0 {
		z = -z
	}
	t := 1 / (1 + 0.5*z)
	p := -1.26551223 + t*(1.00002368+t*(0.37409196+t*(0.09678418+t*(-0.18628806+t*(0.27886807+t*(-1.13520398+t*(1.48851587+t*(-0.82215223+t*0.17087277))))))))
	r := t * Exp(-z*z+p)
	if x < 0 {
		return 2 - r
	}
	return r
}

// NormCDF is Φ(x), the standard normal CDF, in float32: Cephes' erf
// polynomial where |x/√2| < 1 (no exponential: most pre-activations of a
// trained network sit there), Erfc beyond.
func NormCDF(x float32) float32 {
	z := x * (1 / math.Sqrt2)
	if z > -1 && z < 1 {
		s := z * z
		erf := z * ((((((7.853861353153693e-5*s-8.010193625184903e-4)*s+5.188327685732524e-3)*s-2.685381193529856e-2)*s+1.128358514861418e-1)*s-3.761262582423300e-1)*s + 1.128379165726710)
		return 0.5 + 0.5*erf
	}
	return 0.5 * Erfc(-z)
}

// InvSqrt2Pi is 1/√(2π), the standard normal density's constant.
const InvSqrt2Pi = 0.3989422804014327

// GELUGrad is the derivative of x·Φ(x) given x and cdf = Φ(x):
// Φ(x) + x·φ(x).
func GELUGrad(x, cdf float32) float32 { return cdf + x*Exp(-0.5*x*x)*InvSqrt2Pi }
