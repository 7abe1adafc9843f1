package tensorcodec

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The state-dict layout (nn.Save), version 1. All integers are little endian.
//
//	magic    8 bytes  "KOSAKUSD"
//	version  uint32   1
//	count    uint32   number of tensors
//	count times:
//	  nameLen uint32, name (UTF-8, nameLen bytes)
//	  dtype   uint8   1 float32, 2 float64, 3 int64, 4 int32, 5 bool
//	  ndim    uint32, then ndim dims as uint64
//	  data    the elements (see the package doc)
//	crc32    uint32   IEEE CRC-32 of every byte before it
const (
	stateMagic   = "KOSAKUSD"
	stateVersion = 1
	maxNameLen   = 1 << 16
)

// stateDictKind leads every error about a state-dict file's contents.
const stateDictKind kind = "not a valid Kosaku state dict"

// Named is one tensor of a state dict with its name.
type Named struct {
	Name   string
	Tensor *tensor.Tensor
}

// WriteStateDict writes the tensors, in order, as a state-dict file.
func WriteStateDict(w io.Writer, tensors []Named) error {
	cw := newWriter(w)
	le := binary.LittleEndian
	b := append(cw.buf[:0], stateMagic...)
	b = le.AppendUint32(b, stateVersion)
	cw.write(le.AppendUint32(b, uint32(len(tensors))))
	for _, e := range tensors {
		dt, ok := byDType(e.Tensor.DType())
		if !ok {
			return fmt.Errorf("tensor %s has dtype %v, which a state dict cannot hold", e.Name, e.Tensor.DType())
		}
		b := le.AppendUint32(cw.buf[:0], uint32(len(e.Name)))
		b = append(b, e.Name...)
		b = append(b, dt.code)
		b = le.AppendUint32(b, uint32(e.Tensor.Dim()))
		for _, d := range e.Tensor.Shape() {
			b = le.AppendUint64(b, uint64(d))
		}
		cw.write(b)
		cw.tensor(e.Tensor)
	}
	return cw.close()
}

// ReadStateDict reads a state-dict file of size bytes from r into new tensors, in file
// order. Anything malformed gives an error matching ErrCorrupt — a checksum mismatch
// first, since damage can make any field look wrong — and a version above 1 one
// matching ErrNewerFormat.
func ReadStateDict(r io.Reader, size int64) ([]Named, error) {
	rd := newReader(r, size, stateDictKind)
	if size < int64(len(stateMagic))+12 || string(rd.peek(len(stateMagic))) != stateMagic {
		return nil, stateDictKind.errorf("it does not start with %q", stateMagic)
	}
	out, err := readStateDict(rd)
	if err = rd.finish(err); err != nil {
		return nil, err
	}
	return out, nil
}

func readStateDict(r *reader) ([]Named, error) {
	head := make([]byte, len(stateMagic)+8)
	if err := r.read(head); err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	if v := le.Uint32(head[len(stateMagic):]); v != stateVersion {
		if v > stateVersion {
			return nil, &NewerFormatError{Version: int(v), Newest: stateVersion}
		}
		return nil, fmt.Errorf("version %d, this Kosaku reads version %d", v, stateVersion)
	}
	count := le.Uint32(head[len(stateMagic)+4:])
	var out []Named
	seen := make(map[string]bool)
	for i := uint32(0); i < count; i++ {
		nameLen, err := r.u32()
		if err != nil {
			return nil, err
		}
		if nameLen > maxNameLen {
			return nil, fmt.Errorf("entry %d has a name of %d bytes", i, nameLen)
		}
		name := make([]byte, nameLen+5) // the name, its dtype code and ndim
		if err := r.read(name); err != nil {
			return nil, err
		}
		code, ndim := name[nameLen], le.Uint32(name[nameLen+1:])
		key := string(name[:nameLen])
		dt, ok := byCode(code)
		if !ok {
			return nil, fmt.Errorf("tensor %s has unknown dtype code %d", key, code)
		}
		if ndim > maxDims {
			return nil, fmt.Errorf("tensor %s has %d dimensions", key, ndim)
		}
		shape := make([]int, ndim)
		for d := range shape {
			v, err := r.u64()
			if err != nil {
				return nil, err
			}
			// A larger dimension is a lie (no tensor of Kosaku's has one) and would
			// overflow int on the way to the shape.
			if v > math.MaxInt32 {
				return nil, fmt.Errorf("tensor %s has dimension %d of size %d, more than the file holds", key, d, v)
			}
			shape[d] = int(v)
		}
		if seen[key] {
			return nil, fmt.Errorf("tensor %s appears twice", key)
		}
		seen[key] = true
		t, err := r.tensor(key, dt, shape)
		if err != nil {
			return nil, err
		}
		out = append(out, Named{key, t})
	}
	if r.left != 0 {
		return nil, fmt.Errorf("%d unexpected bytes after the last tensor", r.left)
	}
	return out, nil
}
