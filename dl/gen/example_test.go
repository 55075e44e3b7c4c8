package gen_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl/gen"
)

// How much signal survives the forward process: √ᾱ_t is the weight of the
// clean image in x_t. The cosine schedule keeps more of it in the middle.
func ExampleCosineSchedule() {
	lin, cos := gen.LinearSchedule(1000, 1e-4, 0.02), gen.CosineSchedule(1000, 0.008)
	for _, t := range []int{0, 250, 500, 750, 999} {
		fmt.Printf("t=%3d  linear ᾱ=%.3f  cosine ᾱ=%.3f\n", t, lin.AlphaBar[t], cos.AlphaBar[t])
	}
	// Output:
	// t=  0  linear ᾱ=1.000  cosine ᾱ=1.000
	// t=250  linear ᾱ=0.521  cosine ᾱ=0.846
	// t=500  linear ᾱ=0.078  cosine ᾱ=0.492
	// t=750  linear ᾱ=0.003  cosine ᾱ=0.143
	// t=999  linear ᾱ=0.000  cosine ᾱ=0.000
}

// Sampling from an untrained VAE: every generator returns [n, 28, 28] in
// [0, 1], ready for plotting.ImageGridOf and gen.Judge.
func ExampleVAE_Sample() {
	r := rand.New(rand.NewPCG(1, 1))
	m := gen.NewVAE(r, 64, 8)
	s := m.Sample(r, 4)
	lo, hi := 1.0, 0.0
	for _, v := range s.Floats() {
		lo, hi = min(lo, v), max(hi, v)
	}
	fmt.Println(s.Shape(), lo >= 0, hi <= 1)
	// Output: [4 28 28] true true
}
