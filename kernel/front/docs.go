package front

import (
	"context"
	"os/exec"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Inspection (Shift+Tab in a notebook, "?" in a console) is answered by the
// front with `go doc`: GoNB asks gopls for a hover, and with the gopls this
// repository pins (v0.23) that answer fails to decode ("unexpected kind").
// go doc knows every package of the module and the standard library; the
// symbol under the cursor is resolved through the cell's own imports, so
// `dl.MatMul` finds github.com/gendl/gendl/dl when the cell imports it.

var (
	importSpec = regexp.MustCompile(`(?m)^\s*(?:import\s*)?(?:\(\s*)?([A-Za-z_][A-Za-z0-9_]*\s+|\.\s+)?"([^"]+)"`)
	symbolChar = func(r rune) bool {
		return r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80
	}
	helpCell = regexp.MustCompile(`^\s*(?:\?\s*([A-Za-z_][\w.]*)|([A-Za-z_][\w.]*)\s*\?)\s*$`)
)

// symbolAt returns the dotted identifier around the cursor (a count of
// code points, as the protocol counts them), or just before an opening
// parenthesis at the cursor.
func symbolAt(code string, cursor int) string {
	rs := []rune(code)
	cursor = max(0, min(cursor, len(rs)))
	if cursor > 0 && rs[cursor-1] == '(' {
		cursor--
	}
	start, end := cursor, cursor
	for start > 0 && symbolChar(rs[start-1]) {
		start--
	}
	for end < len(rs) && symbolChar(rs[end]) {
		end++
	}
	return strings.Trim(string(rs[start:end]), ".")
}

// docQuery turns sym into go doc's argument, mapping its first part to
// the import path the cell gives it.
func docQuery(code, sym string) string {
	head, rest, _ := strings.Cut(sym, ".")
	for _, m := range importSpec.FindAllStringSubmatch(code, -1) {
		name := strings.TrimSpace(m[1])
		path := m[2]
		if name == "" {
			name = path[strings.LastIndex(path, "/")+1:]
		}
		if name == head {
			if rest == "" {
				return path
			}
			return path + "." + rest
		}
	}
	return sym
}

// docDir is where go doc runs: the first -go_work path GoNB gets (the
// repository, so the module's packages resolve), else the current directory.
func docDir(gonbArgs []string) string {
	for _, a := range gonbArgs {
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "go_work="); ok {
			first, _, _ := strings.Cut(v, ",")
			return first
		}
	}
	return ""
}

// goDoc returns the documentation of the symbol at cursor in code, running
// go doc in dir.
func goDoc(dir, code string, cursor int) (string, bool) {
	sym := symbolAt(code, cursor)
	if sym == "" || !utf8.ValidString(sym) {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "doc", docQuery(code, sym))
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		return "", false
	}
	return string(out), true
}

// answerInspect replies to an inspect_request with go doc's text.
func (f *front) answerInspect(m *Message) {
	var c struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	if err := m.DecodeContent(&c); err != nil {
		f.logf("dropped: %v", err)
		return
	}
	f.publishStatus(m, "busy")
	text, found := goDoc(docDir(f.o.GoNBArgs), c.Code, c.CursorPos)
	data := map[string]any{}
	if found {
		data["text/plain"] = text
	}
	f.sendReply(f.shell, m, "inspect_reply", map[string]any{"status": "ok", "found": found, "data": data, "metadata": map[string]any{}}, nil)
	f.publishStatus(m, "idle")
}

// helpSymbol returns the symbol of a help cell ("?fmt.Println" or
// "fmt.Println?"), or "".
func helpSymbol(code string) string {
	m := helpCell.FindStringSubmatch(code)
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

// answerHelp runs a help cell: the documentation goes to the pager, as
// IPython's "?" does, through the execute_reply's page payload.
func (f *front) answerHelp(m *Message, code, sym string) {
	f.publishStatus(m, "busy")
	f.publish(m, "execute_input", map[string]any{"code": code, "execution_count": f.lastCount()})
	text, found := goDoc(docDir(f.o.GoNBArgs), code, strings.Index(code, sym)+len(sym))
	if !found {
		text = "No documentation found for " + sym + " (go doc " + sym + ")."
	}
	f.sendReply(f.shell, m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": f.lastCount(), "user_expressions": map[string]any{},
		"payload": []any{map[string]any{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}},
	}, nil)
	f.publishStatus(m, "idle")
}
