package nn_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// assertExact compares got with the exact values want.
func assertExact(t *testing.T, what string, got *tensor.Tensor, shape []int, want []float32) {
	t.Helper()
	if !slices.Equal([]int(got.Shape()), shape) {
		t.Fatalf("%s: shape %v, want %v", what, []int(got.Shape()), shape)
	}
	if g := got.Float32s(); !slices.Equal(g, want) {
		t.Fatalf("%s:\n got %v\nwant %v", what, g, want)
	}
}

var (
	cross5 = []float32{
		1, -1, -1, -1, 1,
		-1, 1, -1, 1, -1,
		-1, -1, 1, -1, -1,
		-1, 1, -1, 1, -1,
		1, -1, -1, -1, 1,
	}
	circle5 = []float32{
		-1, 1, 1, 1, -1,
		1, -1, -1, -1, 1,
		1, -1, -1, -1, 1,
		1, -1, -1, -1, 1,
		-1, 1, 1, 1, -1,
	}
	crossKernel = []float32{1, -1, 1, -1, 1, -1, 1, -1, 1}
)

// Chapter 8: the cross kernel over the 5x5 cross and circle, with and without
// padding, then 2x2 max pooling.
func TestChapter8FeatureMaps(t *testing.T) {
	conv := nn.NewConv2d(1, 1, 3, nn.Bias(false))
	conv.Weight.CopyFrom(tensor.FromSlice(crossKernel, 1, 1, 3, 3))
	padded := nn.NewConv2d(1, 1, 3, nn.Bias(false), nn.Padding(1))
	padded.Weight = nn.NewParameter(tensor.FromSlice(crossKernel, 1, 1, 3, 3))
	pool := nn.NewMaxPool2d(2)
	x := tensor.FromSlice(cross5, 1, 1, 5, 5)

	m := conv.Forward(x)
	assertExact(t, "cross, no padding", m, []int{1, 1, 3, 3}, []float32{5, -7, 5, -7, 9, -7, 5, -7, 5})
	assertExact(t, "pooled", pool.Forward(m), []int{1, 1, 1, 1}, []float32{9})

	mp := padded.Forward(x)
	assertExact(t, "cross, padding 1", mp, []int{1, 1, 5, 5}, []float32{
		4, -4, 4, -4, 4,
		-4, 5, -7, 5, -4,
		4, -7, 9, -7, 4,
		-4, 5, -7, 5, -4,
		4, -4, 4, -4, 4,
	})
	assertExact(t, "pooled padded", pool.Forward(mp), []int{1, 1, 2, 2}, []float32{5, 5, 5, 9})

	c := conv.Forward(tensor.FromSlice(circle5, 1, 1, 5, 5))
	assertExact(t, "circle", c, []int{1, 1, 3, 3}, []float32{-1, 1, -1, 1, -1, 1, -1, 1, -1})
}

// rawRef decodes one tensor of the chapter 9 reference record.
func rawRef(t *testing.T, key string) *refTensor {
	t.Helper()
	r := &refTensor{}
	if err := json.Unmarshal(ref.Chapter9[key], r); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return r
}

func exactValues(r *refTensor) []float32 {
	v := make([]float32, len(r.Data))
	for i, x := range r.Data {
		v[i] = float32(x)
	}
	return v
}

// chapter9Stack is chapter 9's fixed feature extractor with its hand-set kernels.
type chapter9Stack struct {
	conv1, conv2 *nn.Conv2d
	pool         *nn.MaxPool2d
}

func newChapter9Stack(t *testing.T) *chapter9Stack {
	s := &chapter9Stack{
		conv1: nn.NewConv2d(1, 2, 3, nn.Padding(1), nn.Bias(false)),
		conv2: nn.NewConv2d(2, 2, 3, nn.Padding(1), nn.Bias(false)),
		pool:  nn.NewMaxPool2d(2, nn.Padding(1)),
	}
	s.conv1.Weight.CopyFrom(rawRef(t, "k1").f32())
	s.conv2.Weight.CopyFrom(rawRef(t, "k2").f32())
	return s
}

func (s *chapter9Stack) Forward(x *tensor.Tensor) *tensor.Tensor {
	x = s.pool.Forward(s.conv1.Forward(x).ReLU())
	x = s.pool.Forward(s.conv2.Forward(x).ReLU())
	return x.Reshape(-1, 2*2*2)
}

