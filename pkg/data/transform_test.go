package data

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// bytesImage is the 16x16 grayscale image holding the bytes 0..255 in order, the input
// testdata/reference.py gave torchvision.
func bytesImage() *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for v := range 256 {
		img.Pix[v] = uint8(v)
	}
	return img
}

// equalBits checks float32 values for bit-for-bit equality with the reference's
// (float32 values stored exactly as float64 in JSON).
func equalBits(t *testing.T, what string, got []float32, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(float32(want[i])) {
			t.Fatalf("%s: value %d is %v (bits %08x), torchvision gives %v", what, i, got[i], math.Float32bits(got[i]), float32(want[i]))
		}
	}
}

func TestToTensorMatchesTorchvision(t *testing.T) {
	ref := loadReference(t)
	out := ToTensor().Apply(bytesImage())
	if got := []int(out.Shape()); len(got) != 3 || got[0] != 1 || got[1] != 16 || got[2] != 16 {
		t.Fatalf("shape %v, want [1 16 16]", got)
	}
	if out.DType() != tensor.Float32 || out.DType().String() != ref.ToTensor.DType {
		t.Fatalf("dtype %v, want %s", out.DType(), ref.ToTensor.DType)
	}
	equalBits(t, "ToTensor", out.Float32s(), ref.ToTensor.Values)
}

func TestNormalizeMatchesTorchvision(t *testing.T) {
	ref := loadReference(t)
	if len(ref.Normalize) != 2 {
		t.Fatalf("reference has %d Normalize cases, want 2", len(ref.Normalize))
	}
	for _, c := range ref.Normalize {
		tr := Compose(ToTensor(), Normalize([]float64{c.Mean}, []float64{c.Std}))
		out := tr.Apply(bytesImage())
		equalBits(t, tr.String(), out.Float32s(), c.Values)
		// The lookup table a dataset batches with holds the same values.
		table, ok := ByteTable(tr)
		if !ok {
			t.Fatalf("ByteTable(%v) refused a pixel-wise transform", tr)
		}
		equalBits(t, "ByteTable", table[:], c.Values)
	}
	// The chapters' transform maps 0 to -1, 255 to 1 and every byte into [-1, 1].
	table, _ := ByteTable(Compose(ToTensor(), Normalize([]float64{0.5}, []float64{0.5})))
	if table[0] != -1 || table[255] != 1 {
		t.Errorf("table[0], table[255] = %v, %v; want -1, 1", table[0], table[255])
	}
	for v, f := range table {
		if f < -1 || f > 1 {
			t.Errorf("byte %d maps to %v, outside [-1, 1]", v, f)
		}
	}

	rgb := ref.NormalizeRGB
	in := make([]float32, len(rgb.Input))
	for i, v := range rgb.Input {
		in[i] = float32(v)
	}
	out := Normalize(rgb.Mean, rgb.Std).Apply(tensor.FromSlice(in, 3, 2, 4))
	equalBits(t, "Normalize RGB", out.Float32s(), rgb.Values)
}

func TestNormalizeFloat64(t *testing.T) {
	x := tensor.FromSlice([]float64{1, 2, 3, 4}, 2, 2)
	got := Normalize([]float64{1, 2}, []float64{2, 4}).Apply(x).Float64s()
	want := []float64{0, 0.5, 0.25, 0.5}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Normalize float64 = %v, want %v", got, want)
		}
	}
}

func TestToTensorColour(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.NRGBA{R: 255, G: 0, B: 51, A: 255})
	img.Set(1, 0, color.NRGBA{R: 0, G: 102, B: 255, A: 255})
	out := ToTensor().Apply(img)
	if got := []int(out.Shape()); len(got) != 3 || got[0] != 3 || got[1] != 1 || got[2] != 2 {
		t.Fatalf("shape %v, want [3 1 2]", got)
	}
	want := []float32{1, 0, 0, 102.0 / 255, 51.0 / 255, 1}
	for i, v := range out.Float32s() {
		if v != want[i] {
			t.Fatalf("values %v, want %v", out.Float32s(), want)
		}
	}
}

func TestByteTableRefusesOtherTransforms(t *testing.T) {
	for _, tr := range []Transform{
		Normalize([]float64{0.5}, []float64{0.5}),
		Compose(ToTensor(), Normalize([]float64{0.1, 0.2, 0.3}, []float64{1, 1, 1})),
		Compose(Normalize([]float64{0.5}, []float64{0.5}), ToTensor()),
	} {
		if _, ok := ByteTable(tr); ok {
			t.Errorf("ByteTable(%v) claimed a pixel-wise table", tr)
		}
	}
}

func TestTransformPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"ToTensor of a tensor", func() { ToTensor().Apply(tensor.Zeros(1, 2, 2)) }, "data.ToTensor: input is a *tensor.Tensor; want an image.Image"},
		{"Normalize of an image", func() { Normalize([]float64{0.5}, []float64{0.5}).Apply(bytesImage()) }, "data.Normalize: input is a *image.Gray; want a *tensor.Tensor (put ToTensor first)"},
		{"channels", func() { Normalize([]float64{0.5, 0.5}, []float64{1, 1}).Apply(tensor.Zeros(3, 2, 2)) }, "data.Normalize: tensor of shape [3 2 2] has 3 channels, mean and std have 2"},
		{"lengths", func() { Normalize([]float64{0.5}, []float64{1, 1}) }, "data.Normalize: 1 means and 2 standard deviations"},
		{"zero std", func() { Normalize([]float64{0.5}, []float64{0}) }, "data.Normalize: std [0] contains 0"},
		{"int tensor", func() { Normalize([]float64{0.5}, []float64{1}).Apply(tensor.FromSlice([]int64{1, 2}, 2)) }, "data.Normalize: dtype torch.int64; want a float tensor"},
	} {
		t.Run(tc.name, func(t *testing.T) { testkit.ExpectPanicPrefix(t, tc.want, tc.f) })
	}
}

func TestComposeString(t *testing.T) {
	got := Compose(ToTensor(), Normalize([]float64{0.5}, []float64{0.5})).String()
	want := "Compose(\n    ToTensor()\n    Normalize(mean=(0.5,), std=(0.5,))\n)"
	if got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// torchvision's repr of Normalize((0.485, 0.456, 0.406), (1, 2, 1e-05)).
	got = Normalize([]float64{0.485, 0.456, 0.406}, []float64{1, 2, 1e-05}).String()
	if want := "Normalize(mean=(0.485, 0.456, 0.406), std=(1.0, 2.0, 1e-05))"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
