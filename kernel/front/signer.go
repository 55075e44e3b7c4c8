package front

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
)

// Signer signs and verifies messages with the HMAC that a connection file's
// signature_scheme and key name. A Signer with an empty key signs with the
// empty string and checks nothing, as jupyter_client does for kernels
// started without authentication.
type Signer struct {
	key []byte
	h   func() hash.Hash
}

// NewSigner returns the Signer for scheme ("hmac-sha256", "hmac-sha512",
// "hmac-sha384", "hmac-sha224", "hmac-sha1" or "hmac-md5") and key. An empty
// scheme means hmac-sha256.
func NewSigner(scheme, key string) (*Signer, error) {
	var h func() hash.Hash
	switch scheme {
	case "", "hmac-sha256":
		h = sha256.New
	case "hmac-sha512":
		h = sha512.New
	case "hmac-sha384":
		h = sha512.New384
	case "hmac-sha224":
		h = sha256.New224
	case "hmac-sha1":
		h = sha1.New
	case "hmac-md5":
		h = md5.New
	default:
		return nil, fmt.Errorf("front: unsupported signature_scheme %q", scheme)
	}
	return &Signer{key: []byte(key), h: h}, nil
}

func (s *Signer) mac(parts ...[]byte) []byte {
	m := hmac.New(s.h, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// Sign returns the hex signature of parts (header, parent header, metadata,
// content, in that order).
func (s *Signer) Sign(parts ...[]byte) []byte {
	if len(s.key) == 0 {
		return []byte{}
	}
	sum := s.mac(parts...)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify checks the hex signature sig of parts in constant time. It returns
// an error wrapping ErrSignature when the signature is empty, not hex, of
// the wrong length, or wrong.
func (s *Signer) Verify(sig []byte, parts ...[]byte) error {
	if len(s.key) == 0 {
		return nil
	}
	if len(sig) == 0 {
		return fmt.Errorf("empty signature: %w", ErrSignature)
	}
	want := s.mac(parts...)
	if len(sig) != hex.EncodedLen(len(want)) {
		return fmt.Errorf("signature of %d hex digits, want %d: %w", len(sig), hex.EncodedLen(len(want)), ErrSignature)
	}
	got := make([]byte, len(want))
	if _, err := hex.Decode(got, sig); err != nil {
		return fmt.Errorf("signature is not hex: %w", ErrSignature)
	}
	if !hmac.Equal(got, want) {
		return fmt.Errorf("signature does not match the key: %w", ErrSignature)
	}
	return nil
}
