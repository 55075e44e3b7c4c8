package spec_test

import (
	"fmt"

	"github.com/gendl/gendl/kernel/spec"
)

func ExampleNew() {
	s := spec.New("/home/ada/gendl", "/home/ada/gendl/bin", "/usr/local/go/bin")
	fmt.Print(string(s.JSON()))
	// Output:
	// {
	//   "argv": [
	//     "/home/ada/gendl/bin/gendl",
	//     "kernel",
	//     "--connection-file",
	//     "{connection_file}"
	//   ],
	//   "display_name": "Go (gendl)",
	//   "language": "go",
	//   "interrupt_mode": "message",
	//   "env": {
	//     "GENDL_ROOT": "/home/ada/gendl",
	//     "PATH": "/home/ada/gendl/bin:/usr/local/go/bin:${PATH}"
	//   },
	//   "metadata": {
	//     "gendl": {
	//       "root": "/home/ada/gendl"
	//     }
	//   }
	// }
}
