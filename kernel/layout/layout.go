package layout

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the module path of the gendl repository.
const Module = "github.com/gendl/gendl"

// Layout names the directories of one gendl checkout. Both paths are
// absolute.
type Layout struct {
	Root string // repository root, holds go.mod
	Bin  string // <Root>/bin: gendl, gonb, goimports, gopls
}

// At returns the layout of the checkout rooted at dir, or an error when dir
// does not hold the gendl go.mod.
func At(dir string) (Layout, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Layout{}, fmt.Errorf("layout: %w", err)
	}
	mod, err := modulePath(filepath.Join(abs, "go.mod"))
	if err != nil {
		return Layout{}, fmt.Errorf("layout: %s is not a gendl checkout: %w", abs, err)
	}
	if mod != Module {
		return Layout{}, fmt.Errorf("layout: %s holds module %q, want %q", abs, mod, Module)
	}
	return Layout{Root: abs, Bin: filepath.Join(abs, "bin")}, nil
}

// Find locates the checkout: $GENDL_ROOT when set, else the first directory
// holding the gendl go.mod found walking up from each of the start
// directories in turn (typically the running executable's directory, then the
// working directory).
func Find(starts ...string) (Layout, error) {
	if root := os.Getenv("GENDL_ROOT"); root != "" {
		return At(root)
	}
	for _, start := range starts {
		dir, err := filepath.Abs(start)
		if err != nil {
			continue
		}
		for {
			if l, err := At(dir); err == nil {
				return l, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return Layout{}, errors.New("layout: no gendl checkout found above " + strings.Join(starts, ", ") +
		" (set GENDL_ROOT to the repository root)")
}

// Default is Find starting from the running executable's directory and then
// the working directory.
func Default() (Layout, error) {
	var starts []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		starts = append(starts, filepath.Dir(exe))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	return Find(starts...)
}

// Tool returns the absolute path of a program built into the bin directory.
func (l Layout) Tool(name string) string { return filepath.Join(l.Bin, name) }

// modulePath reads the module line of a go.mod file.
func modulePath(goMod string) (string, error) {
	f, err := os.Open(goMod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("no module line in " + goMod)
}
