package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/gendl/gendl/kernel/layout"
	"github.com/gendl/gendl/kernel/prewarm"
)

// runPrewarm compiles the cell-like program so the build cache is hot.
func runPrewarm(l layout.Layout, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("prewarm: takes no arguments, got %q", args)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Println("gendl prewarm: compiling a notebook-like program (the first run takes a minute or two)...")
	rep, err := prewarm.Run(ctx, l, "")
	if err != nil {
		return err
	}
	fmt.Println(rep)
	return nil
}
