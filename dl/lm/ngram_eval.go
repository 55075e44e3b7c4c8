package lm

import "math"

// LogLikelihood returns the natural-log likelihood of ids under m and the
// number of tokens scored: every token but the first, each predicted from
// the up to N-1 tokens before it. That is the set of targets a [B, T]
// language model is scored on, so -ll/n compares with a neural model's
// validation cross-entropy in nats per token.
func (m *NGram) LogLikelihood(ids []int) (ll float64, n int) {
	for i := 1; i < len(ids); i++ {
		ll += math.Log(m.Prob(ids[max(0, i-m.N+1):i], ids[i]))
	}
	return ll, max(len(ids)-1, 0)
}

// NLL is the mean negative log-likelihood per scored token of ids, in nats:
// the cross-entropy loss. It is +Inf if a token has probability 0 and NaN
// if ids has fewer than two tokens.
func (m *NGram) NLL(ids []int) float64 {
	ll, n := m.LogLikelihood(ids)
	return -ll / float64(n)
}

// Perplexity is exp(NLL): the number of equally likely faces of a die that
// would be as surprised by ids as the model is.
func (m *NGram) Perplexity(ids []int) float64 { return math.Exp(m.NLL(ids)) }
