package doctor_test

import (
	"fmt"

	"github.com/gendl/gendl/kernel/doctor"
)

func ExampleAtLeast() {
	fmt.Println(doctor.AtLeast("go1.26.8", doctor.MinGo))
	fmt.Println(doctor.AtLeast("go1.27rc1", doctor.MinGo))
	fmt.Println(doctor.AtLeast("go1.22.5", doctor.MinGo))
	// Output:
	// true
	// true
	// false
}
