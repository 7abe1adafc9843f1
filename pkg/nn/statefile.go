package nn

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The state-dict file format, version 1. All integers are little-endian.
//
//	magic    8 bytes  "KOSAKUSD"
//	version  uint32   1
//	count    uint32   number of tensors
//	count times:
//	  nameLen uint32, name (UTF-8, nameLen bytes)
//	  dtype   uint8   1 float32, 2 float64, 3 int64, 4 int32, 5 bool
//	  ndim    uint32, then ndim dims as uint64
//	  data    the elements in row-major order: IEEE 754 for floats, two's
//	          complement for ints, one byte 0 or 1 for bools
//	crc32    uint32   IEEE CRC-32 of every byte before it
//
// The checksum catches truncated and damaged files; the decoder checks every length
// against the bytes that remain before allocating, so garbage gives an error, not a
// panic or a huge allocation.
const (
	stateMagic   = "KOSAKUSD"
	stateVersion = 1
	maxNameLen   = 1 << 16
	maxDims      = 32
)

var dtypeCodes = map[tensor.DType]byte{
	tensor.Float32: 1, tensor.Float64: 2, tensor.Int64: 3, tensor.Int32: 4, tensor.Bool: 5,
}

var codeSizes = map[byte]int{1: 4, 2: 8, 3: 8, 4: 4, 5: 1}

// NamedTensor is one entry of a decoded state dict.
type NamedTensor struct {
	Name   string
	Tensor *tensor.Tensor
}

func encodeStateDict(names []string, ts []*tensor.Tensor) []byte {
	size := len(stateMagic) + 12
	for i, t := range ts {
		size += 4 + len(names[i]) + 1 + 4 + 8*t.Dim() + t.Numel()*codeSizes[dtypeCodes[t.DType()]]
	}
	b := make([]byte, 0, size)
	b = append(b, stateMagic...)
	b = binary.LittleEndian.AppendUint32(b, stateVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(ts)))
	for i, t := range ts {
		code, ok := dtypeCodes[t.DType()]
		if !ok {
			panic(fmt.Sprintf("nn.Save: tensor %s has dtype %v, which a state dict cannot hold", names[i], t.DType()))
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(names[i])))
		b = append(b, names[i]...)
		b = append(b, code)
		b = binary.LittleEndian.AppendUint32(b, uint32(t.Dim()))
		for _, d := range t.Shape() {
			b = binary.LittleEndian.AppendUint64(b, uint64(d))
		}
		switch t.DType() {
		case tensor.Float32:
			for _, v := range t.Float32s() {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
			}
		case tensor.Float64:
			for _, v := range t.Float64s() {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		case tensor.Int64:
			for _, v := range t.Int64s() {
				b = binary.LittleEndian.AppendUint64(b, uint64(v))
			}
		case tensor.Int32:
			for _, v := range t.Int32s() {
				b = binary.LittleEndian.AppendUint32(b, uint32(v))
			}
		case tensor.Bool:
			for _, v := range t.Bools() {
				if v {
					b = append(b, 1)
				} else {
					b = append(b, 0)
				}
			}
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// DecodeStateDict parses the bytes of a state-dict file (the format above) into
// tensors, in file order. It never panics: anything malformed gives an error.
func DecodeStateDict(data []byte) ([]NamedTensor, error) {
	if len(data) < len(stateMagic)+12 || string(data[:len(stateMagic)]) != stateMagic {
		return nil, fmt.Errorf("%w: it does not start with %q", errFormat, stateMagic)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch, the file is truncated or damaged (save it again)", errFormat)
	}
	r := reader{b: body[len(stateMagic):]}
	if v := r.u32(); v != stateVersion {
		if v > stateVersion {
			// Not damage: tell the reader to update, not to throw the file away.
			return nil, fmt.Errorf("written by a newer Kosaku (format %d); this one reads up to %d: "+
				"update Kosaku, or save the model again with this one", v, stateVersion)
		}
		return nil, fmt.Errorf("%w: version %d, this Kosaku reads version %d", errFormat, v, stateVersion)
	}
	count := r.u32()
	var out []NamedTensor
	seen := make(map[string]bool)
	for i := uint32(0); i < count && r.err == nil; i++ {
		nameLen := r.u32()
		if nameLen > maxNameLen {
			return nil, fmt.Errorf("%w: entry %d has a name of %d bytes", errFormat, i, nameLen)
		}
		name := string(r.bytes(int(nameLen)))
		code := r.byte()
		size, ok := codeSizes[code]
		if r.err == nil && !ok {
			return nil, fmt.Errorf("%w: tensor %q has unknown dtype code %d", errFormat, name, code)
		}
		ndim := r.u32()
		if ndim > maxDims {
			return nil, fmt.Errorf("%w: tensor %q has %d dimensions", errFormat, name, ndim)
		}
		shape := make([]int, ndim)
		numel := uint64(1)
		for d := range shape {
			v := r.u64()
			if r.err != nil {
				break
			}
			// Every element takes at least one byte, so no real dimension exceeds the
			// bytes left; checking that keeps numel from overflowing too.
			if v > uint64(len(r.b)) || (v > 0 && numel > uint64(len(r.b))/v) {
				return nil, fmt.Errorf("%w: tensor %q has dimension %d of size %d, more than the file holds", errFormat, name, d, v)
			}
			numel *= v
			shape[d] = int(v)
		}
		if r.err != nil {
			break
		}
		if numel*uint64(size) > uint64(len(r.b)) {
			return nil, fmt.Errorf("%w: tensor %q %v needs %d bytes but %d remain", errFormat, name, shape, numel*uint64(size), len(r.b))
		}
		if seen[name] {
			return nil, fmt.Errorf("%w: tensor %q appears twice", errFormat, name)
		}
		seen[name] = true
		raw := r.bytes(int(numel) * size)
		out = append(out, NamedTensor{name, decodeTensor(code, raw, int(numel), shape)})
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d unexpected bytes after the last tensor", errFormat, len(r.b))
	}
	return out, nil
}

func decodeTensor(code byte, raw []byte, n int, shape []int) *tensor.Tensor {
	le := binary.LittleEndian
	switch code {
	case 1:
		v := make([]float32, n)
		for i := range v {
			v[i] = math.Float32frombits(le.Uint32(raw[4*i:]))
		}
		return build(v, shape)
	case 2:
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Float64frombits(le.Uint64(raw[8*i:]))
		}
		return build(v, shape)
	case 3:
		v := make([]int64, n)
		for i := range v {
			v[i] = int64(le.Uint64(raw[8*i:]))
		}
		return build(v, shape)
	case 4:
		v := make([]int32, n)
		for i := range v {
			v[i] = int32(le.Uint32(raw[4*i:]))
		}
		return build(v, shape)
	default:
		v := make([]bool, n)
		for i := range v {
			v[i] = raw[i] != 0
		}
		return build(v, shape)
	}
}

// build makes a tensor of shape from v; an empty shape is a 0-d tensor.
func build[T float32 | float64 | int64 | int32 | bool](v []T, shape []int) *tensor.Tensor {
	if len(shape) == 0 {
		// FromSlice keeps T's dtype (New would make a Go float64 a float32).
		return tensor.New(v[0], tensor.FromSlice(v[:1]).DType())
	}
	return tensor.FromSlice(v, shape...)
}

// reader reads little-endian values, remembering the first short read.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("unexpected end of data (wanted %d bytes, %d remain)", n, len(r.b))
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *reader) byte() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) bytes(n int) []byte { return r.take(n) }
