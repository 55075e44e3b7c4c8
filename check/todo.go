package check

import (
	"fmt"
	"runtime"
	"strings"
)

// NotImplemented is the panic value of an unfinished TODO. Fn is the
// function that holds the TODO, as the Go runtime names it
// ("(*Linear).Forward").
type NotImplemented struct{ Fn string }

func (e NotImplemented) Error() string {
	if e.Fn == "" {
		return "not implemented yet"
	}
	return e.Fn + " is not implemented yet"
}

// TODO returns the panic value that marks unfinished work in a blank
// homework; write it as panic(check.TODO()), which also satisfies the
// compiler's need for a return. It records the name of the calling
// function so the failure says which TODO is left.
func TODO() NotImplemented {
	pc, _, _, ok := runtime.Caller(1)
	if !ok {
		return NotImplemented{}
	}
	return NotImplemented{Fn: shortFuncName(runtime.FuncForPC(pc).Name())}
}

// shortFuncName strips the package path and closure suffixes from a
// runtime function name: "main.(*Linear).Forward.func1" becomes
// "(*Linear).Forward".
func shortFuncName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.Index(name, "."); i >= 0 {
		name = name[i+1:]
	}
	for {
		i := strings.LastIndex(name, ".func")
		if i < 0 || !allDigits(name[i+5:]) {
			break
		}
		name = name[:i]
	}
	return name
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// describePanic turns a recovered value into the reason a task failed.
// where is the student's function the panic came from, if known.
func describePanic(v any, where string) string {
	if ni, ok := v.(NotImplemented); ok {
		return fmt.Sprintf("%s: replace panic(check.TODO()) with your code", ni.Error())
	}
	var msg string
	switch e := v.(type) {
	case error:
		msg = e.Error()
	case string:
		msg = e
	default:
		msg = fmt.Sprint(e)
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if where != "" {
		return fmt.Sprintf("panicked in %s: %s", where, msg)
	}
	return "panicked: " + msg
}

// panicSite returns the innermost function of package main on the stack of
// a panic being recovered (the student's code), or "".
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "main.") {
			name := shortFuncName(f.Function)
			if strings.HasPrefix(name, "glob.") || strings.HasPrefix(name, "init") {
				return "" // a task's own test closure, not the student's code
			}
			return name
		}
		if !more {
			return ""
		}
	}
}
