package train

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/tensorcodec"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// fileMagic is the first line of a session file of this format.
const fileMagic = "KOSAKU-SESSION 1\n"

// encode lays out a session file in memory; rec.Tensors describes tensors, in order.
func encode(rec record, tensors []*tensor.Tensor) ([]byte, error) {
	var buf bytes.Buffer
	err := tensorcodec.WriteSession(&buf, &rec, tensors)
	return buf.Bytes(), err
}

// decode parses a session file held in memory.
func decode(data []byte) (record, map[string]*tensor.Tensor, error) {
	var rec record
	tensors, err := tensorcodec.ReadSession(bytes.NewReader(data), int64(len(data)), &rec)
	return rec, tensors, err
}

func sampleFile(t testing.TB) []byte {
	rec := record{Name: "x", Epoch: 2, Steps: 24, Finished: true,
		History: []EpochRecord{{Epoch: 1, Steps: 12, LossSum: Float(math.NaN())}},
		Tensors: []tensorcodec.Entry{
			{Key: "model/w", DType: "float32", Shape: []int{2, 3}},
			{Key: "model/d", DType: "float64", Shape: []int{2}},
			{Key: "model/i", DType: "int64", Shape: []int{1}},
			{Key: "optim/0/momentum_buffer", DType: "int32", Shape: []int{}},
		}}
	data, err := encode(rec, []*tensor.Tensor{
		tensor.FromSlice([]float32{1, 2, 3, 4, 5, float32(math.Inf(-1))}, 2, 3),
		tensor.FromSlice([]float64{0.1, -0.2}, 2),
		tensor.FromSlice([]int64{-7}, 1),
		tensor.New(int32(9)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFileRoundTrip: every stored dtype comes back bit for bit, NaN and Inf included.
func TestFileRoundTrip(t *testing.T) {
	rec, tensors, err := decode(sampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Epoch != 2 || rec.Steps != 24 || !rec.Finished || !math.IsNaN(float64(rec.History[0].LossSum)) {
		t.Fatalf("record %+v", rec)
	}
	if w := tensors["model/w"]; w.DType() != tensor.Float32 || !math.IsInf(float64(w.Float32s()[5]), -1) || w.Float32s()[1] != 2 {
		t.Fatalf("w %v", w.Float32s())
	}
	if d := tensors["model/d"].Float64s(); d[0] != 0.1 || d[1] != -0.2 {
		t.Fatalf("d %v", d)
	}
	if i := tensors["model/i"].Int64s(); i[0] != -7 {
		t.Fatalf("i %v", i)
	}
	if b := tensors["optim/0/momentum_buffer"]; b.Dim() != 0 || b.Int32s()[0] != 9 {
		t.Fatalf("0-d int32 %v", b)
	}
}

// TestDecodeRejectsDamage: truncation, a flipped bit, a lying header: each gives an
// error naming the problem, never a panic or a silently short tensor.
func TestDecodeRejectsDamage(t *testing.T) {
	good := sampleFile(t)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-10] ^= 1
	// A header that claims more data than there is, with a valid checksum.
	body := bytes.Clone(good[:len(good)-4])
	body = bytes.Replace(body, []byte(`"shape":[2,3]`), []byte(`"shape":[9,3]`), 1)
	lying := binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"empty":     {nil, "does not start with"},
		"truncated": {good[:len(good)/2], "checksum mismatch"},
		"flipped":   {flipped, "checksum mismatch"},
		"lying":     {lying, "tensor model/w needs 108 bytes"},
	} {
		_, _, err := decode(c.data)
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
			t.Errorf("%s: %v, want an error containing %q", name, err, c.want)
		}
	}
}
