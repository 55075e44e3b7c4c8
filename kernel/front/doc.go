// Package front is the process Jupyter starts as the "Go (gendl)" kernel: a
// thin front that owns the connection file and speaks the Jupyter wire
// protocol itself, in front of a private GoNB that runs the cells.
//
// # Why a front
//
// GoNB executes Go cells well, but its protocol layer trusts its input: a
// message with a bad or empty signature stops the kernel, and a multipart
// message without the <IDS|MSG> delimiter panics it, so any local process
// that can reach the ports ends the user's session. It also ignores
// is_complete_request (a console cannot tell when a cell ends) and
// history_request, and keeps running queued cells after one fails. GoNB's
// internals cannot be imported, so instead of patching it the front
// stands between the client and an unmodified GoNB.
//
// # The path of a message
//
// The front binds the five sockets of the connection file first thing, so
// that no other process can take a port Jupyter picked for it; requests
// wait in them until GoNB is up. Every incoming
// multipart message is decoded by Decode, which checks every bound before
// indexing, finds the delimiter among at most 32 routing identities, and
// verifies the HMAC (per signature_scheme, compared in constant time)
// before reading any JSON. A message that fails is logged and dropped:
// nothing is executed, the kernel carries on. Below zmq, the client
// sockets listen through a guarded transport that follows the ZMTP framing
// and closes a connection whose frame or message announces more than
// MaxMessageBytes, because zmq4 would otherwise allocate whatever a 9-byte
// frame header claims.
//
// Valid requests are answered by the front when it can do better than
// GoNB — kernel_info, is_complete (IsComplete, Go-syntax aware),
// history (History, persisted per user), inspection and "?sym" help (go
// doc), interrupt and shutdown — and otherwise forwarded to GoNB, which
// runs with its own connection file on Unix sockets in a private temp dir
// (no TCP ports to race for) and its own key.
// Replies and iopub messages come back, are checked against GoNB's key,
// and are re-signed with the client's; their parent headers are the
// client's own, untouched, so clients match them as usual.
//
// # Execution order and stop_on_error
//
// Execute, complete and inspect requests wait in a queue and go to GoNB
// one at a time. When a cell fails and its request asked stop_on_error
// (the default), the execute requests still waiting get an "aborted" reply
// without running, as with ipykernel: Run All stops at the first error.
// After each forwarded request the queue also waits for GoNB's idle status
// for it to reach the client, so that an aborted cell's busy, reply and
// idle (or the next request's messages) never overtake it on iopub.
// Comm messages bypass the queue, since widgets talk to a running cell.
//
// An interrupt reaches GoNB as SIGINT, which GoNB passes on only to a
// cell process it has started and subscribed; one that comes during the
// build would be lost, so the front repeats it while the same cell is
// still running.
//
// Before the first client request the front sends GoNB "%noautoget", as
// a silent execute request that is neither shown nor counted: GoNB would
// otherwise run go get before every cell.
//
// Cells that are bare Go expressions, a syntax error for GoNB, get a
// meaning: a call runs as a statement, any other expression is evaluated
// and its value returned as the cell's execute_result (Out[n]).
//
// # Processes and cleanup
//
// GoNB runs in a process group of its own (signals Jupyter sends the
// kernel's group reach only the front, which relays SIGINT) with an
// environment marker that every process it starts inherits, gopls
// included, and a TMPDIR inside a directory of the front's. Shutdown asks
// GoNB to exit, then signals it, then kills whatever still carries the
// marker and removes the directory. If the front itself is killed with
// SIGKILL, Linux sends GoNB SIGTERM (parent-death signal) so it cleans up,
// and a small janitor process, which notices the front's end as the end of
// a pipe, kills what is left and removes the directory. A later front
// also sweeps what a dead one left.
package front
