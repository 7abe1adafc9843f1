package nbrun

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed driver.py
var driver string

// DefaultKernel is the kernel spec docker/install.sh registers.
const DefaultKernel = "kosaku"

// Options tune Run. The zero value runs with the kosaku kernel, writes the
// executed notebook back in place and allows 10 minutes per cell.
type Options struct {
	Kernel         string        // kernel spec name; DefaultKernel when empty
	Output         string        // where to save the executed notebook; the input path when empty
	Dir            string        // the kernel's working folder; when empty a temporary one, removed after the run
	CellTimeout    time.Duration // per cell; 10 minutes when zero
	StartupTimeout time.Duration // kernel start; 60 s when zero
	Env            []string      // extra KEY=VALUE for the kernel, on top of os.Environ()
	Python         string        // Python with nbclient; see FindPython when empty
	Stderr         io.Writer     // receives Jupyter's and the kernel's log lines; discarded when nil
}

// Result is an executed notebook.
type Result struct {
	Path        string        // where the executed notebook was saved
	Cells       []Cell        // every cell, markdown included, outputs cleaned of ANSI escapes
	KernelStart time.Duration // from launching Jupyter's client to the first cell
	Total       time.Duration
}

// Code returns the code cells in order.
func (r *Result) Code() []Cell {
	var out []Cell
	for _, c := range r.Cells {
		if c.Type == "code" {
			out = append(out, c)
		}
	}
	return out
}

// CellError is returned when a cell fails: the notebook was still saved with
// the outputs of every cell up to and including the failing one.
type CellError struct {
	Index   int    // position of the failing cell in the notebook, from 0
	Source  string // its source
	Message string // error name, value and traceback, or what the kernel showed
	Saved   string // path of the saved notebook
}

func (e *CellError) Error() string {
	first, _, _ := strings.Cut(strings.TrimSpace(e.Source), "\n")
	return fmt.Sprintf("notebook cell %d (%q) failed; outputs saved in %s:\n%s", e.Index, first, e.Saved, e.Message)
}

type driverReport struct {
	Cells       map[string]float64 `json:"cells"`
	KernelStart *float64           `json:"kernel_start"`
	Error       *struct {
		Cell    int    `json:"cell"`
		Message string `json:"message"`
	} `json:"error"`
}

// Run executes the notebook at path through a Jupyter kernel (nbclient under
// Python), saves it with its outputs, and returns the cells. Each run gets its
// own TMPDIR, so GoNB's cache and work files never leak between runs. A cell
// that fails, unless tagged raises-exception, stops the run with a *CellError.
func Run(ctx context.Context, path string, opt Options) (*Result, error) {
	start := time.Now()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if opt.Kernel == "" {
		opt.Kernel = DefaultKernel
	}
	if opt.Output == "" {
		opt.Output = abs
	}
	if opt.CellTimeout == 0 {
		opt.CellTimeout = 10 * time.Minute
	}
	if opt.StartupTimeout == 0 {
		opt.StartupTimeout = 60 * time.Second
	}
	if opt.Python == "" {
		if opt.Python, err = FindPython(); err != nil {
			return nil, err
		}
	}
	if opt.Stderr == nil {
		opt.Stderr = io.Discard
	}

	tmp, err := os.MkdirTemp("", "nbrun-")
	if err != nil {
		return nil, fmt.Errorf("creating the run's TMPDIR: %w", err)
	}
	defer os.RemoveAll(tmp)
	raw := filepath.Join(tmp, "executed.ipynb")
	script := filepath.Join(tmp, "driver.py")
	if err := os.WriteFile(script, []byte(driver), 0o644); err != nil {
		return nil, err
	}
	kernelTmp := filepath.Join(tmp, "tmp")
	if err := os.Mkdir(kernelTmp, 0o755); err != nil {
		return nil, err
	}
	if opt.Dir == "" {
		// Sessions and files a notebook writes go here and are removed with the
		// run: a headless run never writes into the checkout.
		opt.Dir = filepath.Join(tmp, "work")
		if err := os.Mkdir(opt.Dir, 0o755); err != nil {
			return nil, err
		}
	}

	cmd := exec.CommandContext(ctx, opt.Python, script, abs, raw, opt.Kernel, opt.Dir,
		strconv.Itoa(int(opt.CellTimeout.Seconds())), strconv.Itoa(int(opt.StartupTimeout.Seconds())))
	cmd.Dir = opt.Dir
	cmd.Env = append(append(os.Environ(), opt.Env...), "TMPDIR="+kernelTmp, "PYTHONDONTWRITEBYTECODE=1")
	var stdout bytes.Buffer
	var stderr tailBuffer
	cmd.Stdout = &stdout
	cmd.Stderr = io.MultiWriter(opt.Stderr, &stderr)
	// On cancellation interrupt nbclient rather than kill it: it then shuts
	// the kernel down (and GoNB its gopls and cell process). jupyter_client
	// starts kernels in their own session, so a kill would orphan them.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 20 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("running %s: %w (kernel shut down)", path, ctx.Err())
		}
		return nil, fmt.Errorf("running %s through kernel %q failed (%v):\n%s", path, opt.Kernel, err, stderr.String())
	}
	var rep driverReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("nbclient driver gave no report (%v):\n%s%s", err, stdout.String(), stderr.String())
	}

	nb, err := readNotebook(raw)
	if err != nil {
		return nil, err
	}
	nb.cleanOutputs()
	nb.goHighlighting()
	if err := nb.write(opt.Output); err != nil {
		return nil, err
	}
	res := &Result{Path: opt.Output, Cells: nb.cells(), Total: time.Since(start)}
	if rep.KernelStart != nil {
		res.KernelStart = seconds(*rep.KernelStart)
	}
	for k, s := range rep.Cells {
		if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(res.Cells) {
			res.Cells[i].Duration = seconds(s)
		}
	}
	if rep.Error != nil {
		ce := &CellError{Index: rep.Error.Cell, Saved: opt.Output, Message: StripANSI(rep.Error.Message)}
		if ce.Index >= 0 && ce.Index < len(res.Cells) {
			c := res.Cells[ce.Index]
			ce.Source = c.Source
			if shown := shownText(c); shown != "" {
				ce.Message = shown + "\n" + ce.Message
			}
		}
		return res, ce
	}
	return res, nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

