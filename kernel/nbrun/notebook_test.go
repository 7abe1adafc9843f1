package nbrun

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestStripANSI(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[1;31mred\x1b[0m plain":           "red plain",
		"\x1b[7;39;32m[2c7280bf]\x1b[0m x":     "[2c7280bf] x",
		"bar \x1b[2K\x1b[1Gdone":               "bar done",
		"\x1b]8;;http://x\x07link\x1b]8;;\x07": "link",
		"\x1b]0;title\x1b\\text":               "text",
		"no escapes\r\n50%":                    "no escapes\r\n50%",
		"\x1b[?25lhidden cursor\x1b[?25h":      "hidden cursor",
		"\x1bMreverse index":                   "reverse index",
	} {
		if got := StripANSI(in); got != want {
			t.Errorf("StripANSI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitJoinLines(t *testing.T) {
	for _, s := range []string{"", "one", "one\n", "a\nb", "a\nb\n", "\n\n"} {
		if got := joinText(splitLines(s)); got != s {
			t.Errorf("joinText(splitLines(%q)) = %q", s, got)
		}
	}
	if got, want := splitLines("a\nb"), []any{"a\n", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("splitLines = %q, want %q", got, want)
	}
}

// TestWriteLikeNbformat: sorted keys, one-space indent, no HTML escaping,
// trailing newline, exactly as nbformat.write saves a notebook.
func TestWriteLikeNbformat(t *testing.T) {
	nb := notebook{
		"nbformat": 4.0, "nbformat_minor": 5.0, "metadata": map[string]any{},
		"cells": []any{map[string]any{
			"cell_type": "code", "execution_count": 1.0, "metadata": map[string]any{}, "source": "a<b",
			"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout",
				"text": []any{"\x1b[31m<b>&\n", "x"}}},
		}},
	}
	nb.cleanOutputs()
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := nb.write(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "<b>&\n",
      "x"
     ]
    }
   ],
   "source": "a<b"
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`
	if string(got) != want {
		t.Errorf("saved\n%s\nwant\n%s", got, want)
	}
	back, err := readNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	cells := back.cells()
	if len(cells) != 1 || cells[0].Stdout() != "<b>&\nx" || cells[0].ExecutionCount != 1 || cells[0].Source != "a<b" {
		t.Errorf("read back %+v", cells)
	}
}

func TestMedian(t *testing.T) {
	if got := Median(nil); got != 0 {
		t.Errorf("Median(nil) = %v", got)
	}
	if got := Median([]time.Duration{5, 1, 3}); got != 3 {
		t.Errorf("Median = %v, want 3", got)
	}
}
