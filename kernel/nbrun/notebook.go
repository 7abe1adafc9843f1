package nbrun

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
)

// Cell is one cell of an executed notebook.
type Cell struct {
	Index          int    // position in the notebook, from 0, markdown cells included
	Type           string // "code", "markdown" or "raw"
	Source         string
	Tags           []string
	Section        string        // metadata kosaku.section: the chapter section the cell belongs to
	ExecutionCount int           // 0 when the cell did not run
	Outputs        []Output      // code cells only
	Duration       time.Duration // wall time from execute request to idle; 0 if it did not run
}

// Output is one output of a code cell, with ANSI escapes already removed.
type Output struct {
	Type      string            // "stream", "display_data", "execute_result" or "error"
	Name      string            // stream name: "stdout" or "stderr"
	Text      string            // stream text
	Data      map[string]string // display data by MIME type; images are base64 as saved
	EName     string            // error name
	EValue    string            // error value
	Traceback []string          // error traceback lines
}

// Stdout returns everything the cell printed to standard output.
func (c Cell) Stdout() string { return c.stream("stdout") }

// Stderr returns everything the cell printed to standard error.
func (c Cell) Stderr() string { return c.stream("stderr") }

func (c Cell) stream(name string) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == name {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// PNGs returns the decoded image/png outputs of the cell, in order.
func (c Cell) PNGs() ([][]byte, error) {
	var out [][]byte
	for _, o := range c.Outputs {
		s, ok := o.Data["image/png"]
		if !ok {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(s, "\n", ""))
		if err != nil {
			return nil, fmt.Errorf("cell %d: image/png output is not base64: %w", c.Index, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// HasTag reports whether the cell carries the metadata tag.
func (c Cell) HasTag(tag string) bool {
	for _, t := range c.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// ansi matches CSI sequences (colours, cursor moves) and OSC sequences
// (titles, hyperlinks), the escapes GoNB and Go programs emit.
var ansi = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]`)

// StripANSI removes terminal escape sequences from s.
func StripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

// notebook is the saved JSON kept as generic values, so fields this package
// does not know survive the round trip.
type notebook map[string]any

func readNotebook(path string) (notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading notebook: %w", err)
	}
	var nb notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s is not a notebook (JSON): %w", path, err)
	}
	if _, ok := nb["cells"].([]any); !ok {
		return nil, fmt.Errorf("%s is not a notebook: no cells list", path)
	}
	return nb, nil
}

// write saves nb the way nbformat does (sorted keys, one-space indent, no
// HTML escaping, trailing newline), so a re-run gives a minimal diff.
func (nb notebook) write(path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(map[string]any(nb)); err != nil {
		return fmt.Errorf("encoding notebook: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing notebook: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing notebook: %w", err)
	}
	return nil
}

// joinText reads a multiline field, saved either as a string or as a list of
// lines.
func joinText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var b strings.Builder
		for _, s := range t {
			if s, ok := s.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	}
	return ""
}

// splitLines stores text as nbformat does: a list of lines keeping their "\n".
func splitLines(s string) []any {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	out := make([]any, len(lines))
	for i, l := range lines {
		out[i] = l
	}
	return out
}

// ReadCells reads the notebook at path as saved, without running it: what a
// reader sees before executing anything (the committed outputs).
func ReadCells(path string) ([]Cell, error) {
	nb, err := readNotebook(path)
	if err != nil {
		return nil, err
	}
	return nb.cells(), nil
}

// goHighlighting sets language_info so exports highlight Go: GoNB's
// kernel_info leaves pygments_lexer and codemirror_mode empty, and nbclient
// copies that into every notebook it runs (nbconvert then highlights Go as
// Python).
func (nb notebook) goHighlighting() {
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	li, _ := md["language_info"].(map[string]any)
	if li == nil {
		li = map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"}
		md["language_info"] = li
	}
	if name, _ := li["name"].(string); name != "go" {
		return
	}
	li["pygments_lexer"] = "go"
	li["codemirror_mode"] = "go"
}

// cleanOutputs strips ANSI escapes from the text of every output, in place.
func (nb notebook) cleanOutputs() {
	for _, c := range nb["cells"].([]any) {
		cell, _ := c.(map[string]any)
		outs, _ := cell["outputs"].([]any)
		for _, o := range outs {
			out, _ := o.(map[string]any)
			if out == nil {
				continue
			}
			if t, ok := out["text"]; ok {
				out["text"] = splitLines(StripANSI(joinText(t)))
			}
			if ev, ok := out["evalue"].(string); ok {
				out["evalue"] = StripANSI(ev)
			}
			if tb, ok := out["traceback"].([]any); ok {
				for i, l := range tb {
					if s, ok := l.(string); ok {
						tb[i] = StripANSI(s)
					}
				}
			}
			if data, ok := out["data"].(map[string]any); ok {
				if t, ok := data["text/plain"]; ok {
					data["text/plain"] = splitLines(StripANSI(joinText(t)))
				}
			}
		}
	}
}

// cells converts the generic notebook into Cells.
func (nb notebook) cells() []Cell {
	var out []Cell
	for i, c := range nb["cells"].([]any) {
		raw, _ := c.(map[string]any)
		cell := Cell{Index: i}
		cell.Type, _ = raw["cell_type"].(string)
		cell.Source = joinText(raw["source"])
		if md, ok := raw["metadata"].(map[string]any); ok {
			if k, ok := md["kosaku"].(map[string]any); ok {
				cell.Section, _ = k["section"].(string)
			}
			if tags, ok := md["tags"].([]any); ok {
				for _, t := range tags {
					if s, ok := t.(string); ok {
						cell.Tags = append(cell.Tags, s)
					}
				}
			}
		}
		if n, ok := raw["execution_count"].(float64); ok {
			cell.ExecutionCount = int(n)
		}
		outs, _ := raw["outputs"].([]any)
		for _, o := range outs {
			ro, _ := o.(map[string]any)
			if ro == nil {
				continue
			}
			var out Output
			out.Type, _ = ro["output_type"].(string)
			out.Name, _ = ro["name"].(string)
			out.Text = joinText(ro["text"])
			out.EName, _ = ro["ename"].(string)
			out.EValue, _ = ro["evalue"].(string)
			if tb, ok := ro["traceback"].([]any); ok {
				for _, l := range tb {
					if s, ok := l.(string); ok {
						out.Traceback = append(out.Traceback, s)
					}
				}
			}
			if data, ok := ro["data"].(map[string]any); ok {
				out.Data = make(map[string]string, len(data))
				for mime, v := range data {
					if s := joinText(v); s != "" {
						out.Data[mime] = s
					} else if v != nil {
						// JSON outputs (application/json) keep their encoding.
						b, _ := json.Marshal(v)
						out.Data[mime] = string(b)
					}
				}
			}
			cell.Outputs = append(cell.Outputs, out)
		}
		out = append(out, cell)
	}
	return out
}