var tag = regexp.MustCompile(`(?s)<style.*?</style>|<script.*?</script>|<[^>]*>`)

// shownText is what a failing cell showed: stderr and the text of HTML
// displays (GoNB shows compile errors as HTML unless run with --raw_error).
func shownText(c Cell) string {
	var parts []string
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == "stderr" {
			parts = append(parts, strings.TrimSpace(o.Text))
		}
		if h, ok := o.Data["text/html"]; ok && o.Type != "stream" {
			t := html.UnescapeString(tag.ReplaceAllString(h, ""))
			if t = strings.TrimSpace(t); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n")
}

// FindPython returns a Python that can import nbclient: $KOSAKU_PYTHON, else
// Debian's /usr/bin/python3, else python3 on PATH. (A pyenv or conda python3
// earlier on PATH often lacks the distribution's Jupyter packages.)
func FindPython() (string, error) {
	cands := []string{"/usr/bin/python3", "python3"}
	if p := os.Getenv("KOSAKU_PYTHON"); p != "" {
		cands = []string{p}
	}
	for _, p := range cands {
		if exec.Command(p, "-c", "import nbclient, nbformat").Run() == nil {
			return p, nil
		}
	}
	return "", errors.New("no Python with nbclient found (tried " + strings.Join(cands, ", ") +
		"); install Jupyter: apt-get install python3-nbclient python3-ipykernel jupyter-notebook, or run make lab")
}

// KernelInstalled returns nil if Jupyter knows the kernel spec, else an error
// saying how to install it.
func KernelInstalled(kernel string) error {
	py, err := FindPython()
	if err != nil {
		return err
	}
	out, err := exec.Command(py, "-c",
		"import sys; from jupyter_client.kernelspec import KernelSpecManager as M; print(M().get_kernel_spec(sys.argv[1]).argv[0])",
		kernel).CombinedOutput()
	if err != nil {
		return fmt.Errorf("Jupyter kernel %q is not installed; run docker/install.sh (or make kernel)", kernel)
	}
	bin := strings.TrimSpace(string(out))
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("Jupyter kernel %q points at %s, which is missing; run docker/install.sh (or make kernel)", kernel, bin)
	}
	return nil
}

// CodeDurations returns, in order, the durations of the code cells that ran.
func (r *Result) CodeDurations() []time.Duration {
	var d []time.Duration
	for _, c := range r.Code() {
		if c.Duration > 0 {
			d = append(d, c.Duration)
		}
	}
	return d
}

// Median returns the median of ds (0 for none).
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// tailBuffer keeps the last 64 KiB written, for error messages.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if over := len(t.b) - 64<<10; over > 0 {
		t.b = t.b[over:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.b) }
