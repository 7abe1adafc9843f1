package nbrun_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// chapterNotebook matches the ten chapter lessons' file names (01-… to 10-…).
var chapterNotebook = regexp.MustCompile(`^(0[1-9]|10)-[a-z0-9-]+\.ipynb$`)

// TestEveryLessonRuns executes every notebook in lessons/ through the kernel:
// no cell may fail, every chart cell must save an image/png, the committed
// notebook must carry outputs (readers see them on GitHub and nbviewer before
// running anything), and those outputs must be what the run prints now
// (timings aside). A chapter's values are then checked: the lines it must
// print, from testdata/lines/<notebook>.lines (chapterLines), and its own
// function in chapterChecks (chapter files register theirs with an init
// function).
func TestEveryLessonRuns(t *testing.T) {
	nbtest.Require(t, "")
	for _, path := range lessonPaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			committed, err := nbrun.ReadCells(path)
			if err != nil {
				t.Fatal(err)
			}
			if n := countOutputs(committed); n == 0 {
				t.Errorf("%s is committed without outputs: run `make notebooks` and commit the result", path)
			}
			// nbrun runs the kernel in a temporary folder, so sessions and
			// files a lesson writes never land in the checkout.
			res := nbtest.Run(t, path, nbrun.Options{})
			nbtest.CheckCharts(t, res)
			for _, c := range res.Code() {
				if c.ExecutionCount == 0 && c.Source != "" {
					t.Errorf("cell %d did not run", c.Index)
				}
			}
			compareWithCommitted(t, committed, res.Cells)
			base := filepath.Base(path)
			lines := chapterLines(t, base)
			if lines != nil {
				wantLines(t, stdout(res.Cells), lines...)
			}
			check, ok := chapterChecks[base]
			if ok {
				check(t, res.Cells)
			}
			if lines == nil && !ok && chapterNotebook.MatchString(base) {
				t.Errorf("%s has neither testdata/lines/%s.lines nor an entry in chapterChecks: every chapter's values are checked", path, strings.TrimSuffix(base, ".ipynb"))
			}
		})
	}
}

// TestLessonConventions checks what every chapter notebook promises without
// running it: the kernel it asks for, Go highlighting in exports, the chapter
// section of every code cell, and no machine-specific text in its outputs.
func TestLessonConventions(t *testing.T) {
	n := 0
	for _, path := range lessonPaths(t) {
		base := filepath.Base(path)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var nb struct {
			Metadata struct {
				Kernelspec struct {
					Name string `json:"name"`
				} `json:"kernelspec"`
				LanguageInfo struct {
					Name           string `json:"name"`
					PygmentsLexer  string `json:"pygments_lexer"`
					CodemirrorMode any    `json:"codemirror_mode"`
				} `json:"language_info"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(raw, &nb); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		li := nb.Metadata.LanguageInfo
		if nb.Metadata.Kernelspec.Name != "kosaku" || li.Name != "go" || li.PygmentsLexer != "go" || li.CodemirrorMode != "go" {
			t.Errorf("%s: kernelspec %q, language_info name %q pygments_lexer %q codemirror_mode %v; want kosaku, go, go, go",
				base, nb.Metadata.Kernelspec.Name, li.Name, li.PygmentsLexer, li.CodemirrorMode)
		}
		if !chapterNotebook.MatchString(base) {
			continue
		}
		n++
		cells, err := nbrun.ReadCells(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cells {
			if c.Type != "code" {
				continue
			}
			if strings.TrimSpace(c.Section) == "" {
				first, _, _ := strings.Cut(c.Source, "\n")
				t.Errorf("%s: code cell %d (%q) has no kosaku.section metadata", base, c.Index, first)
			}
			for _, o := range c.Outputs {
				text := o.Text + o.Data["text/plain"] + o.EValue
				if m := machineText.FindString(text); m != "" {
					t.Errorf("%s: cell %d output holds machine-specific text %q", base, c.Index, m)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no chapter notebooks (lessons/01-….ipynb …) found")
	}
}

// machineText finds absolute paths of this or any machine in an output.
var machineText = regexp.MustCompile(`(/home/|/root/|/tmp/|/work/|/Users/|/opt/|/var/folders/)\S*`)

// timing matches the durations a progress line or a timer prints, which
// differ from run to run.
var timing = regexp.MustCompile(`\d+(\.\d+)?\s?(ns|µs|us|ms|s|m|h)\b|\d+m\d+(\.\d+)?s|\d+:\d\d(:\d\d)?`)

func comparable(s string) string { return timing.ReplaceAllString(s, "<t>") }

// Tags of the MNIST lessons' cells, for runs shortened by $KOSAKU_EPOCHS
// (train.MaxEpochs): a training cell's shortened output must be the beginning
// of the committed full run's (same seed, same numbers), and a cell that uses
// the trained model cannot equal the full run's, so its values are checked
// against the shortened floors of its chapter's check instead.
const (
	tagTraining = "kosaku-training"
	tagTrained  = "kosaku-trained"
)

// quickRun reports whether this run is shortened by $KOSAKU_EPOCHS.
func quickRun() bool { return os.Getenv("KOSAKU_EPOCHS") != "" }

// compareWithCommitted fails t where a code cell's text outputs or its
// number of images differ between the committed notebook and this run.
func compareWithCommitted(t *testing.T, committed, run []nbrun.Cell) {
	t.Helper()
	quick := quickRun()
	if len(committed) != len(run) {
		t.Errorf("committed notebook has %d cells, the run %d", len(committed), len(run))
		return
	}
	for i, c := range committed {
		if c.Type != "code" {
			continue
		}
		r := run[i]
		if quick && c.HasTag(tagTrained) {
			continue
		}
		if quick && c.HasTag(tagTraining) {
			old, next := comparable(c.Stdout()), comparable(r.Stdout())
			if next == "" || !strings.HasPrefix(old, next) {
				t.Errorf("cell %d (training, shortened by KOSAKU_EPOCHS) printed lines that are not the beginning of the committed full run:\ncommitted:\n%s\nnow:\n%s", i, c.Stdout(), r.Stdout())
			}
			continue
		}
		for _, stream := range []struct {
			name      string
			old, next string
		}{
			{"stdout", c.Stdout(), r.Stdout()},
			{"stderr", c.Stderr(), r.Stderr()},
		} {
			if comparable(stream.old) != comparable(stream.next) {
				t.Errorf("cell %d %s differs from the committed output (run `make notebooks`, or find what is not reproducible):\ncommitted:\n%s\nnow:\n%s",
					i, stream.name, stream.old, stream.next)
			}
		}
		oldPNG, _ := c.PNGs()
		newPNG, _ := r.PNGs()
		if len(oldPNG) != len(newPNG) {
			t.Errorf("cell %d: committed with %d images, the run saved %d", i, len(oldPNG), len(newPNG))
		}
	}
}

func lessonPaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "lessons", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks in lessons/ (%v)", err)
	}
	return paths
}

func countOutputs(cells []nbrun.Cell) int {
	n := 0
	for _, c := range cells {
		n += len(c.Outputs)
	}
	return n
}
