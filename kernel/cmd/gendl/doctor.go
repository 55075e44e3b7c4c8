package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/gendl/gendl/kernel/doctor"
	"github.com/gendl/gendl/kernel/layout"
)

// runDoctor prints every check and fails when one failed.
func runDoctor(l layout.Layout, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("doctor: takes no arguments, got %q", args)
	}
	fmt.Printf("gendl checkout: %s\n", l.Root)
	if !doctor.Print(os.Stdout, doctor.Run(doctor.DefaultEnv(l))) {
		return errors.New("doctor: some checks failed; see the fixes above")
	}
	return nil
}
