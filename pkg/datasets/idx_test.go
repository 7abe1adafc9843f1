package datasets

import (
	"bytes"
	"compress/gzip"
	"slices"
	"testing"
)

// idxBytes builds an idx file of unsigned bytes by hand: magic, dimensions, data.
func idxBytes(dims []int, data []byte) []byte {
	return encodeIDX(&IDX{Dims: dims, Data: data})
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseIDXValid(t *testing.T) {
	// Two 2x3 images: the header is 0x00000803, then 2, 2, 3 as big-endian uint32s.
	file := []byte{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255}
	idx, err := ParseIDX(file)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(idx.Dims, []int{2, 2, 3}) {
		t.Errorf("Dims = %v, want [2 2 3]", idx.Dims)
	}
	if !slices.Equal(idx.Data, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255}) {
		t.Errorf("Data = %v", idx.Data)
	}
	if !bytes.Equal(encodeIDX(idx), file) {
		t.Errorf("encodeIDX does not give the file back")
	}
	// The same file through ReadIDX, raw and gzip-compressed.
	for name, in := range map[string][]byte{"raw": file, "gzip": gzipBytes(t, file)} {
		got, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(got.Dims, idx.Dims) || !bytes.Equal(got.Data, idx.Data) {
			t.Errorf("%s: ReadIDX = %v %v, want %v %v", name, got.Dims, got.Data, idx.Dims, idx.Data)
		}
	}
	// A label file: one dimension.
	labels, err := ParseIDX([]byte{0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4})
	if err != nil || !slices.Equal(labels.Dims, []int{3}) || !slices.Equal(labels.Data, []byte{5, 0, 4}) {
		t.Errorf("labels: %v, %v", labels, err)
	}
	// Zero items is a valid, empty file.
	empty, err := ParseIDX([]byte{0, 0, 8, 1, 0, 0, 0, 0})
	if err != nil || len(empty.Data) != 0 {
		t.Errorf("empty: %v, %v", empty, err)
	}
}

func TestParseIDXErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "idx: the file is empty"},
		{"short magic", []byte{0, 0, 8}, "idx: header truncated: 3 bytes, the magic number alone needs 4"},
		{"bad magic", []byte{'P', 'K', 3, 4, 0, 0}, "idx: magic number starts 0x504b, want 0x0000: not an idx file"},
		{"int32 data", []byte{0, 0, 0x0c, 1, 0, 0, 0, 1, 0, 0, 0, 7}, "idx: data type 0x0c is not supported: only unsigned bytes (0x08), which MNIST uses"},
		{"no dims", []byte{0, 0, 8, 0}, "idx: the header declares 0 dimensions"},
		{"short dims", []byte{0, 0, 8, 3, 0, 0, 0, 2, 0, 0}, "idx: header truncated: 3 dimensions need 16 header bytes, the file has 10"},
		{"short data", idxBytes([]int{2, 2}, []byte{1, 2, 3}), "idx: data truncated: dimensions [2 2] need 4 bytes, the file has 3"},
		{"trailing", append(idxBytes([]int{3}, []byte{1, 2, 3}), 9, 9), "idx: 2 unexpected bytes after the data (dimensions [3] need 3)"},
		{"huge", []byte{0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
			"idx: dimensions [4294967295 4294967295 4294967295] promise 9223372036854775807 bytes, more than any idx file holds (limit 2147483648)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseIDX(tc.in); err == nil || err.Error() != tc.want {
				t.Errorf("ParseIDX error = %v, want %q", err, tc.want)
			}
			// The streaming reader must report the same defect in the same words,
			// for the plain bytes and for them gzip-compressed.
			if _, err := ReadIDX(bytes.NewReader(tc.in)); err == nil || err.Error() != tc.want {
				t.Errorf("ReadIDX error = %v, want %q", err, tc.want)
			}
			if _, err := ReadIDX(bytes.NewReader(gzipBytes(t, tc.in))); err == nil || err.Error() != tc.want {
				t.Errorf("ReadIDX(gzip) error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReadIDXDamagedGzip(t *testing.T) {
	gz := gzipBytes(t, idxBytes([]int{4}, []byte{1, 2, 3, 4}))
	// Flip a byte of the CRC-32 in the gzip trailer: the data decompresses, the check fails.
	bad := slices.Clone(gz)
	bad[len(bad)-6] ^= 0xff
	if _, err := ReadIDX(bytes.NewReader(bad)); err == nil || err.Error() != "idx: reading: gzip: invalid checksum" {
		t.Errorf("damaged CRC: err = %v", err)
	}
	// Cut the stream short.
	if _, err := ReadIDX(bytes.NewReader(gz[:len(gz)-10])); err == nil || err.Error() != "idx: reading: unexpected EOF" {
		t.Errorf("truncated gzip: err = %v", err)
	}
	// Only the gzip magic.
	if _, err := ReadIDX(bytes.NewReader([]byte{0x1f, 0x8b})); err == nil || err.Error() != "idx: gzip: unexpected EOF" {
		t.Errorf("gzip magic alone: err = %v", err)
	}
}

// FuzzParseIDX checks that no input makes the parser panic or over-allocate, that what
// it accepts is self-consistent (data length = product of dimensions, re-encoding gives
// the input back), and that the streaming reader agrees with it error for error.
func FuzzParseIDX(f *testing.F) {
	f.Add(idxBytes([]int{2, 2, 3}, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
	f.Add(idxBytes([]int{3}, []byte{5, 0, 4}))
	f.Add([]byte{0, 0, 8, 3, 0, 0, 0, 2, 0, 0})
	f.Add([]byte{0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0, 0, 0x0d, 1, 0, 0, 0, 1, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, in []byte) {
		idx, err := ParseIDX(in)
		if err == nil {
			n := 1
			for _, d := range idx.Dims {
				n *= d
			}
			if len(idx.Data) != n {
				t.Fatalf("accepted %d data bytes for dims %v", len(idx.Data), idx.Dims)
			}
			if !bytes.Equal(encodeIDX(idx), in) {
				t.Fatalf("re-encoding differs from the input")
			}
		}
		if len(in) >= 2 && in[0] == 0x1f && in[1] == 0x8b {
			return // ReadIDX reads these as gzip
		}
		sidx, serr := ReadIDX(bytes.NewReader(in))
		if (err == nil) != (serr == nil) || (err != nil && err.Error() != serr.Error()) {
			t.Fatalf("ParseIDX error %v, ReadIDX error %v", err, serr)
		}
		if err == nil && (!slices.Equal(idx.Dims, sidx.Dims) || !bytes.Equal(idx.Data, sidx.Data)) {
			t.Fatalf("ParseIDX and ReadIDX disagree")
		}
	})
}

// FuzzReadIDXGzip feeds arbitrary bytes after a gzip magic number and arbitrary idx
// content inside valid gzip: the reader must fail cleanly or return consistent data.
func FuzzReadIDXGzip(f *testing.F) {
	f.Add(idxBytes([]int{2, 3}, []byte{1, 2, 3, 4, 5, 6}), false)
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, false)
	f.Add([]byte{0, 0, 8, 2, 0, 0, 0, 9}, true)
	f.Fuzz(func(t *testing.T, in []byte, compress bool) {
		if compress {
			in = gzipBytes(t, in)
		}
		idx, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			return
		}
		n := 1
		for _, d := range idx.Dims {
			n *= d
		}
		if len(idx.Data) != n {
			t.Fatalf("accepted %d data bytes for dims %v", len(idx.Data), idx.Dims)
		}
	})
}
