package datasets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// IDX is the content of one file in the idx format that MNIST is distributed in: a
// 4-byte magic number (two zero bytes, a data type byte, a dimension count), one
// big-endian uint32 per dimension, then the elements in row-major order.
//
// Only unsigned bytes (data type 0x08), the type every MNIST file uses, are supported.
type IDX struct {
	Dims []int  // e.g. [60000 28 28] for an image file, [60000] for a label file
	Data []byte // product(Dims) bytes, row-major
}

// idxUbyte is the idx data type code of unsigned bytes.
const idxUbyte = 0x08

// maxIDXBytes bounds the data a header may promise. The largest MNIST file holds 47 MB;
// the bound keeps a damaged header from asking for more memory than any idx file needs.
const maxIDXBytes = 1 << 31

// ParseIDX parses an uncompressed idx file held in memory. The returned Data aliases b.
// Every way a file can be malformed gives an error starting with "idx: " that names
// the problem: a bad magic number, an unsupported data type, a truncated header, data
// shorter or longer than the dimensions say.
func ParseIDX(b []byte) (*IDX, error) {
	dims, n, err := parseIDXHeader(b)
	if err != nil {
		return nil, err
	}
	hdr := 4 + 4*len(dims)
	data := b[hdr:]
	if int64(len(data)) < n {
		return nil, fmt.Errorf("idx: data truncated: dimensions %v need %d bytes, the file has %d", dims, n, len(data))
	}
	if int64(len(data)) > n {
		return nil, fmt.Errorf("idx: %d unexpected bytes after the data (dimensions %v need %d)", int64(len(data))-n, dims, n)
	}
	return &IDX{Dims: dims, Data: data}, nil
}

// parseIDXHeader checks the magic number and reads the dimensions from the start of b.
// It returns the dimensions and the number of data bytes they promise.
func parseIDXHeader(b []byte) ([]int, int64, error) {
	if err := checkIDXMagic(b); err != nil {
		return nil, 0, err
	}
	nd := int(b[3])
	if len(b) < 4+4*nd {
		return nil, 0, fmt.Errorf("idx: header truncated: %d dimensions need %d header bytes, the file has %d", nd, 4+4*nd, len(b))
	}
	dims := make([]int, nd)
	n := int64(1)
	for i := range dims {
		d := binary.BigEndian.Uint32(b[4+4*i:])
		dims[i] = int(d)
		if d != 0 && n > math.MaxInt64/int64(d) {
			n = math.MaxInt64
		} else {
			n *= int64(d)
		}
	}
	if n > maxIDXBytes {
		return nil, 0, fmt.Errorf("idx: dimensions %v promise %d bytes, more than any idx file holds (limit %d)", dims, n, int64(maxIDXBytes))
	}
	return dims, n, nil
}

// checkIDXMagic checks the 4-byte magic number at the start of b.
func checkIDXMagic(b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("idx: the file is empty")
	}
	if len(b) < 4 {
		return fmt.Errorf("idx: header truncated: %d bytes, the magic number alone needs 4", len(b))
	}
	if b[0] != 0 || b[1] != 0 {
		return fmt.Errorf("idx: magic number starts 0x%02x%02x, want 0x0000: not an idx file", b[0], b[1])
	}
	if b[2] != idxUbyte {
		return fmt.Errorf("idx: data type 0x%02x is not supported: only unsigned bytes (0x08), which MNIST uses", b[2])
	}
	if b[3] == 0 {
		return fmt.Errorf("idx: the header declares 0 dimensions")
	}
	return nil
}

// ReadIDX reads an idx file from r, decompressing it first when it is gzip-compressed
// (detected by the gzip magic bytes, so "x.gz" and the extracted "x" both work).
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("idx: gzip: %w", err)
		}
		idx, err := readIDXStream(zr)
		if err != nil {
			return nil, err
		}
		if err := zr.Close(); err != nil {
			return nil, fmt.Errorf("idx: gzip: %w", err)
		}
		return idx, nil
	}
	return readIDXStream(br)
}

// readIDXStream reads the header first, then at most the promised number of bytes. The
// buffer starts small and grows with the bytes actually present, so a header that lies
// about its size cannot make us allocate memory the stream does not fill.
func readIDXStream(r io.Reader) (*IDX, error) {
	header := make([]byte, 4, 4+4*255)
	if k, err := io.ReadFull(r, header); err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return nil, checkIDXMagic(header[:k])
		}
		return nil, readError(err)
	}
	if err := checkIDXMagic(header); err != nil {
		return nil, err
	}
	header = header[:4+4*int(header[3])]
	if k, err := io.ReadFull(r, header[4:]); err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			_, _, herr := parseIDXHeader(header[:4+k])
			return nil, herr
		}
		return nil, readError(err)
	}
	dims, n, err := parseIDXHeader(header)
	if err != nil {
		return nil, err
	}
	const start = 1 << 20
	var buf bytes.Buffer
	buf.Grow(len(header) + int(min(n, start)))
	buf.Write(header)
	if _, err := buf.ReadFrom(io.LimitReader(r, n)); err != nil {
		return nil, readError(err)
	}
	// Count what follows the promised data, so the error can say how much there is.
	extra, err := io.Copy(io.Discard, r)
	if err != nil {
		return nil, readError(err)
	}
	if extra > 0 {
		return nil, fmt.Errorf("idx: %d unexpected bytes after the data (dimensions %v need %d)", extra, dims, n)
	}
	return ParseIDX(buf.Bytes())
}

// readError wraps a failure of the underlying reader (a damaged gzip stream, an I/O error).
func readError(err error) error {
	return fmt.Errorf("idx: reading: %w", err)
}
