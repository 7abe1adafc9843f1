package testkit

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// SHA256Hex is the SHA-256 of b in lower-case hex, the form in which checksums are
// published and the tests' tables hold them.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ExpectSHA256 fails t unless the SHA-256 of b is want (lower-case hex): an embedded,
// downloaded or extracted file is the published one. what names the file, and may say
// where the checksum comes from.
func ExpectSHA256(t testing.TB, what string, b []byte, want string) {
	t.Helper()
	if got := SHA256Hex(b); got != want {
		t.Errorf("%s has SHA-256 %s, want %s", what, got, want)
	}
}
