package front

import "syscall"

// backendProcAttr puts GoNB in its own process group and has the kernel send
// it SIGTERM if the front dies, even by SIGKILL.
func backendProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
