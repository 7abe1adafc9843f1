package tensorcodec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// testHeader is the least a session header holds: its tensors.
type testHeader struct {
	Name    string  `json:"name"`
	Tensors []Entry `json:"tensors"`
}

func (h *testHeader) Entries() []Entry { return h.Tensors }

// every holds a tensor of each dtype, a 0-d one and an empty one, NaN and Inf included.
func every() []Named {
	return []Named{
		{"f32", tensor.FromSlice([]float32{1.5, float32(math.Inf(-1)), float32(math.NaN())}, 3)},
		{"f64", tensor.FromSlice([]float64{3.25, -0.1}, 1, 2)},
		{"i64", tensor.FromSlice([]int64{-7, 1 << 40}, 2)},
		{"i32", tensor.FromSlice([]int32{5, 6, 7}, 3, 1)},
		{"bool", tensor.FromSlice([]bool{true, false}, 2)},
		{"scalar", tensor.New(int32(9))},
		{"empty", tensor.Zeros(0, 3)},
	}
}

func stateDictFile(t testing.TB, ts []Named) []byte {
	var b bytes.Buffer
	if err := WriteStateDict(&b, ts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sessionFile(t testing.TB, ts []Named) []byte {
	h := &testHeader{Name: "x"}
	var list []*tensor.Tensor
	for _, n := range ts {
		e, _ := EntryOf(n.Name, n.Tensor)
		h.Tensors = append(h.Tensors, e)
		list = append(list, n.Tensor)
	}
	var b bytes.Buffer
	if err := WriteSession(&b, h, list); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readBoth(data []byte) (sd []Named, sdErr error, sess map[string]*tensor.Tensor, sessErr error) {
	sd, sdErr = ReadStateDict(bytes.NewReader(data), int64(len(data)))
	sess, sessErr = ReadSession(bytes.NewReader(data), int64(len(data)), &testHeader{})
	return
}

func sameTensor(a, b *tensor.Tensor) bool {
	if a.DType() != b.DType() || !slices.Equal(a.Shape(), b.Shape()) {
		return false
	}
	x, y := a.ToFloat64s(), b.ToFloat64s()
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			return false
		}
	}
	return true
}

// TestRoundTrip: both layouts bring back every dtype bit for bit, in order.
func TestRoundTrip(t *testing.T) {
	want := every()
	got, err := ReadStateDict(bytes.NewReader(stateDictFile(t, want)), int64(len(stateDictFile(t, want))))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if got[i].Name != w.Name || !sameTensor(got[i].Tensor, w.Tensor) {
			t.Errorf("state dict %s: got %v, want %v", w.Name, got[i].Tensor, w.Tensor)
		}
	}
	file := sessionFile(t, want)
	h := &testHeader{}
	tensors, err := ReadSession(bytes.NewReader(file), int64(len(file)), h)
	if err != nil {
		t.Fatal(err)
	}
	if h.Name != "x" || len(h.Tensors) != len(want) {
		t.Fatalf("header %+v", h)
	}
	for _, w := range want {
		if !sameTensor(tensors[w.Name], w.Tensor) {
			t.Errorf("session %s: got %v, want %v", w.Name, tensors[w.Name], w.Tensor)
		}
	}
}

// TestErrorsMatchSentinels: damage and foreign files match ErrCorrupt, a newer version
// ErrNewerFormat (and not ErrCorrupt), in both layouts.
func TestErrorsMatchSentinels(t *testing.T) {
	for name, file := range map[string][]byte{"state dict": stateDictFile(t, every()), "session": sessionFile(t, every())} {
		read := func(data []byte) error {
			if name == "session" {
				_, err := ReadSession(bytes.NewReader(data), int64(len(data)), &testHeader{})
				return err
			}
			_, err := ReadStateDict(bytes.NewReader(data), int64(len(data)))
			return err
		}
		flipped := bytes.Clone(file)
		flipped[len(flipped)/2] ^= 1
		for what, data := range map[string][]byte{"truncated": file[:len(file)-9], "flipped": flipped, "foreign": []byte("PK\x03\x04 a zip"), "empty": nil} {
			if err := read(data); !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNewerFormat) {
				t.Errorf("%s, %s: %v", name, what, err)
			}
		}
		newer := bytes.Clone(file[:len(file)-4])
		if name == "session" {
			newer[len(sessionPrefix)] = '2'
		} else {
			binary.LittleEndian.PutUint32(newer[len(stateMagic):], 2)
		}
		newer = binary.LittleEndian.AppendUint32(newer, crc32.ChecksumIEEE(newer))
		err := read(newer)
		if !errors.Is(err, ErrNewerFormat) || errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "written by a newer Kosaku (format 2); this one reads up to 1") {
			t.Errorf("%s, format 2: %v", name, err)
		}
	}
}

