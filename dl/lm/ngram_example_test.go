package lm_test

import (
	"fmt"
	"strings"

	"github.com/gendl/gendl/dl/dataset"
	"github.com/gendl/gendl/dl/lm"
)

// A bigram over makemore-style names: "." marks the start and end of a
// name, and the die after "a" shows what tends to follow an "a".
func ExampleNGram_Die() {
	names := []string{"emma", "olivia", "ava", "isabella", "sophia", "anna", "mia", "amelia"}
	vocab := dataset.NewCharVocab("." + strings.Join(names, ""))
	m := lm.NewNGram(2, vocab.Size())
	for _, n := range names {
		ids, _ := vocab.Encode("." + n + ".")
		m.Count(ids)
	}
	m.Smoothing = lm.AddK{K: 0}
	a, _ := vocab.ID('a')
	fmt.Println(m.Die([]int{a}, func(id int) string { return string(vocab.Rune(id)) }))
	// Output:
	// die after 'a' (seen 12 times, 13 faces)
	//   '.'    0.667  ##########  8
	//   'b'    0.083  #           1
	//   'm'    0.083  #           1
	//   'n'    0.083  #           1
	//   'v'    0.083  #           1
}

// Perplexity on a sentence the model has not seen, for growing orders
// and two smoothings. On so tiny a corpus the longest contexts overfit: the
// unseen "mat sat" costs the 4-gram more than it gains elsewhere.
func ExampleNGram_Perplexity() {
	train := strings.Repeat("the cat sat on the mat. ", 20)
	vocab := dataset.NewCharVocab(train)
	ids, _ := vocab.Encode(train)
	test, _ := vocab.Encode("the mat sat on the cat.")
	for n := 1; n <= 4; n++ {
		m := lm.NewNGram(n, vocab.Size())
		m.Count(ids)
		wb := m.Perplexity(test)
		m.Smoothing = lm.AddK{K: 1}
		fmt.Printf("n=%d  Witten-Bell %.2f  add-1 %.2f\n", n, wb, m.Perplexity(test))
	}
	// Output:
	// n=1  Witten-Bell 9.04  add-1 9.04
	// n=2  Witten-Bell 1.90  add-1 2.20
	// n=3  Witten-Bell 1.30  add-1 1.68
	// n=4  Witten-Bell 1.68  add-1 2.12
}