// Chapter 9: every stage of the hand-made CNN, exact, and the weight gradients
// against PyTorch.
func TestChapter9ExactValues(t *testing.T) {
	s := newChapter9Stack(t)
	if got, want := s.conv1.String(), "Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)"; got != want {
		t.Errorf("conv1 prints %s, want %s", got, want)
	}
	if got, want := s.pool.String(), "MaxPool2d(kernel_size=2, stride=2, padding=1, dilation=1, ceil_mode=False)"; got != want {
		t.Errorf("pool prints %s, want %s", got, want)
	}
	sample := rawRef(t, "sample").f32()
	f1 := s.conv1.Forward(sample)
	r := rawRef(t, "fmap1")
	assertExact(t, "f_map1", f1, r.Shape, exactValues(r))
	r1 := f1.ReLU()
	r = rawRef(t, "relu1")
	assertExact(t, "relu", r1, r.Shape, exactValues(r))
	p1 := s.pool.Forward(r1)
	r = rawRef(t, "pooled1")
	assertExact(t, "pooled1", p1, r.Shape, exactValues(r))
	f2 := s.conv2.Forward(p1)
	r = rawRef(t, "fmap2")
	assertExact(t, "f_map2", f2, r.Shape, exactValues(r))
	flat := s.pool.Forward(f2.ReLU()).Reshape(-1, 8)
	assertExact(t, "pooled2 as 4x8", flat, []int{4, 8}, []float32{
		0, 0, 14, 20, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 14, 0, 20,
		0, 0, 8, 14, 0, 0, 0, 0,
		0, 0, 4, 6, 0, 4, 0, 6,
	})
	flat.Sum().Backward()
	assertTensor(t, "conv1.weight.grad", s.conv1.Weight.Grad(), rawRef(t, "conv1_grad"), 0)
	assertTensor(t, "conv2.weight.grad", s.conv2.Weight.Grad(), rawRef(t, "conv2_grad"), 0)
}

// chapter9Labels are the 40 labels the chapter lists (0 horizontal, 1 vertical).
var chapter9Labels = []float32{
	0, 1, 0, 0, 1, 0, 0, 1, 0, 1,
	1, 0, 1, 0, 1, 1, 0, 1, 0, 0,
	1, 1, 0, 1, 0, 0, 1, 1, 0, 1,
	0, 0, 1, 0, 1, 0, 1, 0, 1, 1,
}

// lineImages returns 4x4 images (-1 background, 1 line) of horizontal lines:
// straight ones on each row, then lines that step one row up or down after 1, 2 or
// 3 pixels. Transposed, they are vertical lines.
func lineImages() [][16]float32 {
	var out [][16]float32
	img := func(rowOf func(col int) int) [16]float32 {
		var m [16]float32
		for i := range m {
			m[i] = -1
		}
		for c := 0; c < 4; c++ {
			m[rowOf(c)*4+c] = 1
		}
		return m
	}
	for _, r := range []int{1, 2, 0, 3} {
		out = append(out, img(func(int) int { return r }))
	}
	for _, split := range []int{2, 1, 3} {
		for r := 0; r < 4; r++ {
			for _, step := range []int{1, -1} {
				if r+step < 0 || r+step > 3 {
					continue
				}
				out = append(out, img(func(c int) int {
					if c < split {
						return r
					}
					return r + step
				}))
			}
		}
	}
	return out
}

func transpose(m [16]float32) [16]float32 {
	var o [16]float32
	for r := 0; r < 4; r++ {
		for c := 0; c < 4; c++ {
			o[c*4+r] = m[r*4+c]
		}
	}
	return o
}

// Chapter9Net is the chapter's classifier of the extracted features.
type Chapter9Net struct {
	Fc1, Fc2 *nn.Linear
}

func (n *Chapter9Net) Forward(x *tensor.Tensor) *tensor.Tensor {
	return n.Fc2.Forward(n.Fc1.Forward(x).Sigmoid()).Sigmoid()
}

