package blank

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Source blanks the solution regions of one cell's source. code selects
// the code-cell form (TODO + panic) over the markdown form (removed).
func Source(src string, code bool) (string, error) {
	var out []string
	inside := false
	for n, line := range strings.Split(src, "\n") {
		switch {
		case strings.Contains(line, "BEGIN SOLUTION"):
			if inside {
				return "", fmt.Errorf("line %d: BEGIN SOLUTION inside a solution region", n+1)
			}
			inside = true
			if code {
				indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
				hint := strings.TrimSpace(line[strings.Index(line, "BEGIN SOLUTION")+len("BEGIN SOLUTION"):])
				hint = strings.TrimSpace(strings.TrimPrefix(hint, ":"))
				if hint == "" {
					hint = "your code here"
				}
				out = append(out, indent+"// TODO: "+hint, indent+"panic(check.TODO())")
			}
		case strings.Contains(line, "END SOLUTION"):
			if !inside {
				return "", fmt.Errorf("line %d: END SOLUTION without BEGIN SOLUTION", n+1)
			}
			inside = false
		case !inside:
			out = append(out, line)
		}
	}
	if inside {
		return "", fmt.Errorf("BEGIN SOLUTION without END SOLUTION")
	}
	return strings.Join(out, "\n"), nil
}

// Notebook returns the blank notebook (nbformat 4 JSON) for a solutions
// notebook.
func Notebook(solution []byte) ([]byte, error) {
	var nb map[string]any
	if err := json.Unmarshal(solution, &nb); err != nil {
		return nil, fmt.Errorf("blank: reading the solutions notebook: %w", err)
	}
	cells, _ := nb["cells"].([]any)
	regions := 0
	for i, c := range cells {
		cell, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("blank: cell %d is not an object", i)
		}
		src, err := joinSource(cell["source"])
		if err != nil {
			return nil, fmt.Errorf("blank: cell %d: %w", i, err)
		}
		regions += strings.Count(src, "BEGIN SOLUTION")
		code := cell["cell_type"] == "code"
		if src, err = Source(src, code); err != nil {
			return nil, fmt.Errorf("blank: cell %d: %w", i, err)
		}
		cell["source"] = src
		if code {
			cell["outputs"] = []any{}
			cell["execution_count"] = nil
		}
	}
	if regions == 0 {
		return nil, fmt.Errorf("blank: no BEGIN SOLUTION regions: nothing for a student to do")
	}
	meta, _ := nb["metadata"].(map[string]any)
	g, _ := meta["gendl"].(map[string]any)
	b, ok := g["blank"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf(`blank: the solutions notebook's metadata has no "gendl": {"blank": {...}} entry for the blank's expected outcome`)
	}
	meta["gendl"] = b
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// joinSource accepts nbformat's two spellings of a source: one string or a
// list of lines.
func joinSource(v any) (string, error) {
	switch s := v.(type) {
	case string:
		return s, nil
	case []any:
		var b strings.Builder
		for _, line := range s {
			str, ok := line.(string)
			if !ok {
				return "", fmt.Errorf("source line is %T, not a string", line)
			}
			b.WriteString(str)
		}
		return b.String(), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("source is %T", v)
}

// Same reports whether two notebooks have the same cells (types and
// sources) and the same "gendl" metadata, ignoring outputs and formatting:
// whether a blank notebook is up to date with what Notebook generates.
func Same(a, b []byte) (bool, error) {
	ka, err := key(a)
	if err != nil {
		return false, err
	}
	kb, err := key(b)
	if err != nil {
		return false, err
	}
	return slices.Equal(ka, kb), nil
}

// key lists a notebook's "gendl" metadata and its cells' types and sources.
func key(notebook []byte) ([]string, error) {
	var nb struct {
		Cells []struct {
			Type   string `json:"cell_type"`
			Source any    `json:"source"`
		} `json:"cells"`
		Metadata struct {
			Gendl any `json:"gendl"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(notebook, &nb); err != nil {
		return nil, err
	}
	meta, err := json.Marshal(nb.Metadata.Gendl) // maps marshal with sorted keys
	if err != nil {
		return nil, err
	}
	out := []string{"metadata: " + string(meta)}
	for i, c := range nb.Cells {
		s, err := joinSource(c.Source)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		out = append(out, c.Type+": "+s)
	}
	return out, nil
}
