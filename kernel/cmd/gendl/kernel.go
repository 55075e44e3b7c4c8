package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gendl/gendl/kernel/front"
	"github.com/gendl/gendl/kernel/layout"
)

// runKernel serves the Jupyter connection file with the gendl front
// (kernel/front): the front owns the connection, answers is_complete,
// history and kernel_info itself, checks every signature, and relays the
// rest to a private GoNB it starts on Unix sockets in its own temp dir. GoNB gets
// -go_work=<repo>, so every kernel's temporary module uses this checkout
// through a go.work file and a replace directive: cells import
// github.com/gendl/gendl/... with no `go get`. PATH gets the bin directory
// (goimports, gopls) first. Extra GoNB flags may be given in
// $GENDL_GONB_FLAGS (space separated), e.g. "-raw_error -v=2".
//
// GOFLAGS gets -ldflags=-w (no DWARF tables) unless it already sets
// -ldflags: linking a cell that uses gonum/plot drops from about 0.55 s to
// 0.40 s, and cells keep their file:line stack traces (those come from the
// runtime's own tables, not DWARF). A debugger wanting DWARF can set
// GOFLAGS itself.
//
// GODEBUG gets madvdontneed=0 unless it already sets madvdontneed: the Go
// runtime then returns freed memory with MADV_FREE instead of
// MADV_DONTNEED, so a training loop that frees and reallocates its
// activations every step reuses the same pages instead of faulting them
// back in (about 3k page faults a step in the GPT benchmark W4, 3-5% of its
// time). Pages freed that way still count in RSS until the kernel needs
// them.
func runKernel(l layout.Layout, args []string) error {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	conn := fs.String("connection-file", "", "Jupyter connection file (kernel.json passes {connection_file})")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *conn == "" && fs.NArg() == 1 {
		*conn = fs.Arg(0)
	}
	if *conn == "" {
		return fmt.Errorf("kernel: --connection-file is required (Jupyter passes it through kernel.json)")
	}
	gonb := l.Tool("gonb")
	if _, err := os.Stat(gonb); err != nil {
		return fmt.Errorf("kernel: %s is missing: run ./install.sh in %s", gonb, l.Root)
	}
	gonbArgs := append([]string{"-go_work=" + l.Root}, strings.Fields(os.Getenv("GENDL_GONB_FLAGS"))...)
	// GoNB, and through it gopls and every cell, inherits this environment.
	for _, kv := range withGoDebug(withGoFlags(withPath(os.Environ(), l.Bin), goEnvFlags)) {
		if k, v, ok := strings.Cut(kv, "="); ok && (k == "PATH" || k == "GOFLAGS" || k == "GODEBUG") {
			os.Setenv(k, v)
		}
	}
	return front.Run(context.Background(), front.Options{ConnectionFile: *conn, GoNB: gonb, GoNBArgs: gonbArgs})
}

// withPath returns env with dir first on PATH (once), and the `go` command's
// directory after it when `go` is found only outside PATH's usual places.
func withPath(env []string, dir string) []string {
	path := ""
	out := env[:0:0]
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
			continue
		}
		out = append(out, kv)
	}
	parts := []string{dir}
	for _, p := range filepath.SplitList(path) {
		if p != dir && p != "" {
			parts = append(parts, p)
		}
	}
	if _, err := exec.LookPath("go"); err != nil {
		for _, p := range []string{"/usr/local/go/bin", filepath.Join(os.Getenv("HOME"), "go", "bin")} {
			if _, err := os.Stat(filepath.Join(p, "go")); err == nil {
				parts = append(parts, p)
				break
			}
		}
	}
	return append(out, "PATH="+strings.Join(parts, string(os.PathListSeparator)))
}

// withGoFlags returns env with -ldflags=-w added to GOFLAGS. configured
// returns the GOFLAGS set in Go's own configuration (`go env -w`), which an
// environment variable would otherwise hide.
func withGoFlags(env []string, configured func() string) []string {
	flags, set := "", false
	out := env[:0:0]
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			flags, set = v, true
			continue
		}
		out = append(out, kv)
	}
	if !set {
		flags = configured()
	}
	if !strings.Contains(flags, "-ldflags") {
		flags = strings.TrimSpace(flags + " -ldflags=-w")
	}
	return append(out, "GOFLAGS="+flags)
}

// withGoDebug returns env with madvdontneed=0 added to GODEBUG, unless
// GODEBUG already chooses madvdontneed.
func withGoDebug(env []string) []string {
	debug := ""
	out := env[:0:0]
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GODEBUG="); ok {
			debug = v
			continue
		}
		out = append(out, kv)
	}
	if !strings.Contains(debug, "madvdontneed") {
		debug = strings.Trim(debug+",madvdontneed=0", ",")
	}
	return append(out, "GODEBUG="+debug)
}

// goEnvFlags runs `go env GOFLAGS`; "" when it cannot.
func goEnvFlags() string {
	out, err := exec.Command("go", "env", "GOFLAGS").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
