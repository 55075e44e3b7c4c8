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
}
