package kernels_test

import (
	"fmt"

	"github.com/gendl/gendl/dl/internal/kernels"
)

func ExampleSgemm() {
	// A is 2x3, B is 3x2, both row-major.
	a := []float32{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float32{
		1, 0,
		0, 1,
		1, 1,
	}
	c := make([]float32, 4)
	kernels.Sgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2)
	fmt.Println(c)

	// Aᵀ*A without copying the transpose: A is stored 2x3 = k-by-m.
	ata := make([]float32, 9)
	kernels.Sgemm(true, false, 3, 3, 2, 1, a, 3, a, 3, 0, ata, 3)
	fmt.Println(ata)
	// Output:
	// [4 5 10 11]
	// [17 22 27 22 29 36 27 36 45]
}

func ExampleDgemm() {
	// C = 2*A*Bᵀ + C, with B stored 2x2 and read transposed.
	a := []float64{1, 2, 3, 4}
	b := []float64{1, 1, 0, 1}
	c := []float64{1, 1, 1, 1}
	kernels.Dgemm(false, true, 2, 2, 2, 2, a, 2, b, 2, 1, c, 2)
	fmt.Println(c)
	// Output:
	// [7 5 15 9]
}

func ExampleSgemmStrided() {
	// Two 1x2 by 2x1 products, one after the other in memory.
	a := []float32{1, 2, 3, 4}
	b := []float32{10, 1, 10, 1}
	c := make([]float32, 2)
	kernels.SgemmStrided(2, false, false, 1, 1, 2, 1, a, 2, 2, b, 1, 2, 0, c, 1, 1)
	fmt.Println(c)
	// Output:
	// [12 34]
}

func ExamplePackedB() {
	// A recurrent weight W (2x3, stored [out, in]) used at every step as
	// h·Wᵀ: pack Wᵀ once, then multiply each step's rows.
	w := []float32{
		1, 0, 1,
		0, 2, 0,
	}
	var p kernels.PackedB
	p.Pack(true, 3, 2, w, 3) // op(B) = Wᵀ is 3x2
	h := []float32{1, 2, 3}
	out := make([]float32, 2)
	for step := 0; step < 2; step++ {
		kernels.SgemmPacked(false, 1, 1, h, 3, &p, 0, out, 2)
		fmt.Println(out)
		h[0]++
	}
	// Output:
	// [4 4]
	// [5 4]
}
