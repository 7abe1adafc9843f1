package optim

import (
	"fmt"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Adam is the Adam optimiser (Kingma and Ba, 2014) computed exactly as torch.optim.Adam
// (PyTorch 1.13, the default single-tensor path) does. For each parameter p with
// gradient g, at its t-th update:
//
//	g = g + weight_decay * p                        (if weight_decay != 0: L2, not AdamW)
//	m = beta1 * m + (1 - beta1) * g
//	v = beta2 * v + (1 - beta2) * g * g
//	vmax = max(vmax, v); use vmax for v below        (AMSGrad only)
//	p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
//
// m, v and vmax start at zero; t counts per parameter, so a parameter that had no
// gradient at some step keeps its own count, as in PyTorch.
//
// The fields may be changed between steps, as a PyTorch reader changes
// optimizer.param_groups[0]["lr"].
type Adam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	AMSGrad                            bool

	paramGroup
}

// NewAdam returns an Adam optimiser over params with learning rate lr (PyTorch's
// default is 0.001), taking the options Betas, Eps, WeightDecay and AMSGrad:
//
//	opt := optim.NewAdam(nn.Parameters(net), 0.001)
//
// is torch.optim.Adam(net.parameters()) (see ExampleNewAdam_module). It panics for an invalid setting, as PyTorch
// raises ValueError.
func NewAdam(params []*tensor.Tensor, lr float64, opts ...Option) *Adam {
	const op = "optim.NewAdam"
	o := options{beta1: 0.9, beta2: 0.999, eps: 1e-8}
	g := newParamGroup(op, params, []string{"Betas", "Eps", "WeightDecay", "AMSGrad"}, &o, opts)
	a := &Adam{LR: lr, Beta1: o.beta1, Beta2: o.beta2, Eps: o.eps, WeightDecay: o.weightDecay, AMSGrad: o.amsgrad, paramGroup: g}
	a.check(op)
	return a
}

func (a *Adam) check(op string) {
	checkHyper(op, "learning rate", a.LR)
	checkHyper(op, "epsilon value", a.Eps)
	checkHyper(op, "weight_decay value", a.WeightDecay)
	if !(a.Beta1 >= 0 && a.Beta1 < 1) {
		panic(fmt.Sprintf("%s: invalid beta parameter at index 0: %v (must be in [0, 1))", op, a.Beta1))
	}
	if !(a.Beta2 >= 0 && a.Beta2 < 1) {
		panic(fmt.Sprintf("%s: invalid beta parameter at index 1: %v (must be in [0, 1))", op, a.Beta2))
	}
}

// ZeroGrad fills every parameter's existing gradient with zeros, as PyTorch 1.13's
// optimizer.zero_grad(); ZeroGrad(SetToNone()) sets them to nil instead.
func (a *Adam) ZeroGrad(opts ...Option) { zeroGrad("optim.Adam.ZeroGrad", a.params, opts) }

