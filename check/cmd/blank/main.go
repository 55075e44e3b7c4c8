// Command blank writes each homework's blank notebook from its solutions
// notebook: notebooks/homework/solutions/X.ipynb → notebooks/homework/X.ipynb
// (see package check/blank for the markers). Run it from the repository
// root after editing a solutions notebook, then execute both with the
// notebook runner's --write to save their outputs:
//
//	go run ./check/cmd/blank
//	kernel/python/run_notebooks.py --write notebooks/homework
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gendl/gendl/check/blank"
)

func main() {
	dir := flag.String("dir", "notebooks/homework", "homework directory (with a solutions/ subdirectory)")
	flag.Parse()
	sols, err := filepath.Glob(filepath.Join(*dir, "solutions", "*.ipynb"))
	if err == nil && len(sols) == 0 {
		err = fmt.Errorf("no notebooks in %s", filepath.Join(*dir, "solutions"))
	}
	for _, sol := range sols {
		if err != nil {
			break
		}
		var data []byte
		if data, err = os.ReadFile(sol); err != nil {
			break
		}
		if data, err = blank.Notebook(data); err != nil {
			err = fmt.Errorf("%s: %w", sol, err)
			break
		}
		dst := filepath.Join(*dir, filepath.Base(sol))
		if old, rerr := os.ReadFile(dst); rerr == nil {
			if same, _ := blank.Same(old, data); same {
				fmt.Println("up to date:", dst, "(its saved outputs are kept)")
				continue
			}
		}
		if err = os.WriteFile(dst, data, 0o644); err == nil {
			fmt.Println("wrote", dst, "(run the notebook runner with --write to save its outputs)")
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "blank:", err)
		os.Exit(1)
	}
}
