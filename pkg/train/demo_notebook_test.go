package train

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
	"github.com/kosaku-dl/kosaku/kernel/nbrun/nbtest"
)

// timings matches the parts of a progress line that differ between runs.
var timings = regexp.MustCompile(`\d+ examples/s|[0-9.]+ s\b|[0-9hms.]+ left`)

// cellText is a code cell's outputs as text: its standard output and error (joined,
// since Jupyter splits streams into chunks as they arrive), then each display output.
func cellText(c nbrun.Cell) string {
	var b strings.Builder
	b.WriteString("stdout:" + c.Stdout() + "\nstderr:" + c.Stderr() + "\n")
	for _, o := range c.Outputs {
		if o.Type == "stream" {
			continue
		}
		b.WriteString(o.Type + ":")
		for mime, v := range o.Data {
			if mime != "image/png" {
				b.WriteString(mime + ":" + v)
			}
		}
		b.WriteString(o.EName + o.EValue + "\n")
	}
	return b.String()
}

// TestSessionDemoNotebook runs lessons/session-demo.ipynb through the real kernel (in a
// copy, so the session folder lands in a temporary directory): cell 1 trains chapter
// 7's network one epoch, cell 2 — a new program — loads it and prints the same test
// accuracy as cell 1's last line, cell 3 continues to epoch 2. Run twice, the notebook
// saves the same outputs apart from timings.
func TestSessionDemoNotebook(t *testing.T) {
	nbtest.Require(t, "")
	src, err := os.ReadFile("../../lessons/session-demo.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	nb := filepath.Join(dir, "session-demo.ipynb")
	if err := os.WriteFile(nb, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var runs [2][]nbrun.Cell
	for i := range runs {
		// Both runs share the working folder, so the second finds the first one's session.
		res := nbtest.Run(t, nb, nbrun.Options{Output: filepath.Join(dir, "executed.ipynb"), Dir: dir})
		runs[i] = res.Code()
	}
	code := runs[0]
	if len(code) != 5 {
		t.Fatalf("%d code cells", len(code))
	}
	trainOut, evalOut, contOut, histOut := code[1], code[2], code[3], code[4]

	progress := ""
	for _, o := range trainOut.Outputs {
		progress += o.Data["text/html"]
	}
	if !regexp.MustCompile(`^<pre style="margin:0">epoch 1/1  3000/3000 batches  loss 0\.\d{4}  accuracy 0\.\d{4}  \d+ examples/s  [0-9.]+ s</pre>$`).MatchString(progress) {
		t.Errorf("cell 1's final progress output: %q", progress)
	}
	acc := regexp.MustCompile(`(?m)^epoch 1: test accuracy (0\.\d{4})\n$`)
	m := acc.FindStringSubmatch(trainOut.Stdout())
	if m == nil {
		t.Fatalf("cell 1 printed %q", trainOut.Stdout())
	}
	if got := evalOut.Stdout(); got != "epoch 1: test accuracy "+m[1]+"\n" {
		t.Errorf("cell 2 printed %q; cell 1's last line was %q", got, m[0])
	}
	if m[1] < "0.90" {
		t.Errorf("test accuracy %s after one epoch; chapter 7 reaches about 0.91", m[1])
	}
	if out := contOut.Stdout(); !strings.HasPrefix(out, "train: continuing session \"mnist-fc\" after epoch 1\n") ||
		!regexp.MustCompile(`\nepoch 2: test accuracy 0\.\d{4}\n$`).MatchString(out) {
		t.Errorf("cell 3 printed %q", out)
	}
	if lines := strings.Split(strings.TrimSpace(histOut.Stdout()), "\n"); len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "epoch 1: 3000 batches") || !strings.HasPrefix(lines[1], "epoch 2: 3000 batches") {
		t.Errorf("history cell printed %q", histOut.Stdout())
	}
	for i := range code {
		a, b := timings.ReplaceAllString(cellText(runs[0][i]), "T"), timings.ReplaceAllString(cellText(runs[1][i]), "T")
		if a != b {
			t.Errorf("cell %d differs between two runs of the notebook:\n%s\n---\n%s", code[i].Index, a, b)
		}
		if strings.Contains(a, "\x1b") {
			t.Errorf("cell %d: escape codes in the output", code[i].Index)
		}
	}
	saved, err := os.ReadFile(filepath.Join(dir, "executed.ipynb"))
	if err != nil || strings.Contains(string(saved), `\u001b`) {
		t.Errorf("saved notebook: %v, escape codes: %v", err, strings.Contains(string(saved), `\u001b`))
	}
}
