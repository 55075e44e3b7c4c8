package blank_test

import (
	"fmt"

	"github.com/gendl/gendl/check/blank"
)

func ExampleSource() {
	solution := `func double(x float64) float64 {
	// BEGIN SOLUTION: multiply by two
	return 2 * x
	// END SOLUTION
}`
	src, err := blank.Source(solution, true)
	fmt.Println(src)
	fmt.Println(err)
	// Output:
	// func double(x float64) float64 {
	// 	// TODO: multiply by two
	// 	panic(check.TODO())
	// }
	// <nil>
}
