package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gendl/gendl/kernel/layout"
)

func TestInstallSpecRemovesOnlyItsOwn(t *testing.T) {
	data := t.TempDir()
	ours := layout.Layout{Root: "/a", Bin: "/a/bin"}
	other := layout.Layout{Root: "/b", Bin: "/b/bin"}
	kernelJSON := filepath.Join(data, "kernels", "gendl", "kernel.json")

	if err := installSpec(ours, []string{"--data-dir", data}); err != nil {
		t.Fatal(err)
	}
	if err := installSpec(other, []string{"--data-dir", data, "--remove"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kernelJSON); err != nil {
		t.Fatalf("another checkout's --remove deleted the spec: %v", err)
	}
	if err := installSpec(ours, []string{"--data-dir", data, "--remove"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kernelJSON); !os.IsNotExist(err) {
		t.Fatalf("own --remove left the spec: %v", err)
	}
	if err := installSpec(ours, []string{"--data-dir", data}); err != nil {
		t.Fatal(err)
	}
	if err := installSpec(other, []string{"--data-dir", data, "--remove", "--force"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kernelJSON); !os.IsNotExist(err) {
		t.Fatalf("--force left the spec: %v", err)
	}
	if err := installSpec(ours, []string{"--user", "--system"}); err == nil {
		t.Error("--user --system together succeeded")
	}
}
