package dl_test

import (
	"fmt"

	"github.com/gendl/gendl/dl"
)

func ExampleTensor_String() {
	x := dl.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(x)
	fmt.Println(dl.Arange(0, 200, 1).Reshape(20, 10))
	// Output:
	// tensor([[1., 2., 3.],
	//         [4., 5., 6.]], shape=[2 3], dtype=float32)
	// tensor([[0., 1., 2., ..., 7., 8., 9.],
	//         [10., 11., 12., ..., 17., 18., 19.],
	//         [20., 21., 22., ..., 27., 28., 29.],
	//         ...,
	//         [170., 171., 172., ..., 177., 178., 179.],
	//         [180., 181., 182., ..., 187., 188., 189.],
	//         [190., 191., 192., ..., 197., 198., 199.]], shape=[20 10], dtype=float32)
}
