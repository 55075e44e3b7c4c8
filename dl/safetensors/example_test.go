package safetensors_test

import (
	"bytes"
	"fmt"

	"github.com/gendl/gendl/dl/safetensors"
)

func Example() {
	f := &safetensors.File{
		Tensors: map[string]*safetensors.Tensor{
			"0.weight": safetensors.FromFloat32([]float32{1, 2, 3, 4, 5, 6}, 2, 3),
			"0.bias":   safetensors.FromFloat32([]float32{0.5, -0.5}, 2),
		},
		Metadata: map[string]string{"format": "pt"},
	}
	var buf bytes.Buffer
	if err := safetensors.Write(&buf, f); err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", bytes.TrimRight(buf.Bytes()[8:168], " "))
	g, err := safetensors.Read(&buf)
	if err != nil {
		panic(err)
	}
	w := g.Tensors["0.weight"]
	fmt.Println(w.DType, w.Shape, w.Float32)
	// Output:
	// {"__metadata__":{"format":"pt"},"0.bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}
	// F32 [2 3] [1 2 3 4 5 6]
}
