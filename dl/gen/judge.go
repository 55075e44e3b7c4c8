package gen

import (
	"fmt"
	"strings"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/dl/nn"
)

// Verdict is what a trained classifier thinks of a batch of generated
// images: a cheap stand-in for sample quality that a student can read. A
// generator whose samples look like garments gets confident predictions
// spread over the classes; one that makes blobs gets hesitant ones, and one
// that collapsed to a single mode gets one class.
type Verdict struct {
	N         int      // samples judged
	Confident float64  // share whose top class probability is >= Threshold
	Threshold float64  // the confidence threshold used
	MeanTop   float64  // mean top-class probability
	Counts    []int    // samples per predicted class
	Classes   []string // class names, for printing
}

// Judge classifies samples [N, 28, 28] in [0, 1] with classifier (images to
// [N, K] logits) and counts the predictions whose top probability reaches
// threshold.
func Judge(classifier nn.Layer, samples *dl.Tensor, threshold float64, classes []string) Verdict {
	classifier.SetTraining(false)
	defer classifier.SetTraining(true)
	var probs *dl.Tensor
	dl.NoGrad(func() { probs = dl.Softmax(classifier.Forward(samples), -1) })
	n, k := probs.Dim(0), probs.Dim(1)
	v := Verdict{N: n, Threshold: threshold, Counts: make([]int, k), Classes: classes}
	p := probs.Floats()
	for i := range n {
		best := 0
		for j := range k {
			if p[i*k+j] > p[i*k+best] {
				best = j
			}
		}
		v.Counts[best]++
		v.MeanTop += p[i*k+best] / float64(n)
		if p[i*k+best] >= threshold {
			v.Confident += 1 / float64(n)
		}
	}
	return v
}

// String prints the verdict on two lines: the confident share and the
// predicted class counts.
func (v Verdict) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.0f%% of %d samples classified with p >= %.2f (mean top p %.2f)\n", 100*v.Confident, v.N, v.Threshold, v.MeanTop)
	for i, c := range v.Counts {
		name := fmt.Sprint(i)
		if i < len(v.Classes) {
			name = v.Classes[i]
		}
		fmt.Fprintf(&b, "%s:%d ", name, c)
	}
	return strings.TrimSpace(b.String())
}
