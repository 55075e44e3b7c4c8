// Package layout finds the gendl checkout on disk: the repository root (the
// directory holding go.mod for module github.com/gendl/gendl) and the bin
// directory next to it, where install.sh builds gendl, gonb, goimports and
// gopls.
//
// Everything the kernel does is relative to these two directories: the
// kernel spec points at <root>/bin/gendl, GoNB's go.work uses <root>, and
// prewarm compiles against <root>. Nothing is read from global state other
// than the GENDL_ROOT environment variable, which overrides the search.
package layout
