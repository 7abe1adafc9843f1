package tensorcodec

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The session layout (pkg/train), one file so that replacing it is a single rename:
//
//	"KOSAKU-SESSION 1\n" (the format version; a larger one is reported as written by a
//	newer Kosaku, not as damage, whatever follows: a newer format may lay out and
//	check the rest its own way)
//	header length (uint32, little endian) and the header as JSON, whose "tensors" list
//	describes the tensors that follow
//	each tensor of the list in order, its elements (see the package doc)
//	CRC-32 (IEEE) of everything above (uint32, little endian)
//
// The JSON header keeps the counters and history readable with any text tool.
const (
	sessionVersion = 1
	sessionPrefix  = "KOSAKU-SESSION "
	sessionMagic   = "KOSAKU-SESSION 1\n"
	maxHeader      = 64 << 20
)

// sessionKind leads every error about a session file's contents.
const sessionKind kind = "corrupt session file"

// Entry describes one tensor of a session in its header.
type Entry struct {
	Key   string `json:"key"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
}

// Header is a session's JSON header: any value that lists its tensors.
type Header interface {
	Entries() []Entry
}

// EntryOf describes t stored under key; ok is false for a dtype no file can hold.
func EntryOf(key string, t *tensor.Tensor) (e Entry, ok bool) {
	name, ok := Name(t.DType())
	return Entry{Key: key, DType: name, Shape: []int(t.Shape())}, ok
}

// WriteSession writes a session file: the header as JSON, then the tensors, which must
// be the header's entries in order.
func WriteSession(w io.Writer, h Header, tensors []*tensor.Tensor) error {
	entries := h.Entries()
	if len(entries) != len(tensors) {
		return fmt.Errorf("the header lists %d tensors, %d given", len(entries), len(tensors))
	}
	for i, e := range entries {
		if want, ok := EntryOf(e.Key, tensors[i]); !ok || want.DType != e.DType || !slices.Equal(want.Shape, e.Shape) {
			return fmt.Errorf("tensor %s is %v %v, its entry says %s %v", e.Key, tensors[i].DType(), []int(tensors[i].Shape()), e.DType, e.Shape)
		}
	}
	header, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("encoding the session header: %w", err)
	}
	cw := newWriter(w)
	b := append(cw.buf[:0], sessionMagic...)
	cw.write(binary.LittleEndian.AppendUint32(b, uint32(len(header))))
	cw.write(header)
	for i, t := range tensors {
		cw.tensor(t)
		if cw.err != nil {
			return fmt.Errorf("writing tensor %s: %w", entries[i].Key, cw.err)
		}
	}
	return cw.close()
}

// sessionFormat reads the format version from the first line, "KOSAKU-SESSION <n>\n";
// ok is false when the data does not start that way.
func sessionFormat(data []byte) (version int, ok bool) {
	line, _, found := bytes.Cut(data[:min(len(data), 64)], []byte("\n"))
	rest, isSession := bytes.CutPrefix(line, []byte(sessionPrefix))
	if !found || !isSession {
		return 0, false
	}
	v, err := strconv.Atoi(string(rest))
	return v, err == nil && v > 0
}

// ReadSession reads a session file of size bytes from r: its header into h (with
// json.Unmarshal) and the tensors h lists, by key. A file of a newer format gives an
// error matching ErrNewerFormat; anything malformed one matching ErrCorrupt.
func ReadSession(r io.Reader, size int64, h Header) (map[string]*tensor.Tensor, error) {
	rd := newReader(r, size, sessionKind)
	first := rd.peek(int(min(size, 64)))
	if v, ok := sessionFormat(first); ok && v > sessionVersion {
		return nil, &NewerFormatError{Version: v, Newest: sessionVersion}
	}
	if size < int64(len(sessionMagic))+8 || len(first) < len(sessionMagic) || string(first[:len(sessionMagic)]) != sessionMagic {
		return nil, sessionKind.errorf("it does not start with %q", strings.TrimSpace(sessionMagic))
	}
	tensors, err := readSession(rd, h)
	if err = rd.finish(err); err != nil {
		return nil, err
	}
	return tensors, nil
}

func readSession(r *reader, h Header) (map[string]*tensor.Tensor, error) {
	head := make([]byte, len(sessionMagic)+4)
	if err := r.read(head); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint32(head[len(sessionMagic):])
	if n > maxHeader || int64(n) > r.left {
		return nil, fmt.Errorf("header length %d exceeds the file", n)
	}
	header := make([]byte, n)
	if err := r.read(header); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(header, h); err != nil {
		return nil, fmt.Errorf("header: %v", err)
	}
	entries := h.Entries()
	tensors := make(map[string]*tensor.Tensor, len(entries))
	for _, e := range entries {
		dt, ok := byName(e.DType)
		if !ok {
			return nil, fmt.Errorf("tensor %s has unknown dtype %q", e.Key, e.DType)
		}
		if _, dup := tensors[e.Key]; dup {
			return nil, fmt.Errorf("tensor %s is stored twice", e.Key)
		}
		t, err := r.tensor(e.Key, dt, e.Shape)
		if err != nil {
			return nil, err
		}
		tensors[e.Key] = t
	}
	if r.left != 0 {
		return nil, fmt.Errorf("%d unexpected bytes after the tensors", r.left)
	}
	return tensors, nil
}
