package tensor

import (
	"math"
	"strconv"
	"strings"
)

// PyTorch's default print options (torch/_tensor_str.py, PRINT_OPTS).
const (
	printPrecision = 4
	printThreshold = 1000
	printEdgeItems = 3
	printLineWidth = 80
)

// formatter mirrors torch._tensor_str._Formatter: it scans the (summarised) values once
// to choose integer, fixed or scientific mode and a common width.
type formatter struct {
	t        *Tensor
	floating bool
	isBool   bool
	intMode  bool
	sciMode  bool
	maxWidth int
}

// pyFixed formats v as Python's "%.*f" does, nan and inf included.
func pyFixed(v float64, prec int) string { return pyFloat(v, 'f', prec) }

// pySci formats v as Python's "%.*e" does, nan and inf included.
func pySci(v float64, prec int) string { return pyFloat(v, 'e', prec) }

func pyFloat(v float64, verb byte, prec int) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, verb, prec, 64)
}

// newFormatter scans the elements of t at the flat offsets offs.
func newFormatter(t *Tensor, offs []int) *formatter {
	dt := t.dtype
	f := &formatter{t: t, floating: dt.IsFloat(), isBool: dt == Bool, intMode: true, maxWidth: 1}
	if !f.floating {
		for _, o := range offs {
			f.maxWidth = max(f.maxWidth, len(f.plain(o)))
		}
		return f
	}
	var nz []float64
	for _, o := range offs {
		if v := t.at(o); v != 0 && !math.IsNaN(v) && !math.IsInf(v, 0) {
			nz = append(nz, v)
		}
	}
	if len(nz) == 0 {
		return f
	}
	minA, maxA := math.Inf(1), 0.0
	for _, v := range nz {
		a := math.Abs(v)
		minA = min(minA, a)
		maxA = max(maxA, a)
		if v != math.Ceil(v) {
			f.intMode = false
		}
	}
	if f.intMode {
		if maxA/minA > 1000 || maxA > 1e8 {
			f.sciMode = true
			for _, v := range nz {
				f.maxWidth = max(f.maxWidth, len(pySci(v, printPrecision)))
			}
		} else {
			for _, v := range nz {
				f.maxWidth = max(f.maxWidth, len(pyFixed(v, 0))+1)
			}
		}
		return f
	}
	if maxA/minA > 1000 || maxA > 1e8 || minA < 1e-4 {
		f.sciMode = true
		for _, v := range nz {
			f.maxWidth = max(f.maxWidth, len(pySci(v, printPrecision)))
		}
	} else {
		for _, v := range nz {
			f.maxWidth = max(f.maxWidth, len(pyFixed(v, printPrecision)))
		}
	}
	return f
}

// plain is Python's "{}".format for ints and bools, read from storage without going
// through float64 (int64 values above 2^53 print exactly).
func (f *formatter) plain(off int) string {
	switch f.t.dtype {
	case Bool:
		if f.t.b[off] {
			return "True"
		}
		return "False"
	case Int64:
		return strconv.FormatInt(f.t.i64[off], 10)
	}
	return strconv.FormatInt(int64(f.t.i32[off]), 10)
}

