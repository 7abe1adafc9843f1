package optim

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/internal/vec"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// SGD is stochastic gradient descent with optional momentum, dampening, weight decay
// and Nesterov momentum, computed exactly as torch.optim.SGD (PyTorch 1.13) does.
// For each parameter p with gradient g, one Step does
//
//	g = g + weight_decay * p                      (if weight_decay != 0)
//	if momentum != 0:
//	    buf = g                                    (first step: a copy, no dampening)
//	    buf = momentum * buf + (1 - dampening) * g (later steps)
//	    g = g + momentum * buf  if nesterov, else  g = buf
//	p = p - lr * g
//
// all in the parameter's dtype (float32 for the lessons), the hyper-parameters
// rounded to that dtype as PyTorch rounds them.
//
// The fields may be changed between steps, as a PyTorch reader changes
// optimizer.param_groups[0]["lr"].
type SGD struct {
	LR, Momentum, Dampening, WeightDecay float64
	Nesterov                             bool

	paramGroup
}

// NewSGD returns an SGD optimiser over params with learning rate lr, taking the options
// Momentum, Dampening, WeightDecay and Nesterov:
//
//	opt := optim.NewSGD(nn.Parameters(net), 0.001, optim.Momentum(0.9))
//
// is torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9) (see Example_module). It panics for an
// invalid setting, as PyTorch raises ValueError.
func NewSGD(params []*tensor.Tensor, lr float64, opts ...Option) *SGD {
	const op = "optim.NewSGD"
	var o options
	g := newParamGroup(op, params, []string{"Momentum", "Dampening", "WeightDecay", "Nesterov"}, &o, opts)
	s := &SGD{LR: lr, Momentum: o.momentum, Dampening: o.dampening, WeightDecay: o.weightDecay, Nesterov: o.nesterov, paramGroup: g}
	s.check(op)
	return s
}

func (s *SGD) check(op string) {
	checkHyper(op, "learning rate", s.LR)
	checkHyper(op, "momentum value", s.Momentum)
	checkHyper(op, "dampening value", s.Dampening)
	checkHyper(op, "weight_decay value", s.WeightDecay)
	if s.Nesterov && (s.Momentum <= 0 || s.Dampening != 0) {
		panic(fmt.Sprintf("%s: Nesterov momentum requires a momentum and zero dampening (momentum %v, dampening %v)", op, s.Momentum, s.Dampening))
	}
}

// ZeroGrad fills every parameter's existing gradient with zeros, as PyTorch 1.13's
// optimizer.zero_grad(); ZeroGrad(SetToNone()) sets them to nil instead.
func (s *SGD) ZeroGrad(opts ...Option) { zeroGrad("optim.SGD.ZeroGrad", s.params, opts) }

// Step applies one SGD update to every parameter that has a gradient.
func (s *SGD) Step() {
	s.check("optim.SGD.Step")
	s.eachGrad("optim.SGD.Step", func(p, g *tensor.Tensor, st *ParamState) {
		var buf *tensor.Tensor
		first := false
		if s.Momentum != 0 {
			if st.Buffers == nil {
				st.Buffers = map[string]*tensor.Tensor{}
			}
			buf = st.Buffers["momentum_buffer"]
			if buf == nil {
				buf = tensor.ZerosLike(p)
				st.Buffers["momentum_buffer"] = buf
				first = true
			}
		}
		switch p.DType() {
		case tensor.Float32:
			sgdUpdate(p.Float32s(), g.Float32s(), optional[float32](buf), first, s.LR, s.Momentum, s.Dampening, s.WeightDecay, s.Nesterov)
		case tensor.Float64:
			sgdUpdate(p.Float64s(), g.Float64s(), optional[float64](buf), first, s.LR, s.Momentum, s.Dampening, s.WeightDecay, s.Nesterov)
		}
	})
}

// sgdUpdate is one SGD step over one parameter's elements. Each line rounds to T as
// PyTorch's element-wise kernels do; the explicit T(...) conversions stop the
// compiler from fusing a multiply and an add, so the result is the same on every
// architecture. buf is nil without momentum; first says buf has just been created.
// The common cases get loops of their own, free of per-element branches.
func sgdUpdate[T float32 | float64](p, g, buf []T, first bool, lr, momentum, dampening, wd float64, nesterov bool) {
	negLR, m, oneMinusD, w := T(-lr), T(momentum), T(1-dampening), T(wd)
	g = g[:len(p)]
	switch {
	case wd == 0 && buf == nil: // plain SGD: the chapters' iris and BCE nets
		for j, gj := range g {
			p[j] += T(negLR * gj)
		}
		return
	case wd == 0 && buf != nil && !first && !nesterov && dampening == 0: // momentum: chapters 7-10
		buf = buf[:len(p)]
		if p, ok := any(p).([]float32); ok { // the same loop in eight lanes, to the bit
			vec.Momentum(p, any(g).([]float32), any(buf).([]float32), float32(m), float32(negLR))
			return
		}
		for j, gj := range g {
			b := T(buf[j]*m) + gj // (1 - 0) * g is g exactly
			buf[j] = b
			p[j] += T(negLR * b)
		}
		return
	}
	if buf != nil {
		buf = buf[:len(p)]
	}
	for j := range p {
		d := g[j]
		if wd != 0 {
			d = d + T(w*p[j])
		}
		if buf != nil {
			if first {
				buf[j] = d
			} else {
				buf[j] = T(buf[j]*m) + T(oneMinusD*d)
			}
			if nesterov {
				d = d + T(m*buf[j])
			} else {
				d = buf[j]
			}
		}
		p[j] = p[j] + T(negLR*d)
	}
}

// State returns a copy of the momentum buffers.
func (s *SGD) State() State { return cloneState("SGD", s.hyper(), s.state) }

// LoadState replaces the momentum buffers with a copy of st.
func (s *SGD) LoadState(st State) error {
	if err := checkState("SGD", s.params, st, []string{"momentum_buffer"}); err != nil {
		return err
	}
	s.state = cloneState("SGD", nil, st.Params).Params
	return nil
}

func (s *SGD) hyper() map[string]float64 {
	n := 0.0
	if s.Nesterov {
		n = 1
	}
	return map[string]float64{"lr": s.LR, "momentum": s.Momentum, "dampening": s.Dampening, "weight_decay": s.WeightDecay, "nesterov": n}
}

// String prints the optimiser as PyTorch 1.13 prints torch.optim.SGD.
func (s *SGD) String() string {
	return groupString("SGD", map[string]string{
		"dampening": pyFloat(s.Dampening), "differentiable": "False", "foreach": "None", "lr": pyFloat(s.LR),
		"maximize": "False", "momentum": pyFloat(s.Momentum), "nesterov": pyBool(s.Nesterov), "weight_decay": pyFloat(s.WeightDecay),
	})
}