// Chapter 9's training: features of 40 line images through the fixed stack, then
// Linear(8,10)-sigmoid-Linear(10,1)-sigmoid with BCELoss, SGD lr=0.03, 10,000
// epochs. The chapter gets 37 of 40; the floor is 34.
func TestChapter9BCETraining(t *testing.T) {
	imgs := lineImages()
	var data []float32
	h, v := 0, 0
	for _, l := range chapter9Labels {
		if l == 0 {
			data = append(data, imgs[h][:]...)
			h++
		} else {
			m := transpose(imgs[v])
			data = append(data, m[:]...)
			v++
		}
	}
	if h > len(imgs) || v > len(imgs) {
		t.Fatalf("need %d horizontal and %d vertical images, have %d", h, v, len(imgs))
	}
	labels := tensor.FromSlice(chapter9Labels, 40)
	s := newChapter9Stack(t)
	features := s.Forward(tensor.FromSlice(data, 40, 1, 4, 4)).Detach()

	tensor.ManualSeed(9)
	net := &Chapter9Net{Fc1: nn.NewLinear(8, 10), Fc2: nn.NewLinear(10, 1)}
	criterion := nn.NewBCELoss()
	opt := optim.NewSGD(nn.Parameters(net), 0.03)
	var outputs, loss *tensor.Tensor
	first := 0.0
	for epoch := 1; epoch <= 10000; epoch++ {
		opt.ZeroGrad()
		outputs = net.Forward(features)
		loss = criterion.Forward(outputs.Squeeze(), labels)
		loss.Backward()
		opt.Step()
		if epoch == 1 {
			first = loss.Item()
		}
	}
	predicted := outputs.Reshape(1, -1).AddScalar(0.5).Int()
	correct := predicted.Eq(labels.Int()).Sum().Item()
	t.Logf("loss %.4f -> %.4f, correct %v / 40", first, loss.Item(), correct)
	if correct < 34 {
		t.Fatalf("correct %v / 40, want >= 34", correct)
	}
	if loss.Item() >= first {
		t.Fatalf("loss did not fall: %v -> %v", first, loss.Item())
	}
	// The chapter's four samples: horizontal ones near 0, the vertical near 1.
	res := net.Forward(s.Forward(rawRef(t, "sample").f32())).Float32s()
	if !(res[0] < 0.5 && res[1] > 0.5 && res[2] < 0.5) {
		t.Fatalf("predictions for the four samples %v: want horizontal < 0.5, vertical > 0.5", res)
	}
}

// Chapter 6 multiplies integer matrices through F.Linear.
func TestChapter6IntegerLinear(t *testing.T) {
	w := tensor.ArangeInt(1, 21).Reshape(5, 4)
	b := tensor.ArangeInt(1, 6)
	x := tensor.ArangeInt(1, 5)
	y := F.Linear(x, w, b)
	if y.DType() != tensor.Int64 || !slices.Equal(y.Int64s(), []int64{31, 72, 113, 154, 195}) {
		t.Fatalf("linear(x, w, b) = %v", y)
	}
	xs := tensor.New([][]int64{{1, 2, 3, 4}, {1, 2, 3, 4}})
	y = F.Linear(xs, w, b)
	want := []int64{31, 72, 113, 154, 195, 31, 72, 113, 154, 195}
	if !slices.Equal([]int(y.Shape()), []int{2, 5}) || !slices.Equal(y.Int64s(), want) {
		t.Fatalf("batched linear = %v", y)
	}
}

// Chapter 4: fc1.Forward on one sample equals w[i][j]*x[j] + b[i] summed by hand,
// and prints with PyTorch's AddBackward0 for a vector input.
func TestChapter4LinearByHand(t *testing.T) {
	tensor.ManualSeed(4)
	fc1 := nn.NewLinear(4, 5)
	x := tensor.New([]float32{4.9, 3.1, 1.5, 0.2})
	y := fc1.Forward(x)
	if y.GradFn() != "AddBackward0" {
		t.Errorf("grad_fn %q, want AddBackward0", y.GradFn())
	}
	w, b := fc1.Weight.Float32s(), fc1.Bias.Float32s()
	for i := 0; i < 5; i++ {
		o := w[i*4]*4.9 + w[i*4+1]*3.1 + w[i*4+2]*1.5 + w[i*4+3]*0.2 + b[i]
		if d := y.Float32s()[i] - o; d > 1e-6 || d < -1e-6 {
			t.Fatalf("output %d = %v, by hand %v", i, y.Float32s()[i], o)
		}
	}
	if got := fc1.Forward(tensor.New([][]float32{{4.9, 3.1, 1.5, 0.2}})).GradFn(); got != "AddmmBackward0" {
		t.Errorf("grad_fn for a batch %q, want AddmmBackward0", got)
	}
}
