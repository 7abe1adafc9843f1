package tensorcodec

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"math/bits"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// chunk is the buffer elements go through on their way to and from a file. (Building
// the whole file in memory first took 2.9 times the model's size to save a session and
// 4.8 times to load it.)
const chunk = 64 << 10

// maxDims bounds a stored shape; no tensor of the lessons comes near it.
const maxDims = 32

// writer writes a file's bytes and keeps their checksum; the first error sticks.
type writer struct {
	w   io.Writer
	crc hash.Hash32
	buf []byte
	err error
}

func newWriter(w io.Writer) *writer {
	return &writer{w: w, crc: crc32.NewIEEE(), buf: make([]byte, 0, chunk)}
}

func (w *writer) write(p []byte) {
	if w.err == nil {
		w.crc.Write(p)
		_, w.err = w.w.Write(p)
	}
}

// tensor writes t's elements, a buffer at a time.
func (w *writer) tensor(t *tensor.Tensor) {
	switch t.DType() {
	case tensor.Float32:
		writeElems(w, t.Float32s(), func(b []byte, v float32) []byte { return binary.LittleEndian.AppendUint32(b, math.Float32bits(v)) })
	case tensor.Float64:
		writeElems(w, t.Float64s(), func(b []byte, v float64) []byte { return binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) })
	case tensor.Int64:
		writeElems(w, t.Int64s(), func(b []byte, v int64) []byte { return binary.LittleEndian.AppendUint64(b, uint64(v)) })
	case tensor.Int32:
		writeElems(w, t.Int32s(), func(b []byte, v int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) })
	case tensor.Bool:
		writeElems(w, t.Bools(), func(b []byte, v bool) []byte {
			if v {
				return append(b, 1)
			}
			return append(b, 0)
		})
	default:
		if w.err == nil {
			w.err = fmt.Errorf("a file cannot hold dtype %v", t.DType())
		}
	}
}

func writeElems[T any](w *writer, v []T, put func([]byte, T) []byte) {
	b := w.buf[:0]
	for _, x := range v {
		b = put(b, x)
		if len(b) > chunk-8 {
			w.write(b)
			b = b[:0]
		}
	}
	if len(b) > 0 {
		w.write(b)
	}
}

// close ends the file with the checksum of everything written.
func (w *writer) close() error {
	if w.err == nil {
		_, w.err = w.w.Write(binary.LittleEndian.AppendUint32(nil, w.crc.Sum32()))
	}
	return w.err
}

// reader reads the body of a file of known size — everything before the checksum —
// counting what is left and checksumming what it reads.
type reader struct {
	br   *bufio.Reader // the whole file
	body io.Reader     // its first size-4 bytes, through the checksum
	crc  hash.Hash32
	left int64
	kind kind
}

// newReader reads a file of size bytes from r. The first bytes can be looked at with
// peek before anything is read.
func newReader(r io.Reader, size int64, k kind) *reader {
	br := bufio.NewReaderSize(r, chunk)
	crc := crc32.NewIEEE()
	body := max(size-4, 0)
	return &reader{br: br, body: io.TeeReader(io.LimitReader(br, body), crc), crc: crc, left: body, kind: k}
}

func (r *reader) peek(n int) []byte {
	b, _ := r.br.Peek(n)
	return b
}

// read fills p, failing when the body has fewer bytes left.
func (r *reader) read(p []byte) error {
	if int64(len(p)) > r.left {
		return fmt.Errorf("unexpected end of data (wanted %d bytes, %d remain)", len(p), r.left)
	}
	n, err := io.ReadFull(r.body, p)
	r.left -= int64(n)
	return err
}

func (r *reader) u32() (uint32, error) {
	var b [4]byte
	err := r.read(b[:])
	return binary.LittleEndian.Uint32(b[:]), err
}

func (r *reader) u64() (uint64, error) {
	var b [8]byte
	err := r.read(b[:])
	return binary.LittleEndian.Uint64(b[:]), err
}

// finish reads what parse left of the body and the checksum after it. A bad checksum
// wins over parseErr, so that a damaged file is reported as damaged rather than by
// whatever the damage broke; then parseErr, as a corrupt-file error unless it is a
// *NewerFormatError.
func (r *reader) finish(parseErr error) error {
	if _, err := io.Copy(io.Discard, r.body); err != nil {
		return r.kind.errorf("reading: %v", err)
	}
	var sum [4]byte
	if _, err := io.ReadFull(r.br, sum[:]); err != nil || r.crc.Sum32() != binary.LittleEndian.Uint32(sum[:]) {
		return r.kind.errorf("checksum mismatch, the file is truncated or damaged")
	}
	if _, newer := parseErr.(*NewerFormatError); newer || parseErr == nil {
		return parseErr
	}
	return r.kind.errorf("%v", parseErr)
}

// tensor reads the elements of a tensor of dtype dt and shape, refusing a shape whose
// elements would not fit in the bytes left before allocating anything.
func (r *reader) tensor(key string, dt dtypeInfo, shape []int) (*tensor.Tensor, error) {
	if len(shape) > maxDims {
		return nil, fmt.Errorf("tensor %s has %d dimensions", key, len(shape))
	}
	need := uint64(dt.size)
	for _, d := range shape {
		if d < 0 || d > math.MaxInt32 {
			return nil, fmt.Errorf("tensor %s has a bad shape %v", key, shape)
		}
		hi, lo := bits.Mul64(need, uint64(d))
		if hi != 0 {
			return nil, fmt.Errorf("tensor %s of shape %v needs more than the %d bytes left", key, shape, r.left)
		}
		need = lo
	}
	if need > uint64(r.left) {
		return nil, fmt.Errorf("tensor %s needs %d bytes, %d left", key, need, r.left)
	}
	t := tensor.ZerosOf(dt.dtype, shape...) // 0-d for an empty shape
	le := binary.LittleEndian
	var err error
	switch dt.dtype {
	case tensor.Float32:
		err = readElems(r, 4, t.Float32s(), func(p []byte) float32 { return math.Float32frombits(le.Uint32(p)) })
	case tensor.Float64:
		err = readElems(r, 8, t.Float64s(), func(p []byte) float64 { return math.Float64frombits(le.Uint64(p)) })
	case tensor.Int64:
		err = readElems(r, 8, t.Int64s(), func(p []byte) int64 { return int64(le.Uint64(p)) })
	case tensor.Int32:
		err = readElems(r, 4, t.Int32s(), func(p []byte) int32 { return int32(le.Uint32(p)) })
	case tensor.Bool:
		err = readElems(r, 1, t.Bools(), func(p []byte) bool { return p[0] != 0 })
	}
	return t, err
}

// readElems fills v, size bytes an element, a buffer at a time.
func readElems[T any](r *reader, size int, v []T, get func([]byte) T) error {
	buf := make([]byte, min(chunk, size*len(v)))
	per := max(len(buf)/size, 1)
	for i := 0; i < len(v); i += per {
		m := min(per, len(v)-i)
		p := buf[:m*size]
		if err := r.read(p); err != nil {
			return err
		}
		for j := range m {
			v[i+j] = get(p[j*size:])
		}
	}
	return nil
}
