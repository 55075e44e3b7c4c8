// Package remaining tells a file reader how many bytes its input still
// holds, so that a parser can reject a header that promises more data than
// exists before allocating for it. npy and safetensors both rely on it: a
// lying header must not make a reader allocate gigabytes.
package remaining
