//go:build !linux

package front

import "syscall"

// backendProcAttr puts GoNB in its own process group.
func backendProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
