package npy_test

import (
	"bytes"
	"fmt"

	"github.com/gendl/gendl/dl/npy"
)

func Example() {
	var buf bytes.Buffer
	a := npy.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	if err := npy.Write(&buf, a); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", buf.Bytes()[10:69])
	b, err := npy.Read(&buf)
	if err != nil {
		panic(err)
	}
	fmt.Println(b.DType, b.Shape, b.Float32)
	// Output:
	// "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
	// f4 [2 3] [1 2 3 4 5 6]
}
