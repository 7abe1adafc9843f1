package train

import (
	"iter"

	"github.com/kosaku-dl/kosaku/pkg/optim"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// tinyModel is y = dropout(x) @ w + b with w [3, 2] and b [2], built from tensors alone
// so these tests do not need pkg/nn. Its dropout draws from the global generator, which
// is what makes exact resume depend on the session's per-batch seeding.
type tinyModel struct {
	w, b *tensor.Tensor
}

func newTinyModel(seed uint64) *tinyModel {
	g := tensor.NewGenerator(seed)
	return &tinyModel{
		w: tensor.Randn(g, 3, 2).RequiresGrad(),
		b: tensor.Randn(g, 2).RequiresGrad(),
	}
}

// named gives the model as a session keeps it: its two tensors by name.
func (m *tinyModel) named() tensors {
	return tensors{"fc.weight": m.w, "fc.bias": m.b}
}

// tensors is a model given as its tensors by name — the way a model built from plain
// tensors, with no nn layers, hands them to a session: through a StateDict method.
type tensors map[string]*tensor.Tensor

func (t tensors) StateDict() map[string]*tensor.Tensor { return t }

// Forward is never called: a session only keeps a model's tensors.
func (t tensors) Forward(x *tensor.Tensor) *tensor.Tensor { panic("tensors is not a network") }

func (m *tinyModel) params() []*tensor.Tensor { return []*tensor.Tensor{m.w, m.b} }

// loss is the mean squared error of the model on a batch, with dropout p = 0.25.
func (m *tinyModel) loss(x, y *tensor.Tensor) *tensor.Tensor {
	keep := tensor.Rand(nil, x.Shape()...).GeScalar(0.25).Float().MulScalar(1 / 0.75)
	out := x.Mul(keep).MatMul(m.w).Add(m.b)
	return out.Sub(y).Pow(2).Mean()
}

func (m *tinyModel) step(opt optim.Optimizer, s *Session, x, y *tensor.Tensor) {
	opt.ZeroGrad()
	loss := m.loss(x, y)
	loss.Backward()
	opt.Step()
	s.Step(loss)
}

// sliceLoader serves rows of x and y in batches, shuffled per epoch from (seed, epoch)
// alone, as Loader asks.
type sliceLoader struct {
	x, y      *tensor.Tensor
	batchSize int
	seed      uint64
}

func tinyData() *sliceLoader {
	g := tensor.NewGenerator(99)
	x := tensor.Randn(g, 48, 3)
	trueW := tensor.New([][]float32{{1, -2}, {0.5, 1}, {-1, 0.25}})
	y := x.MatMul(trueW).AddScalar(0.5).Add(tensor.Randn(g, 48, 2).MulScalar(0.1))
	return &sliceLoader{x: x, y: y, batchSize: 4, seed: 5}
}

func (l *sliceLoader) Len() int     { return (l.x.Len() + l.batchSize - 1) / l.batchSize }
func (l *sliceLoader) Seed() uint64 { return l.seed }

func (l *sliceLoader) EpochBatches(epoch, start int) iter.Seq2[*tensor.Tensor, *tensor.Tensor] {
	return func(yield func(*tensor.Tensor, *tensor.Tensor) bool) {
		n := l.x.Len()
		perm := tensor.NewGenerator(EpochSeed(l.seed, epoch)).Perm(n)
		for b := start; b*l.batchSize < n; b++ {
			idx := perm[b*l.batchSize : min(n, (b+1)*l.batchSize)]
			if !yield(rows(l.x, idx), rows(l.y, idx)) {
				return
			}
		}
	}
}

// rows gathers rows idx of a float32 matrix.
func rows(t *tensor.Tensor, idx []int) *tensor.Tensor {
	cols := t.Shape()[1]
	src := t.Float32s()
	out := make([]float32, 0, len(idx)*cols)
	for _, i := range idx {
		out = append(out, src[i*cols:(i+1)*cols]...)
	}
	return tensor.FromSlice(out, len(idx), cols)
}
