package dataset_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/gendl/gendl/dl/dataset"
)

func ExampleCharVocab() {
	names := []string{"emma", "olivia", "ava"}
	text := ""
	for _, n := range names {
		text += "." + n
	}
	v := dataset.NewCharVocab(text + ".")
	fmt.Println(v)
	ids, _ := v.Encode(".ava.")
	fmt.Println(ids)
	s, _ := v.Decode(ids)
	fmt.Println(s)

	_, err := v.Encode("zoe")
	fmt.Println(err)
	u := v.WithUnknown('?')
	ids, _ = u.Encode("zoe")
	s, _ = u.Decode(ids)
	fmt.Println(ids, s)
	// Output:
	// CharVocab(8) ".aeilmov"
	// [0 1 7 1 0]
	// .ava.
	// dataset: encode: character 'z' at byte 0 is not in the vocabulary (use WithUnknown to map it)
	// [8 6 2] ?oe
}

func ExampleSplitWords() {
	toks := dataset.SplitWords("First Citizen:\nBefore we proceed any further, hear me speak.")
	fmt.Printf("%q\n", toks)
	fmt.Printf("%q\n", dataset.JoinWords(toks))
	// Output:
	// ["First" "Citizen" ":" "\n" "Before" "we" "proceed" "any" "further" "," "hear" "me" "speak" "."]
	// "First Citizen:\nBefore we proceed any further, hear me speak."
}

func ExampleRandomBatch() {
	data := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	r := rand.New(rand.NewPCG(1, 2))
	x, y := dataset.RandomBatch(r, data, 2, 4)
	fmt.Println(x.Shape(), x.Data[:4], y.Data[:4])
	// Output:
	// [2 4] [4 5 6 7] [5 6 7 8]
}

func ExampleNewBPTT() {
	data := make([]int, 21)
	for i := range data {
		data[i] = i
	}
	// Two streams, 0..10 and 10..20; each batch row continues the last.
	s := dataset.NewBPTT(data, 2, 3)
	for {
		x, y, ok := s.Next()
		if !ok {
			break
		}
		fmt.Println(x.Data, y.Data)
	}
	// Output:
	// [0 1 2 10 11 12] [1 2 3 11 12 13]
	// [3 4 5 13 14 15] [4 5 6 14 15 16]
	// [6 7 8 16 17 18] [7 8 9 17 18 19]
}

func ExampleReadIDX() {
	// Two 2×2 uint8 images, as in an MNIST file.
	raw := []byte{0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 1, 2, 3, 4}
	x, err := dataset.ReadIDX(bytes.NewReader(raw))
	fmt.Println(x.Dims, x.Float64s(), err)
	_, err = dataset.ReadIDX(bytes.NewReader(raw[:20]))
	fmt.Println(err)
	// Output:
	// [2 2 2] [0 255 255 0 1 2 3 4] <nil>
	// idx: dims [2 2 2] need 8 bytes of data, file has 4
}

func ExampleStore() {
	// A store with nowhere to look and downloads off fails with a
	// message that says where to put the file.
	s := &dataset.Store{Offline: true}
	_, err := s.Shakespeare()
	fmt.Println(errors.Is(err, dataset.ErrUnavailable))
	fmt.Println(err)
	// Output:
	// true
	// dataset: tinyshakespeare.txt: dataset file not available; downloading is off (Store.Offline). To fix: set GENDL_DATA to a directory holding tinyshakespeare.txt (it is published at https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt)
}
