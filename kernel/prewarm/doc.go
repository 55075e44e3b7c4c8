// Package prewarm fills the Go build cache the way the first notebook cell
// will need it, so that cell compiles in about a second instead of tens.
//
// GoNB compiles every cell as a small program in its own temporary module
// /tmp/gonb_<id>: `go mod init gonb_<id>`, `go work init`, `go work use
// <repo> .` (from the kernel's -go_work flag), a replace directive for the
// gendl module (GoNB's %goworkfix), then goimports and `go build -o`. The
// first build of a cell importing dl and plotting compiles gonum, gonum/plot,
// its fonts, gorgonia's tensor and gonbui: 10–25 s on two cores. Go caches
// each compiled package keyed by its sources and flags, not by the main
// module, so compiling one program with the same imports in a module laid
// out the same way leaves every dependency cached; later cells only compile
// their own main package and link.
//
// Run builds such a program: it blank-imports every library package of the
// checkout (dl/..., plotting, minus internal ones, which are compiled as
// dependencies) plus GoNB's gonbui, runs it, and reports the time each step
// took. Sources returns the program text so tests and docs can show it.
package prewarm
