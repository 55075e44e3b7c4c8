package layout_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gendl/gendl/kernel/layout"
)

func ExampleAt() {
	root, _ := os.MkdirTemp("", "gendl-example")
	defer os.RemoveAll(root)
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module github.com/gendl/gendl\n"), 0o644)

	l, err := layout.At(root)
	if err != nil {
		panic(err)
	}
	rel, _ := filepath.Rel(root, l.Tool("gonb"))
	fmt.Println(rel)
	// Output:
	// bin/gonb
}
