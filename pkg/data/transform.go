package data

import (
	"fmt"
	"image"
	"strconv"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Transform turns one example into a tensor, torchvision.transforms: a dataset applies
// its transform to each item it hands out. The input is an image.Image for the first
// transform of a chain (ToTensor) and a *tensor.Tensor after that.
//
//	transform := data.Compose(data.ToTensor(), data.Normalize([]float64{0.5}, []float64{0.5}))
//
// (see ExampleCompose).
type Transform interface {
	Apply(x any) *tensor.Tensor
	String() string
}

// ToTensor converts an image to a float32 tensor [C, H, W] with values in 0..1 (each
// byte divided by 255), torchvision.transforms.ToTensor. A grayscale *image.Gray gives
// one channel; any other image.Image gives three (red, green, blue; alpha dropped).
func ToTensor() Transform { return toTensor{} }

type toTensor struct{}

func (toTensor) String() string { return "ToTensor()" }

func (toTensor) Apply(x any) *tensor.Tensor {
	switch img := x.(type) {
	case *image.Gray:
		b := img.Bounds()
		h, w := b.Dy(), b.Dx()
		out := make([]float32, h*w)
		for y := range h {
			row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range w {
				out[y*w+x] = float32(row[x]) / 255
			}
		}
		return tensor.FromSlice(out, 1, h, w)
	case image.Image:
		b := img.Bounds()
		h, w := b.Dy(), b.Dx()
		out := make([]float32, 3*h*w)
		for y := range h {
			for x := range w {
				r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				out[y*w+x] = float32(uint8(r>>8)) / 255
				out[h*w+y*w+x] = float32(uint8(g>>8)) / 255
				out[2*h*w+y*w+x] = float32(uint8(bl>>8)) / 255
			}
		}
		return tensor.FromSlice(out, 3, h, w)
	}
	panic(fmt.Sprintf("data.ToTensor: input is a %T; want an image.Image such as the *image.Gray of datasets.Images.Image", x))
}

// Normalize maps each channel c of a float tensor [C, …] to (x - mean[c]) / std[c],
// torchvision.transforms.Normalize; one mean and std apply to every channel. The
// chapters' Normalize((0.5,), (0.5,)) maps ToTensor's 0..1 to -1..1.
func Normalize(mean, std []float64) Transform {
	if len(mean) == 0 || len(mean) != len(std) {
		panic(fmt.Sprintf("data.Normalize: %d means and %d standard deviations; give one of each per channel", len(mean), len(std)))
	}
	for _, s := range std {
		if s == 0 {
			panic(fmt.Sprintf("data.Normalize: std %v contains 0, which would divide by zero", std))
		}
	}
	return normalize{mean: append([]float64(nil), mean...), std: append([]float64(nil), std...)}
}

type normalize struct{ mean, std []float64 }

// String is torchvision's repr: Normalize(mean=(0.5,), std=(0.5,)).
func (n normalize) String() string {
	return fmt.Sprintf("Normalize(mean=%s, std=%s)", pyTuple(n.mean), pyTuple(n.std))
}

// pyTuple formats v as Python prints a tuple of floats: (0.5,) or (0.485, 0.456, 0.406).
func pyTuple(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0" // Python writes 1.0 where Go writes 1
		}
		parts[i] = s
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (n normalize) Apply(x any) *tensor.Tensor {
	t, ok := x.(*tensor.Tensor)
	if !ok {
		panic(fmt.Sprintf("data.Normalize: input is a %T; want a *tensor.Tensor (put ToTensor first)", x))
	}
	shape := t.Shape()
	if t.Dim() < 1 || (len(n.mean) != 1 && shape[0] != len(n.mean)) {
		panic(fmt.Sprintf("data.Normalize: tensor of shape %v has %d channels, mean and std have %d", []int(shape), firstDim(shape), len(n.mean)))
	}
	switch t.DType() {
	case tensor.Float32:
		return normalizeOf[float32](n, t, shape)
	case tensor.Float64:
		return normalizeOf[float64](n, t, shape)
	}
	panic(fmt.Sprintf("data.Normalize: dtype %v; want a float tensor", t.DType()))
}

// normalizeOf is Normalize on a tensor of element type T, channel by channel along
// its first dimension.
func normalizeOf[T tensor.Float](n normalize, t *tensor.Tensor, shape tensor.Size) *tensor.Tensor {
	src := tensor.Data[T](t)
	out := make([]T, len(src))
	per := len(src) / max(shape[0], 1)
	for c := range shape[0] {
		// PyTorch subtracts and divides in the tensor's own precision, with mean
		// and std first rounded to it; doing the same gives its values bit for bit.
		m, s := T(n.at(n.mean, c)), T(n.at(n.std, c))
		for i := c * per; i < (c+1)*per; i++ {
			out[i] = (src[i] - m) / s
		}
	}
	return tensor.FromSlice(out, shape...)
}

func (n normalize) at(v []float64, c int) float64 {
	if len(v) == 1 {
		return v[0]
	}
	return v[c]
}

func firstDim(shape []int) int {
	if len(shape) == 0 {
		return 0
	}
	return shape[0]
}

// Compose chains transforms, torchvision.transforms.Compose: each one's output is the
// next one's input.
func Compose(transforms ...Transform) Transform {
	if len(transforms) == 0 {
		panic("data.Compose: no transforms")
	}
	return compose(append([]Transform(nil), transforms...))
}

type compose []Transform

func (c compose) String() string {
	var b strings.Builder
	b.WriteString("Compose(\n")
	for _, t := range c {
		b.WriteString("    " + t.String() + "\n")
	}
	b.WriteString(")")
	return b.String()
}

func (c compose) Apply(x any) *tensor.Tensor {
	var t *tensor.Tensor
	for _, tr := range c {
		t = tr.Apply(x)
		x = t
	}
	return t
}

// ByteTable reports whether t maps each byte of a one-channel image to a float32 on its
// own, independently of the other pixels — true for ToTensor followed by any number of
// Normalize steps with one mean and std — and if so returns the 256 results. An image
// dataset uses it to transform a whole batch by table lookup, with the very values
// t.Apply gives (the table is built by running t itself on the 256 byte values).
func ByteTable(t Transform) (*[256]float32, bool) {
	steps := []Transform{t}
	if c, ok := t.(compose); ok {
		steps = c
	}
	if _, ok := steps[0].(toTensor); !ok {
		return nil, false
	}
	for _, s := range steps[1:] {
		if n, ok := s.(normalize); !ok || len(n.mean) != 1 {
			return nil, false
		}
	}
	img := image.NewGray(image.Rect(0, 0, 256, 1))
	for v := range 256 {
		img.Pix[v] = uint8(v)
	}
	out := t.Apply(img).Float32s()
	var table [256]float32
	copy(table[:], out)
	return &table, true
}
