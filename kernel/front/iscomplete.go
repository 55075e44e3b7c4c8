package front

import (
	"go/scanner"
	"go/token"
	"strings"
)

// Completeness answers an is_complete_request: Status is "complete",
// "incomplete" or "invalid"; Indent, for an incomplete cell, is what a
// console puts at the start of the next line.
type Completeness struct {
	Status string `json:"status"`
	Indent string `json:"indent,omitempty"`
}

// IsComplete says whether a console should run code or ask for another line.
// GoNB cells mix Go with special commands: a line starting with "%" or "!"
// is a command, continued onto the next line by a trailing backslash; a
// first line "%%" (bare or with arguments) makes the rest the body of main,
// and a cell with nothing after it waits for that body;
// any other "%%" magic (%%writefile, %%script …) takes lines until a blank
// one. Go text is tokenized with go/scanner: open brackets, an unterminated
// raw string or block comment, or a last token that cannot end a statement
// (an operator, a comma, a keyword like func or if) mean incomplete; a
// closing bracket without its opener or a string broken by a newline means
// invalid.
func IsComplete(code string) Completeness {
	lines := strings.Split(code, "\n")
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return Completeness{Status: "complete"}
	}
	head := strings.TrimSpace(lines[first])
	if strings.HasPrefix(head, "%%") {
		if head != "%%" && !strings.HasPrefix(head, "%% ") && !strings.HasPrefix(head, "%%\t") {
			// A non-Go cell magic: its body ends with a blank line.
			if len(lines) > first+1 && strings.TrimSpace(lines[len(lines)-1]) == "" {
				return Completeness{Status: "complete"}
			}
			return Completeness{Status: "incomplete"}
		}
		if strings.TrimSpace(strings.Join(lines[first+1:], "")) == "" {
			return Completeness{Status: "incomplete"} // the body is still to come
		}
		lines[first] = ""
	}
	goLines := make([]string, len(lines))
	continued := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		special := continued || strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!")
		if special {
			continued = strings.HasSuffix(t, `\`)
			continue
		}
		goLines[i] = l
	}
	if continued {
		return Completeness{Status: "incomplete"}
	}
	return goCompleteness(strings.Join(goLines, "\n"))
}

// goCompleteness classifies Go source text.
func goCompleteness(src string) Completeness {
	fset := token.NewFileSet()
	file := fset.AddFile("cell.go", fset.Base(), len(src))
	var errs []string
	var s scanner.Scanner
	s.Init(file, []byte(src), func(_ token.Position, msg string) { errs = append(errs, msg) }, 0)

	var stack []token.Token
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted by the scanner, not written
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			open := map[token.Token]token.Token{token.RPAREN: token.LPAREN, token.RBRACK: token.LBRACK, token.RBRACE: token.LBRACE}[tok]
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return Completeness{Status: "invalid"}
			}
			stack = stack[:len(stack)-1]
		}
		last = tok
	}
	for _, e := range errs {
		switch {
		case strings.Contains(e, "raw string literal not terminated"), strings.Contains(e, "comment not terminated"):
			return Completeness{Status: "incomplete", Indent: strings.Repeat("\t", len(stack))}
		case strings.Contains(e, "literal not terminated"), strings.Contains(e, "newline in"):
			return Completeness{Status: "invalid"}
		}
	}
	if len(stack) > 0 {
		return Completeness{Status: "incomplete", Indent: strings.Repeat("\t", len(stack))}
	}
	if continues(last) {
		return Completeness{Status: "incomplete", Indent: "\t"}
	}
	return Completeness{Status: "complete"}
}

// continues reports whether a line ending in tok needs another line: Go
// inserts no semicolon after an operator, a comma or most keywords.
func continues(tok token.Token) bool {
	switch tok {
	case token.ILLEGAL, token.RPAREN, token.RBRACK, token.RBRACE, token.INC, token.DEC,
		token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN, token.SEMICOLON:
		return false
	}
	return tok.IsOperator() || tok.IsKeyword()
}
