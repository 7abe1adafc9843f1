package nbrun_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// TestEveryLessonRuns executes every notebook in lessons/ through the kernel:
// no cell may fail, every chart cell must save an image/png, and the committed
// notebook must carry outputs (readers see them on GitHub and nbviewer before
// running anything). Each notebook's values are checked by its own test.
func TestEveryLessonRuns(t *testing.T) {
	nbtest.Require(t, "")
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "lessons", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks in lessons/ (%v)", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if n := committedOutputs(t, path); n == 0 {
				t.Errorf("%s is committed without outputs: run `make notebooks` and commit the result", path)
			}
			res := nbtest.Run(t, path, nbrun.Options{})
			nbtest.CheckCharts(t, res)
			for _, c := range res.Code() {
				if c.ExecutionCount == 0 && c.Source != "" {
					t.Errorf("cell %d did not run", c.Index)
				}
			}
		})
	}
}

// committedOutputs counts the outputs saved in the notebook file as committed.
func committedOutputs(t *testing.T, path string) int {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []json.RawMessage `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s is not a notebook: %v", path, err)
	}
	n := 0
	for _, c := range nb.Cells {
		n += len(c.Outputs)
	}
	return n
}
