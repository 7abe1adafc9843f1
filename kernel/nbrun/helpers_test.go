package nbrun_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// cell is a notebook cell for tests: code unless md is set.
type cell struct {
	src  string
	md   bool
	tags []string
}

// writeNotebook saves cells as an nbformat 4 notebook for the kosaku kernel.
func writeNotebook(t testing.TB, dir, name string, cells ...cell) string {
	t.Helper()
	var raw []any
	for _, c := range cells {
		m := map[string]any{"metadata": map[string]any{}, "source": c.src}
		if c.tags != nil {
			m["metadata"] = map[string]any{"tags": c.tags}
		}
		if c.md {
			m["cell_type"] = "markdown"
		} else {
			m["cell_type"] = "code"
			m["execution_count"] = nil
			m["outputs"] = []any{}
		}
		raw = append(raw, m)
	}
	nb := map[string]any{
		"cells": raw,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "kosaku", "display_name": "Go (Kosaku)", "language": "go"},
			"language_info": map[string]any{"name": "go"},
		},
		"nbformat": 4, "nbformat_minor": 5,
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// kernelNotebook, for a test that runs a notebook of its own through the
// kernel, skips t (or fails it) as nbtest.Require does unless the kernel is
// installed, then writes cells as the notebook name in a new temporary folder
// (its symlinks resolved) and returns the folder and the notebook's path.
func kernelNotebook(t testing.TB, name string, cells ...cell) (dir, path string) {
	t.Helper()
	nbtest.Require(t, "")
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir, writeNotebook(t, dir, name, cells...)
}

// repoRoot is the checkout this test runs in (two levels up from kernel/nbrun).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from %s: %v", root, err)
	}
	root, _ = filepath.EvalSymlinks(root)
	return root
}
