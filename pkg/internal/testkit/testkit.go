// Package testkit holds the helpers the package tests share: reading reference values
// recorded from PyTorch (or numpy) under testdata/, and checking the messages that
// programmer errors panic with. It is imported only by _test.go files.
package testkit

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// LoadJSON reads the JSON file at path (relative to the test's package folder, e.g.
// "testdata/reference.json") into a T, failing t at once if the file is missing or
// malformed; regenerate says how to write the file again (the generating script).
func LoadJSON[T any](t testing.TB, path, regenerate string) T {
	t.Helper()
	v, err := ReadJSON[T](path)
	if err != nil {
		t.Fatalf("%v (regenerate with %s)", err, regenerate)
	}
	return v
}

// ReadJSON reads the JSON file at path into a T, for reference values a test file
// decodes once into a package-level variable (MustReadJSON) or checks itself.
func ReadJSON[T any](path string) (T, error) {
	var v T
	raw, err := os.ReadFile(path)
	if err != nil {
		return v, fmt.Errorf("reading reference values: %w", err)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("parsing %s: %w", path, err)
	}
	return v, nil
}

// MustReadJSON is ReadJSON for a package-level variable: it panics on an error.
func MustReadJSON[T any](path string) T {
	v, err := ReadJSON[T](path)
	if err != nil {
		panic(err)
	}
	return v
}

// Panic runs f and reports whether it panicked and with what, printed as fmt.Sprint
// prints it: a string panic as it is, an error (tensor.ShapeError) by its Error
// method, which is also what a notebook shows.
func Panic(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// MustPanic runs f and returns its panic message, failing t at once if f returns.
func MustPanic(t testing.TB, f func()) string {
	t.Helper()
	msg, ok := Panic(f)
	if !ok {
		t.Fatalf("no panic")
	}
	return msg
}

// ExpectPanic fails t unless f panics with exactly the message want.
func ExpectPanic(t testing.TB, want string, f func()) {
	t.Helper()
	if msg, ok := Panic(f); !ok {
		t.Errorf("no panic, want %q", want)
	} else if msg != want {
		t.Errorf("panic\n got: %s\nwant: %s", msg, want)
	}
}

// ExpectPanicPrefix fails t unless f panics with a message that starts with want.
func ExpectPanicPrefix(t testing.TB, want string, f func()) {
	t.Helper()
	if msg, ok := Panic(f); !ok || !strings.HasPrefix(msg, want) {
		t.Errorf("panic %q (panicked: %v), want one starting %q", msg, ok, want)
	}
}

// ExpectPanicContaining fails t unless f panics with a message that contains want.
func ExpectPanicContaining(t testing.TB, want string, f func()) {
	t.Helper()
	if msg, ok := Panic(f); !ok || !strings.Contains(msg, want) {
		t.Errorf("panic %q (panicked: %v), want one containing %q", msg, ok, want)
	}
}
