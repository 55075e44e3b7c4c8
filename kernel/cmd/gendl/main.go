// Command gendl installs and runs the "Go (gendl)" Jupyter kernel.
//
// Usage:
//
//	gendl install-spec [--user|--system|--data-dir DIR] [--remove]
//	gendl prewarm
//	gendl doctor
//	gendl kernel --connection-file FILE
//
// install-spec writes the kernel spec (kernel.json and logos) for the user
// (default) or for every user of the machine (--system, for JupyterHub).
// prewarm compiles a program like a notebook cell so the Go build cache is
// hot before the first cell runs. doctor says what is missing and how to fix
// it. kernel is what kernel.json runs: Jupyter starts it with the connection
// file of a new kernel.
//
// gendl lives in <repo>/bin next to gonb, goimports and gopls (install.sh
// builds all four) and finds the repository from its own location, or from
// $GENDL_ROOT.
package main

import (
	"fmt"
	"os"

	"github.com/gendl/gendl/kernel/layout"
)

const usage = `usage: gendl <command> [flags]

commands:
  install-spec  write the "Go (gendl)" Jupyter kernel spec (--user, --system, --data-dir DIR, --remove)
  prewarm       compile a notebook-like program so the first cell is fast
  doctor        check Go, tools, Jupyter, kernel spec and data; say how to fix what is missing
  kernel        run the kernel (Jupyter calls this through kernel.json)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	if cmd == "-h" || cmd == "--help" || cmd == "help" {
		fmt.Print(usage)
		return
	}
	l, err := layout.Default()
	if err != nil {
		fatalf("%v", err)
	}
	switch cmd {
	case "install-spec":
		err = installSpec(l, args)
	case "prewarm":
		err = runPrewarm(l, args)
	case "doctor":
		err = runDoctor(l, args)
	case "kernel":
		err = runKernel(l, args)
	default:
		fmt.Fprintf(os.Stderr, "gendl: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gendl: "+format+"\n", args...)
	os.Exit(1)
}
