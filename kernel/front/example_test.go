package front_test

import (
	"fmt"

	"github.com/gendl/gendl/kernel/front"
)

func ExampleIsComplete() {
	for _, code := range []string{
		"func main() {",
		"func main() {\n\tfmt.Println(1)\n}",
		"%%",
		"%%\nfmt.Println(1)",
		"var s = `raw",
		"x := (1]",
	} {
		c := front.IsComplete(code)
		fmt.Printf("%-36q %s %q\n", code, c.Status, c.Indent)
	}
	// Output:
	// "func main() {"                      incomplete "\t"
	// "func main() {\n\tfmt.Println(1)\n}" complete ""
	// "%%"                                 incomplete ""
	// "%%\nfmt.Println(1)"                 complete ""
	// "var s = `raw"                       incomplete ""
	// "x := (1]"                           invalid ""
}

func ExampleSigner() {
	s, _ := front.NewSigner("hmac-sha256", "secret")
	sig := s.Sign([]byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}"))
	fmt.Println(len(sig), s.Verify(sig, []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}")))
	fmt.Println(s.Verify([]byte("forged"), []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}")))
	// Output:
	// 64 <nil>
	// signature of 6 hex digits, want 64: bad signature
}
