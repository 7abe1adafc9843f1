package testkit

import (
	"errors"
	"testing"
)

func TestPanicPrintsStringsAndErrorsAlike(t *testing.T) {
	if msg, ok := Panic(func() { panic("op: bad") }); !ok || msg != "op: bad" {
		t.Errorf("string panic: %q, %v", msg, ok)
	}
	if msg, ok := Panic(func() { panic(errors.New("op: worse")) }); !ok || msg != "op: worse" {
		t.Errorf("error panic: %q, %v", msg, ok)
	}
	if msg, ok := Panic(func() {}); ok || msg != "" {
		t.Errorf("no panic: %q, %v", msg, ok)
	}
}

// The Expect helpers fail a test that does not panic as wanted; a stub TB records it.
func TestExpectHelpersFail(t *testing.T) {
	for name, f := range map[string]func(testing.TB){
		"exact, other message": func(tb testing.TB) { ExpectPanic(tb, "a", func() { panic("ab") }) },
		"exact, no panic":      func(tb testing.TB) { ExpectPanic(tb, "a", func() {}) },
		"prefix":               func(tb testing.TB) { ExpectPanicPrefix(tb, "b", func() { panic("ab") }) },
		"containing":           func(tb testing.TB) { ExpectPanicContaining(tb, "c", func() { panic("ab") }) },
	} {
		rec := &recorder{TB: t}
		f(rec)
		if !rec.failed {
			t.Errorf("%s: the helper did not fail", name)
		}
	}
	ok := &recorder{TB: t}
	ExpectPanic(ok, "ab", func() { panic("ab") })
	ExpectPanicPrefix(ok, "a", func() { panic("ab") })
	ExpectPanicContaining(ok, "b", func() { panic("ab") })
	if ok.failed {
		t.Error("a helper failed on a matching panic")
	}
}

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestReadJSON(t *testing.T) {
	if _, err := ReadJSON[map[string]int]("testdata/missing.json"); err == nil {
		t.Error("no error for a missing file")
	}
}
