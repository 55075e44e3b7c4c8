package front

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"regexp"
	"strings"
	"sync"
)

// GoNB runs declarations, and statements after a "%%" line; a cell that is
// a bare Go expression is a syntax error there ("expected declaration").
// The front gives such cells the meaning a console user expects:
//
//   - a bare call (fmt.Println("hi"), train(model)) runs as a statement;
//   - any other expression (x, a+b, m.Shape(), (math.Sqrt(2)), []int{1,2})
//     is evaluated and its value, printed with %v, comes back as the cell's
//     execute_result, as Python's last expression does.
//
// A call is not evaluated for its value because Go cannot print a call
// that returns nothing or several values; parentheses make it a value:
// (math.Sqrt(2)).

// cellKind says how the front rewrites a cell before GoNB sees it.
type cellKind int

const (
	cellAsIs      cellKind = iota
	cellStatement          // a bare call: run it
	cellValue              // a bare expression: show its value
)

// classifyCell returns how to run code and the code GoNB should get.
func classifyCell(code string) (cellKind, string) {
	src := strings.TrimSpace(code)
	if src == "" || strings.HasPrefix(src, "%") || strings.HasPrefix(src, "!") {
		return cellAsIs, code
	}
	e, err := parser.ParseExpr(src)
	if err != nil {
		return cellAsIs, code
	}
	if _, isCall := e.(*ast.CallExpr); isCall {
		return cellStatement, "%%\n" + src
	}
	return cellValue, "%%\nfmt.Print(" + src + ")\n"
}

// rewrittenCell follows one rewritten cell's outputs.
type rewrittenCell struct {
	req      *Message
	kind     cellKind
	original string

	mu     sync.Mutex
	count  int
	value  strings.Builder
	failed bool
}

// rewriteRequest rewrites m's code when it is a bare expression and
// remembers the cell so its outputs can be fixed on the way back.
func (f *front) rewriteRequest(m *Message) *Message {
	var content map[string]any
	if json.Unmarshal(m.Content, &content) != nil {
		return m
	}
	code, _ := content["code"].(string)
	kind, rewritten := classifyCell(code)
	if kind == cellAsIs {
		return m
	}
	content["code"] = rewritten
	out := *m
	out.Content = mustJSON(content)
	f.mu.Lock()
	f.rewritten[m.Head.MsgID] = &rewrittenCell{req: m, kind: kind, original: code}
	f.mu.Unlock()
	return &out
}

// fixOutput adjusts an iopub message of a rewritten cell: execute_input
// shows the code the user wrote, a value cell's stdout is collected, and
// at idle the value goes out as execute_result. It reports whether m
// should still be relayed.
func (f *front) fixOutput(m *Message) bool {
	f.mu.Lock()
	c := f.rewritten[m.Parent.MsgID]
	f.mu.Unlock()
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch m.Head.MsgType {
	case "execute_input":
		var in map[string]any
		if json.Unmarshal(m.Content, &in) == nil {
			if n, ok := in["execution_count"].(float64); ok {
				c.count = int(n)
			}
			in["code"] = c.original
			m.Content = mustJSON(in)
		}
	case "stream":
		var s struct{ Name, Text string }
		if c.kind == cellValue && json.Unmarshal(m.Content, &s) == nil && s.Name == "stdout" {
			c.value.WriteString(s.Text)
			return false
		}
	case "error":
		c.failed = true
	case "status":
		var s struct {
			State string `json:"execution_state"`
		}
		if json.Unmarshal(m.Content, &s) == nil && s.State == "idle" {
			if c.kind == cellValue && !c.failed {
				f.publish(c.req, "execute_result", map[string]any{
					"execution_count": c.count,
					"data":            map[string]any{"text/plain": c.value.String()},
					"metadata":        map[string]any{},
				})
			}
			f.mu.Lock()
			delete(f.rewritten, m.Parent.MsgID)
			f.mu.Unlock()
		}
	}
	return true
}

// declStart matches a line that GoNB reads as a declaration or command.
var declStart = regexp.MustCompile(`(?m)^\s*(func|import|var|const|type|package|%|!)`)

// rewriteComplete makes completion work in a cell of bare statements or
// expressions, which GoNB cannot parse: the cell is completed as the body
// of a "%%" cell, and the reply's cursor positions are shifted back.
func (f *front) rewriteComplete(m *Message) *Message {
	var content map[string]any
	if json.Unmarshal(m.Content, &content) != nil {
		return m
	}
	code, _ := content["code"].(string)
	pos, ok := content["cursor_pos"].(float64)
	if !ok || strings.TrimSpace(code) == "" || declStart.MatchString(code) {
		return m
	}
	content["code"] = "%%\n" + code
	content["cursor_pos"] = pos + 3
	out := *m
	out.Content = mustJSON(content)
	f.mu.Lock()
	f.shifted[m.Head.MsgID] = 3
	f.mu.Unlock()
	return &out
}

// fixCompleteReply shifts the cursor positions of a rewritten completion
// back to the user's cell.
func (f *front) fixCompleteReply(r *Message) {
	f.mu.Lock()
	shift, ok := f.shifted[r.Parent.MsgID]
	delete(f.shifted, r.Parent.MsgID)
	f.mu.Unlock()
	if !ok {
		return
	}
	var content map[string]any
	if json.Unmarshal(r.Content, &content) != nil {
		return
	}
	for _, k := range []string{"cursor_start", "cursor_end"} {
		if v, ok := content[k].(float64); ok {
			content[k] = max(0, v-float64(shift))
		}
	}
	r.Content = mustJSON(content)
}