// format renders the element at flat offset off, padded to the common width.
func (f *formatter) format(off int) string {
	var s string
	v := 0.0
	if f.floating {
		v = f.t.at(off)
	}
	switch {
	case !f.floating:
		s = f.plain(off)
	case f.sciMode:
		s = pySci(v, printPrecision)
	case f.intMode:
		s = pyFixed(v, 0)
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			s += "."
		}
	default:
		s = pyFixed(v, printPrecision)
	}
	if pad := f.maxWidth - len(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// view is a read-only window on t's values used while printing: offset and shape.
type view struct {
	t     *Tensor
	off   int
	shape []int
}

func (v view) sub(i int) view {
	return view{t: v.t, off: v.off + i*numelOf(v.shape[1:]), shape: v.shape[1:]}
}

// summarized collects the flat offsets of the values PyTorch's get_summarized_data keeps
// (edge items only).
func summarized(v view, summarize bool, out []int) []int {
	if len(v.shape) == 0 {
		return append(out, v.off)
	}
	n := v.shape[0]
	if summarize && n > 2*printEdgeItems {
		for i := 0; i < printEdgeItems; i++ {
			out = summarized(v.sub(i), summarize, out)
		}
		for i := n - printEdgeItems; i < n; i++ {
			out = summarized(v.sub(i), summarize, out)
		}
		return out
	}
	for i := 0; i < n; i++ {
		out = summarized(v.sub(i), summarize, out)
	}
	return out
}

func vectorStr(v view, indent int, summarize bool, f *formatter) string {
	elemLen := f.maxWidth + 2
	perLine := max(1, (printLineWidth-indent)/elemLen)
	n := v.shape[0]
	var data []string
	if summarize && n > 2*printEdgeItems {
		for i := 0; i < printEdgeItems; i++ {
			data = append(data, f.format(v.off+i))
		}
		data = append(data, " ...")
		for i := n - printEdgeItems; i < n; i++ {
			data = append(data, f.format(v.off+i))
		}
	} else {
		for i := 0; i < n; i++ {
			data = append(data, f.format(v.off+i))
		}
	}
	var lines []string
	for i := 0; i < len(data); i += perLine {
		lines = append(lines, strings.Join(data[i:min(i+perLine, len(data))], ", "))
	}
	return "[" + strings.Join(lines, ",\n"+strings.Repeat(" ", indent+1)) + "]"
}

func tensorStrWith(v view, indent int, summarize bool, f *formatter) string {
	dim := len(v.shape)
	if dim == 0 {
		return f.format(v.off)
	}
	if dim == 1 {
		return vectorStr(v, indent, summarize, f)
	}
	n := v.shape[0]
	var slices []string
	if summarize && n > 2*printEdgeItems {
		for i := 0; i < printEdgeItems; i++ {
			slices = append(slices, tensorStrWith(v.sub(i), indent+1, summarize, f))
		}
		slices = append(slices, "...")
		for i := n - printEdgeItems; i < n; i++ {
			slices = append(slices, tensorStrWith(v.sub(i), indent+1, summarize, f))
		}
	} else {
		for i := 0; i < n; i++ {
			slices = append(slices, tensorStrWith(v.sub(i), indent+1, summarize, f))
		}
	}
	sep := "," + strings.Repeat("\n", dim-1) + strings.Repeat(" ", indent+1)
	return "[" + strings.Join(slices, sep) + "]"
}

func tensorStr(t *Tensor, indent int) string {
	if t.Numel() == 0 {
		return "[]"
	}
	summarize := t.Numel() > printThreshold
	v := view{t: t, shape: t.shape}
	f := newFormatter(t, summarized(v, summarize, nil))
	return tensorStrWith(v, indent, summarize, f)
}

func addSuffixes(s string, suffixes []string, indent int) string {
	var sb strings.Builder
	sb.WriteString(s)
	lastLineLen := len(s) - strings.LastIndex(s, "\n") + 1
	for _, suf := range suffixes {
		if lastLineLen+len(suf)+2 > printLineWidth {
			sb.WriteString(",\n" + strings.Repeat(" ", indent) + suf)
			lastLineLen = indent + len(suf)
		} else {
			sb.WriteString(", " + suf)
			lastLineLen += len(suf) + 2
		}
	}
	sb.WriteString(")")
	return sb.String()
}

// pyTuple formats a shape as Python's tuple: (0,), (0, 3).
func pyTuple(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// String renders t exactly as PyTorch 1.13's str(tensor): precision 4, integer / fixed /
// scientific mode chosen from the values, dtype suffix for non-default dtypes, grad_fn or
// requires_grad, summarisation with "..." above 1000 elements, and the
// "Parameter containing:" header for parameters.
func (t *Tensor) String() string {
	const prefix = "tensor("
	indent := len(prefix)
	var suffixes []string
	var body string
	defaultDType := t.dtype == Float32 || t.dtype == Int64 || t.dtype == Bool
	if t.Numel() == 0 {
		if t.Dim() != 1 {
			suffixes = append(suffixes, "size="+pyTuple(t.shape))
		}
		if t.dtype != Float32 {
			suffixes = append(suffixes, "dtype="+t.dtype.String())
		}
		body = "[]"
	} else {
		if !defaultDType {
			suffixes = append(suffixes, "dtype="+t.dtype.String())
		}
		body = tensorStr(t, indent)
	}
	if t.fn != nil {
		suffixes = append(suffixes, "grad_fn=<"+t.fn.name+">")
	} else if t.requiresGrad {
		suffixes = append(suffixes, "requires_grad=True")
	}
	s := addSuffixes(prefix+body, suffixes, indent)
	if t.isParam {
		s = "Parameter containing:\n" + s
	}
	return s
}
