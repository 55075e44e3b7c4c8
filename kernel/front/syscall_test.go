package front

import "syscall"

const syscallTERM = syscall.SIGTERM