var adamBuffers = []string{"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}

// Step applies one Adam update to every parameter that has a gradient.
func (a *Adam) Step() {
	a.check("optim.Adam.Step")
	a.eachGrad("optim.Adam.Step", func(p, g *tensor.Tensor, st *ParamState) {
		if st.Buffers == nil {
			st.Buffers = map[string]*tensor.Tensor{}
		}
		for _, name := range adamBuffers[:2] {
			if st.Buffers[name] == nil {
				st.Buffers[name] = tensor.ZerosLike(p)
			}
		}
		if a.AMSGrad && st.Buffers["max_exp_avg_sq"] == nil {
			st.Buffers["max_exp_avg_sq"] = tensor.ZerosLike(p)
		}
		st.Step++
		// Scalars in float64 as PyTorch computes them in Python.
		step := float64(st.Step)
		biasCorrection1 := 1 - math.Pow(a.Beta1, step)
		biasCorrection2 := 1 - math.Pow(a.Beta2, step)
		c := adamConsts{
			stepSize: a.LR / biasCorrection1, bc2Sqrt: math.Sqrt(biasCorrection2),
			beta1: a.Beta1, beta2: a.Beta2, eps: a.Eps, wd: a.WeightDecay,
		}
		m, v, vmax := st.Buffers["exp_avg"], st.Buffers["exp_avg_sq"], st.Buffers["max_exp_avg_sq"]
		if !a.AMSGrad {
			vmax = nil
		}
		switch p.DType() {
		case tensor.Float32:
			adamUpdate(p.Float32s(), g.Float32s(), m.Float32s(), v.Float32s(), optional[float32](vmax), c)
		case tensor.Float64:
			adamUpdate(p.Float64s(), g.Float64s(), m.Float64s(), v.Float64s(), optional[float64](vmax), c)
		}
	})
}

type adamConsts struct {
	stepSize, bc2Sqrt, beta1, beta2, eps, wd float64
}

// adamUpdate is one Adam step over one parameter's elements, each operation rounded
// to T in the order PyTorch's kernels apply them (see sgdUpdate for the T(...)
// conversions). vmax is nil unless AMSGrad is on.
func adamUpdate[T float32 | float64](p, g, m, v, vmax []T, c adamConsts) {
	b1, oneMinusB1 := T(c.beta1), T(1-c.beta1)
	b2, oneMinusB2 := T(c.beta2), T(1-c.beta2)
	w, bc2Sqrt, eps, negStep := T(c.wd), T(c.bc2Sqrt), T(c.eps), T(-c.stepSize)
	n := len(p)
	g, m, v = g[:n], m[:n], v[:n]
	if c.wd == 0 && vmax == nil { // the default: no branches in the loop
		for j, d := range g {
			mj := T(m[j]*b1) + T(oneMinusB1*d)
			vj := T(v[j]*b2) + T(T(oneMinusB2*d)*d)
			m[j], v[j] = mj, vj
			denom := T(T(math.Sqrt(float64(vj)))/bc2Sqrt) + eps
			p[j] += T(negStep * T(mj/denom))
		}
		return
	}
	for j := range p {
		d := g[j]
		if c.wd != 0 {
			d = d + T(w*p[j])
		}
		m[j] = T(m[j]*b1) + T(oneMinusB1*d)
		v[j] = T(v[j]*b2) + T(T(oneMinusB2*d)*d)
		second := v[j]
		if vmax != nil {
			if v[j] > vmax[j] || v[j] != v[j] { // NaN propagates, as torch.maximum
				vmax[j] = v[j]
			}
			second = vmax[j]
		}
		denom := T(T(math.Sqrt(float64(second)))/bc2Sqrt) + eps
		p[j] = p[j] + T(negStep*T(m[j]/denom))
	}
}

// State returns a copy of the moment estimates and step counts.
func (a *Adam) State() State { return cloneState("Adam", a.hyper(), a.state) }

// LoadState replaces the moment estimates and step counts with a copy of st.
func (a *Adam) LoadState(st State) error {
	if err := checkState("Adam", a.params, st, adamBuffers); err != nil {
		return err
	}
	for i, ps := range st.Params {
		_, hasM := ps.Buffers["exp_avg"]
		_, hasV := ps.Buffers["exp_avg_sq"]
		if hasM != hasV || (hasM != (ps.Step > 0)) {
			return fmt.Errorf("optim: Adam state of parameter %d is incomplete (step %d, exp_avg present %v, exp_avg_sq present %v)", i, ps.Step, hasM, hasV)
		}
	}
	a.state = cloneState("Adam", nil, st.Params).Params
	return nil
}

func (a *Adam) hyper() map[string]float64 {
	ams := 0.0
	if a.AMSGrad {
		ams = 1
	}
	return map[string]float64{"lr": a.LR, "beta1": a.Beta1, "beta2": a.Beta2, "eps": a.Eps, "weight_decay": a.WeightDecay, "amsgrad": ams}
}

// String prints the optimiser as PyTorch 1.13 prints torch.optim.Adam.
func (a *Adam) String() string {
	return groupString("Adam", map[string]string{
		"amsgrad": pyBool(a.AMSGrad), "betas": "(" + pyFloat(a.Beta1) + ", " + pyFloat(a.Beta2) + ")", "capturable": "False",
		"differentiable": "False", "eps": pyFloat(a.Eps), "foreach": "None", "fused": "False", "lr": pyFloat(a.LR),
		"maximize": "False", "weight_decay": pyFloat(a.WeightDecay),
	})
}
