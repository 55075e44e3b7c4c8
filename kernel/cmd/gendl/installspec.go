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
	remove := fs.Bool("remove", false, "remove the kernel spec instead of writing it (only if it runs this checkout's gendl)")
	force := fs.Bool("force", false, "with --remove: remove the kernel spec even if it belongs to another checkout")
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
		// Leave a spec that runs another checkout's gendl alone: removing
		// this checkout must not break that one.
		if old, err := spec.Read(dir); err == nil && (len(old.Argv) == 0 || old.Argv[0] != l.Tool("gendl")) && !*force {
			fmt.Printf("left kernel spec %s in %s: it runs %v, not this checkout (--force removes it anyway)\n",
				spec.Name, filepath.Join(dir, "kernels"), old.Argv)
			return nil
		}
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
