package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// header is what a .npy header dictionary says.
type header struct {
	descr   string // e.g. "<f4"
	fortran bool
	shape   []int
}

// maxRank is NumPy's limit on the number of dimensions.
const maxRank = 64

// parseHeader reads the Python dict literal of a .npy header, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// It accepts only what NumPy writes: string keys, a string descr (structured
// dtypes are lists and are rejected), True/False, and a tuple of integers
// (with Python 2's optional L suffix).
func parseHeader(s string) (header, error) {
	p := &litParser{s: s}
	var h header
	seen := map[string]bool{}
	p.skipSpace()
	if !p.eat('{') {
		return h, p.errorf("header does not start with '{'")
	}
	for {
		p.skipSpace()
		if p.eat('}') {
			break
		}
		key, err := p.str()
		if err != nil {
			return h, err
		}
		p.skipSpace()
		if !p.eat(':') {
			return h, p.errorf("missing ':' after key %q", key)
		}
		p.skipSpace()
		if seen[key] {
			return h, p.errorf("duplicate key %q", key)
		}
		seen[key] = true
		switch key {
		case "descr":
			if p.peek() == '[' {
				return h, p.errorf("structured dtypes are not supported")
			}
			if h.descr, err = p.str(); err != nil {
				return h, err
			}
		case "fortran_order":
			if h.fortran, err = p.boolean(); err != nil {
				return h, err
			}
		case "shape":
			if h.shape, err = p.tuple(); err != nil {
				return h, err
			}
		default:
			return h, p.errorf("unknown key %q", key)
		}
		p.skipSpace()
		if p.eat('}') {
			break
		}
		if !p.eat(',') {
			return h, p.errorf("expected ',' or '}'")
		}
	}
	p.skipSpace()
	if p.i != len(p.s) {
		return h, p.errorf("trailing characters after the dictionary")
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return h, fmt.Errorf("npy: header lacks %q", k)
		}
	}
	return h, nil
}

type litParser struct {
	s string
	i int
}

func (p *litParser) errorf(format string, args ...any) error {
	return fmt.Errorf("npy: header at byte %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *litParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *litParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *litParser) eat(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

// str reads a quoted string without escapes (NumPy never writes any).
func (p *litParser) str() (string, error) {
	q := p.peek()
	if q != '\'' && q != '"' {
		return "", p.errorf("expected a quoted string")
	}
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 {
		return "", p.errorf("unterminated string")
	}
	v := p.s[p.i+1 : p.i+1+end]
	if strings.IndexByte(v, '\\') >= 0 {
		return "", p.errorf("escape sequences are not supported")
	}
	p.i += end + 2
	return v, nil
}

func (p *litParser) boolean() (bool, error) {
	switch {
	case strings.HasPrefix(p.s[p.i:], "True"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "False"):
		p.i += 5
		return false, nil
	}
	return false, p.errorf("expected True or False")
}

// tuple reads (), (n,), or (n, m, ...) with an optional trailing comma.
func (p *litParser) tuple() ([]int, error) {
	if !p.eat('(') {
		return nil, p.errorf("expected '(' for the shape")
	}
	shape := []int{}
	for {
		p.skipSpace()
		if p.eat(')') {
			return shape, nil
		}
		start := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		n, err := strconv.Atoi(p.s[start:p.i])
		if err != nil {
			return nil, p.errorf("bad dimension %q", p.s[start:p.i])
		}
		p.eat('L')
		if len(shape) == maxRank {
			return nil, p.errorf("more than %d dimensions", maxRank)
		}
		shape = append(shape, n)
		p.skipSpace()
		if p.eat(')') {
			if len(shape) == 1 {
				return nil, p.errorf("a one-element shape needs a trailing comma")
			}
			return shape, nil
		}
		if !p.eat(',') {
			return nil, p.errorf("expected ',' or ')' in the shape")
		}
	}
}

// formatHeader writes the dict literal the way NumPy does.
func formatHeader(descr string, shape []int) string {
	var b strings.Builder
	b.WriteString("{'descr': '")
	b.WriteString(descr)
	b.WriteString("', 'fortran_order': False, 'shape': (")
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteString("), }")
	return b.String()
}