// TestLyingLengths: lengths that claim more than the file holds are refused before
// anything that size is allocated.
func TestLyingLengths(t *testing.T) {
	body := stateDictFile(t, []Named{{"w", tensor.Zeros(2, 2)}})
	body = body[:len(body)-4]
	// The first dimension of w (after magic, version, count, name length, "w", code, ndim).
	binary.LittleEndian.PutUint64(body[8+4+4+4+1+1+4:], 1<<62)
	lying := binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))
	if _, err := ReadStateDict(bytes.NewReader(lying), int64(len(lying))); err == nil || !strings.Contains(err.Error(), "more than the file holds") {
		t.Errorf("state dict: %v", err)
	}
	file := sessionFile(t, []Named{{"w", tensor.Zeros(2, 3)}})
	for shape, want := range map[string]string{"[9,3]": "tensor w needs 108 bytes", "[-1,3]": "bad shape", "[2147483647,2147483647,2147483647]": "needs more than the", "[4611686018427387904,4]": "bad shape"} {
		body := bytes.Replace(file[:len(file)-4], []byte(`"shape":[2,3]`), []byte(`"shape":`+shape), 1)
		binary.LittleEndian.PutUint32(body[len(sessionMagic):], binary.LittleEndian.Uint32(body[len(sessionMagic):])+uint32(len(body)+4-len(file)))
		lying := binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))
		if _, err := ReadSession(bytes.NewReader(lying), int64(len(lying)), &testHeader{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("session shape %s: %v, want %q", shape, err, want)
		}
	}
}

// FuzzRead: no input makes either reader panic or allocate beyond the input's size, and
// whatever a reader accepts is written again and read back the same.
func FuzzRead(f *testing.F) {
	for _, file := range [][]byte{stateDictFile(f, every()), sessionFile(f, every())} {
		f.Add(file)
		f.Add(file[:len(file)-4]) // the body of a valid file: valid again with its checksum
		f.Add(file[:len(file)/2])
		f.Add(file[:40])
	}
	f.Add([]byte(stateMagic))
	f.Add([]byte(sessionMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Random bytes rarely pass the checksum, so also read them with a valid one
		// appended: that sends the fuzzer through the parsers themselves.
		withSum := binary.LittleEndian.AppendUint32(bytes.Clone(data), crc32.ChecksumIEEE(data))
		readBoth(data)
		sd, sdErr, sess, sessErr := readBoth(withSum)
		if sdErr == nil {
			again, err := ReadStateDict(bytes.NewReader(stateDictFile(t, sd)), int64(len(stateDictFile(t, sd))))
			if err != nil || len(again) != len(sd) {
				t.Fatalf("a state dict read back does not read again: %v", err)
			}
			for i := range sd {
				if again[i].Name != sd[i].Name || !sameTensor(again[i].Tensor, sd[i].Tensor) {
					t.Fatalf("state dict tensor %s changed on the way", sd[i].Name)
				}
			}
		}
		if sessErr == nil {
			var ts []Named
			for k, v := range sess {
				ts = append(ts, Named{k, v})
			}
			file := sessionFile(t, ts)
			back, err := ReadSession(bytes.NewReader(file), int64(len(file)), &testHeader{})
			if err != nil || len(back) != len(sess) {
				t.Fatalf("a session read back does not read again: %v", err)
			}
			for k, v := range sess {
				if !sameTensor(back[k], v) {
					t.Fatalf("session tensor %s changed on the way", k)
				}
			}
		}
	})
}
