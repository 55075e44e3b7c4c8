// Package installtest holds the tests of install.sh's messages for a bad
// set-up: no Go, too old a Go, no network for Go modules, and no Jupyter
// with --no-jupyter. Each runs the real script with a doctored environment
// and checks that it stops early with a message that names the problem and
// the fix. The package has no code of its own.
package installtest
