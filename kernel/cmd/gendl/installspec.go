package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/gendl/gendl/kernel/layout"
	"github.com/gendl/gendl/kernel/spec"
)

// installSpec writes (or with --remove deletes) the gendl kernel spec.
func installSpec(l layout.Layout, args []string) error {
	fs := flag.NewFlagSet("install-spec", flag.ContinueOnError)
	user := fs.Bool("user", false, "install for the current user (the default)")
	system := fs.Bool("system", false, "install for every user of the machine (JupyterHub); needs write access to /usr/local/share/jupyter")
	dataDir := fs.String("data-dir", "", "install into this Jupyter data directory instead (e.g. <venv>/share/jupyter)")
	remove := fs.Bool("remove", false, "remove the kernel spec instead of writing it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *user && *system {
		return fmt.Errorf("install-spec: --user and --system exclude each other")
	}
	dir := *dataDir
	if dir == "" {
		where := spec.User
		if *system {
			where = spec.System
		}
		home, _ := os.UserHomeDir()
		var err error
		if dir, err = spec.DataDir(where, home); err != nil {
			return err
		}
	}
	if *remove {
		if err := spec.Uninstall(dir); err != nil {
			return err
		}
		fmt.Printf("removed kernel spec %s from %s\n", spec.Name, filepath.Join(dir, "kernels"))
		return nil
	}
	goDir := ""
	if goPath, err := exec.LookPath("go"); err == nil {
		if abs, err := filepath.Abs(goPath); err == nil {
			goDir = filepath.Dir(abs)
		}
	}
	kdir, err := spec.New(l.Root, l.Bin, goDir).Install(dir)
	if err != nil {
		return err
	}
	fmt.Printf("installed kernel spec %q (%s) in %s\n", spec.Name, spec.DisplayName, kdir)
	return nil
}
