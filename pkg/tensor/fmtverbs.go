package tensor

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Format makes *Tensor a fmt.Formatter, so that the fmt verbs a Go reader reaches for
// print what print() and Python's % formatting print in the chapters:
//
//   - %v and %s (and %+v, %#v) print String(), PyTorch's str(tensor); a width pads it.
//   - A number verb on a one-element tensor formats its value as Go formats the number:
//     fmt.Printf("%d", correct.Sum()) prints 108, fmt.Printf("%.4f", loss) prints 0.0691
//     (float32 values are formatted as float32, so %g and %v-like shortest forms do not
//     show float64 noise). Integer and bool tensors take %d, %x, %o, %b, %c and the float
//     verbs (%f, %e, %g on the value converted to float); bool tensors also take %t.
//   - %d, %o, %c and %U on a float tensor print an integral value as an integer (%d of
//     2.0 is 2); a value with a fraction prints Go's bad-verb form %!d(float32=0.5), so a
//     rounding surprise is never hidden.
//   - A number verb on a tensor of several elements formats each element that way inside
//     PyTorch-like brackets on one line: %.2f of [[1, 2], [3, 4]] prints
//     [[1.00, 2.00], [3.00, 4.00]].
//   - Other verbs print Go's bad-verb form, %!q(*tensor.Tensor=tensor(...)).
func (t *Tensor) Format(s fmt.State, verb rune) {
	if t == nil {
		io.WriteString(s, "<nil>")
		return
	}
	switch verb {
	case 'v', 's':
		writePadded(s, t.String())
		return
	case 'd', 'o', 'O', 'x', 'X', 'b', 'c', 'U', 'e', 'E', 'f', 'F', 'g', 'G', 't':
	default:
		fmt.Fprintf(s, "%%!%c(*tensor.Tensor=%s)", verb, t.String())
		return
	}
	dir := directive(s, verb)
	if t.Numel() == 1 {
		io.WriteString(s, t.elemString(dir, verb, 0))
		return
	}
	var sb strings.Builder
	t.writeNested(&sb, dir, verb, 0, 0)
	io.WriteString(s, sb.String())
}

// writePadded writes str honouring the width and '-' flag of s.
func writePadded(s fmt.State, str string) {
	w, ok := s.Width()
	if !ok || len(str) >= w {
		io.WriteString(s, str)
		return
	}
	pad := strings.Repeat(" ", w-len(str))
	if s.Flag('-') {
		io.WriteString(s, str+pad)
	} else {
		io.WriteString(s, pad+str)
	}
}

// directive rebuilds the fmt directive (flags, width, precision, verb) that s carries.
func directive(s fmt.State, verb rune) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, f := range "+-# 0" {
		if s.Flag(int(f)) {
			b.WriteRune(f)
		}
	}
	if w, ok := s.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if p, ok := s.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(p))
	}
	b.WriteRune(verb)
	return b.String()
}

// intOnlyVerb reports the verbs Go's fmt rejects for floats.
func intOnlyVerb(verb rune) bool {
	switch verb {
	case 'd', 'o', 'O', 'c', 'U':
		return true
	}
	return false
}

// elemString formats the element at flat offset off with directive dir.
func (t *Tensor) elemString(dir string, verb rune, off int) string {
	switch t.dtype {
	case Float32:
		v := t.f32[off]
		if intOnlyVerb(verb) && v == float32(math.Trunc(float64(v))) && math.Abs(float64(v)) < 1<<63 {
			return fmt.Sprintf(dir, int64(v))
		}
		return fmt.Sprintf(dir, v)
	case Float64:
		v := t.f64[off]
		if intOnlyVerb(verb) && v == math.Trunc(v) && math.Abs(v) < 1<<63 {
			return fmt.Sprintf(dir, int64(v))
		}
		return fmt.Sprintf(dir, v)
	case Int64:
		if isFloatVerb(verb) {
			return fmt.Sprintf(dir, float64(t.i64[off]))
		}
		return fmt.Sprintf(dir, t.i64[off])
	case Int32:
		if isFloatVerb(verb) {
			return fmt.Sprintf(dir, float64(t.i32[off]))
		}
		return fmt.Sprintf(dir, t.i32[off])
	default:
		b := t.b[off]
		switch {
		case verb == 't':
			return fmt.Sprintf(dir, b)
		case isFloatVerb(verb):
			return fmt.Sprintf(dir, t.at(off))
		}
		n := 0
		if b {
			n = 1
		}
		return fmt.Sprintf(dir, n)
	}
}

func isFloatVerb(verb rune) bool {
	switch verb {
	case 'e', 'E', 'f', 'F', 'g', 'G':
		return true
	}
	return false
}

// writeNested writes the elements of dims [d:] starting at flat offset off as nested
// brackets: [[1.00, 2.00], [3.00, 4.00]].
func (t *Tensor) writeNested(sb *strings.Builder, dir string, verb rune, d, off int) {
	if d == len(t.shape) {
		sb.WriteString(t.elemString(dir, verb, off))
		return
	}
	inner := numelOf(t.shape[d+1:])
	sb.WriteByte('[')
	for i := 0; i < t.shape[d]; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		t.writeNested(sb, dir, verb, d+1, off+i*inner)
	}
	sb.WriteByte(']')
}
