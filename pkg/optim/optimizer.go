package optim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kosaku-dl/kosaku/pkg/internal/option"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Optimizer is what every optimiser here does: the two calls of a training loop, plus
// access to its parameters and its internal state so that a training session can be
// saved in one notebook cell and carried on in another.
type Optimizer interface {
	// Step updates every parameter that has a gradient, in place, from its gradient.
	// Parameters whose gradient is nil are skipped (their state does not change either),
	// as PyTorch skips parameters whose .grad is None; a zero gradient (what ZeroGrad
	// leaves) is a gradient like any other.
	Step()
	// ZeroGrad clears the gradients so that the next Backward starts from nothing.
	// As PyTorch 1.13's zero_grad() it fills every existing gradient with zeros in
	// place and leaves a parameter that has none at nil; ZeroGrad(SetToNone()) sets
	// them all to nil instead (zero_grad(set_to_none=True), PyTorch 2's default).
	// The difference shows in Step: a zero gradient is a gradient, so a parameter the
	// last loss did not use still moves by its momentum, as in 1.13.
	ZeroGrad(opts ...Option)
	// Params returns the optimised tensors, in the order given to the constructor.
	Params() []*tensor.Tensor
	// State returns a deep copy of the optimiser's state (momentum buffers, Adam's
	// moments and step counts), one entry per parameter.
	State() State
	// LoadState replaces the optimiser's state with a copy of s. It returns an error,
	// and changes nothing, when s was made by another algorithm or for parameters of
	// other shapes.
	LoadState(s State) error
}

// State is an optimiser's state in the shape of PyTorch's optimizer.state_dict():
// per-parameter buffers named as PyTorch names them, plus the hyper-parameters for
// reference.
type State struct {
	// Optimizer is the algorithm's name: "SGD" or "Adam".
	Optimizer string
	// Hyper holds the hyper-parameters the state was made with (lr, momentum, ...).
	// LoadState does not apply them: unlike PyTorch's load_state_dict, the optimiser
	// keeps the settings it was built with, because in a notebook the cell's code is
	// the source of truth.
	Hyper map[string]float64
	// Params has one entry per parameter, in the optimiser's parameter order.
	Params []ParamState
}

// ParamState is the state kept for one parameter.
type ParamState struct {
	// Step counts the updates this parameter received (Adam's state["step"]);
	// it stays 0 for SGD.
	Step int64
	// Buffers maps PyTorch's names ("momentum_buffer" for SGD; "exp_avg",
	// "exp_avg_sq" and, with AMSGrad, "max_exp_avg_sq" for Adam) to tensors of the
	// parameter's shape and dtype. It is empty until the parameter's first update.
	Buffers map[string]*tensor.Tensor
}

// Option is a keyword argument of NewSGD or NewAdam, named after PyTorch's.
type Option struct {
	name  string
	apply func(*options)
}

type options struct {
	momentum, dampening, weightDecay float64
	nesterov, amsgrad                bool
	beta1, beta2, eps                float64
	setToNone                        bool
}

// Momentum sets SGD's momentum factor (PyTorch's momentum=, default 0).
func Momentum(m float64) Option {
	return Option{"Momentum", func(o *options) { o.momentum = m }}
}

// Dampening sets SGD's dampening of the momentum (PyTorch's dampening=, default 0).
func Dampening(d float64) Option {
	return Option{"Dampening", func(o *options) { o.dampening = d }}
}

// Nesterov turns on Nesterov momentum for SGD (PyTorch's nesterov=True). It needs a
// positive momentum and zero dampening.
func Nesterov() Option {
	return Option{"Nesterov", func(o *options) { o.nesterov = true }}
}

// WeightDecay adds wd * param to every gradient before the update: an L2 penalty
// (PyTorch's weight_decay=, default 0), for SGD and Adam alike.
func WeightDecay(wd float64) Option {
	return Option{"WeightDecay", func(o *options) { o.weightDecay = wd }}
}

// Betas sets Adam's decay rates of the first and second moment estimates
// (PyTorch's betas=, default (0.9, 0.999)).
func Betas(beta1, beta2 float64) Option {
	return Option{"Betas", func(o *options) { o.beta1, o.beta2 = beta1, beta2 }}
}

// Eps sets the term Adam adds to the denominator for numerical stability
// (PyTorch's eps=, default 1e-8).
func Eps(eps float64) Option {
	return Option{"Eps", func(o *options) { o.eps = eps }}
}

// AMSGrad turns on the AMSGrad variant of Adam (PyTorch's amsgrad=True), which divides
// by the running maximum of the second moment.
func AMSGrad() Option {
	return Option{"AMSGrad", func(o *options) { o.amsgrad = true }}
}

// SetToNone makes ZeroGrad set the gradients to nil instead of filling them with
// zeros: opt.ZeroGrad(optim.SetToNone()) is PyTorch's
// optimizer.zero_grad(set_to_none=True). A parameter whose gradient is nil is then
// skipped by Step (no update, no momentum), where a zero gradient still lets
// momentum move it.
func SetToNone() Option {
	return Option{"SetToNone", func(o *options) { o.setToNone = true }}
}

// applyOptions applies opts to o, panicking for an option the optimiser op does not take.
func applyOptions(op string, allowed []string, o *options, opts []Option) {
	for _, opt := range opts {
		option.Check(op, opt.name, allowed)
		opt.apply(o)
	}
}

// checkParams panics unless params are distinct float leaf tensors.
func checkParams(op string, params []*tensor.Tensor) {
	if len(params) == 0 {
		// PyTorch: ValueError: optimizer got an empty parameter list.
		panic(op + ": optimizer got an empty parameter list; pass the model's, e.g. nn.Parameters(net)")
	}
	seen := make(map[*tensor.Tensor]int, len(params))
	for i, p := range params {
		if p == nil {
			panic(fmt.Sprintf("%s: parameter %d of %d is a nil tensor; pass the model's parameters, e.g. nn.Parameters(net)", op, i, len(params)))
		}
		if j, dup := seen[p]; dup {
			panic(fmt.Sprintf("%s: parameters %d and %d are the same tensor %v; it would be updated twice", op, j, i, []int(p.Shape())))
		}
		seen[p] = i
		if d := p.DType(); d != tensor.Float32 && d != tensor.Float64 {
			panic(fmt.Sprintf("%s: parameter %d has dtype %v with shape %v; only float32 and float64 can be optimised", op, i, d, []int(p.Shape())))
		}
		if !p.IsLeaf() {
			panic(fmt.Sprintf("%s: parameter %d (shape %v) is not a leaf tensor (it has grad_fn %s); optimise the tensor it was computed from", op, i, []int(p.Shape()), p.GradFn()))
		}
	}
}

// paramGroup is what every optimiser holds besides its settings: the parameters, in
// the order given to the constructor, and their state, one entry per parameter.
type paramGroup struct {
	params []*tensor.Tensor
	state  []ParamState
}

// newParamGroup is the start of every constructor op ("optim.NewSGD"): it applies opts
// (those named in allowed) to o and checks params, panicking as PyTorch raises.
func newParamGroup(op string, params []*tensor.Tensor, allowed []string, o *options, opts []Option) paramGroup {
	applyOptions(op, allowed, o, opts)
	checkParams(op, params)
	return paramGroup{params: append([]*tensor.Tensor(nil), params...), state: make([]ParamState, len(params))}
}

// Params returns the optimised tensors.
func (g *paramGroup) Params() []*tensor.Tensor { return append([]*tensor.Tensor(nil), g.params...) }

// eachGrad calls update for every parameter that has a gradient, with the gradient
// and the parameter's state, after checking that the gradient fits (op names the
// Step in the panic). Parameters without a gradient are skipped, as PyTorch skips
// those whose .grad is None.
func (g *paramGroup) eachGrad(op string, update func(p, grad *tensor.Tensor, st *ParamState)) {
	for i, p := range g.params {
		grad := p.Grad()
		if grad == nil {
			continue
		}
		checkGrad(op, i, p, grad)
		update(p, grad, &g.state[i])
	}
}

// checkHyper panics for a negative or non-finite hyper-parameter, as PyTorch's
// constructors raise ValueError.
func checkHyper(op, name string, v float64) {
	if !(v >= 0) || v > 1e300 {
		panic(fmt.Sprintf("%s: invalid %s %v (must be a finite number >= 0)", op, name, v))
	}
}

// zeroGrad clears the gradients of params as PyTorch 1.13's zero_grad does: an
// existing gradient is filled with zeros in place (a reader's g := p.Grad() sees the
// zeros), a missing one stays nil; with SetToNone every gradient becomes nil.
func zeroGrad(op string, params []*tensor.Tensor, opts []Option) {
	var o options
	applyOptions(op, []string{"SetToNone"}, &o, opts)
	for _, p := range params {
		g := p.Grad()
		switch {
		case g == nil:
		case o.setToNone:
			p.SetGrad(nil)
		case g.DType() == tensor.Float32:
			clear(g.Float32s())
		case g.DType() == tensor.Float64:
			clear(g.Float64s())
		default:
			p.SetGrad(nil)
		}
	}
}

// cloneState deep-copies a per-parameter state table.
func cloneState(name string, hyper map[string]float64, params []ParamState) State {
	s := State{Optimizer: name, Hyper: make(map[string]float64, len(hyper)), Params: make([]ParamState, len(params))}
	for k, v := range hyper {
		s.Hyper[k] = v
	}
	for i, ps := range params {
		s.Params[i] = ParamState{Step: ps.Step, Buffers: cloneBuffers(ps.Buffers)}
	}
	return s
}

func cloneBuffers(b map[string]*tensor.Tensor) map[string]*tensor.Tensor {
	out := make(map[string]*tensor.Tensor, len(b))
	for k, t := range b {
		c := tensor.ZerosLike(t)
		c.CopyFrom(t)
		out[k] = c
	}
	return out
}

// checkState returns an error unless s fits an optimiser called name over params,
// whose buffers may only use the given names.
func checkState(name string, params []*tensor.Tensor, s State, names []string) error {
	if s.Optimizer != name {
		return fmt.Errorf("optim: cannot load %s state into an %s optimiser; build a %s optimiser or start training afresh", s.Optimizer, name, s.Optimizer)
	}
	if len(s.Params) != len(params) {
		return fmt.Errorf("optim: %s state has %d parameters but the optimiser has %d; the model has changed since the state was saved", name, len(s.Params), len(params))
	}
	for i, ps := range s.Params {
		p := params[i]
		if ps.Step < 0 {
			return fmt.Errorf("optim: %s state of parameter %d has a negative step count %d", name, i, ps.Step)
		}
		for k, t := range ps.Buffers {
			known := false
			for _, n := range names {
				known = known || n == k
			}
			if !known {
				return fmt.Errorf("optim: %s state of parameter %d has an unknown buffer %q (expected %s)", name, i, k, strings.Join(names, ", "))
			}
			if t == nil {
				return fmt.Errorf("optim: %s state of parameter %d has a nil %q buffer", name, i, k)
			}
			if !tensor.SameShape(t, p) || t.DType() != p.DType() {
				return fmt.Errorf("optim: %s buffer %q of parameter %d is %v %v but the parameter is %v %v; the model has changed since the state was saved",
					name, k, i, t.DType(), []int(t.Shape()), p.DType(), []int(p.Shape()))
			}
		}
	}
	return nil
}

// optional is the storage of a state buffer that may not be in use (SGD without
// momentum, Adam without AMSGrad): nil when t is nil.
func optional[T tensor.Float](t *tensor.Tensor) []T {
	if t == nil {
		return nil
	}
	return tensor.Data[T](t)
}

// checkGrad panics unless gradient g fits parameter p. tensor.SameShape compares
// the shapes without copying them, so a step does not allocate.
func checkGrad(op string, i int, p, g *tensor.Tensor) {
	if !tensor.SameShape(g, p) || g.DType() != p.DType() {
		panic(tensor.ShapeErrorf(op, "parameter %d is %v %v but its gradient is %v %v", i, p.DType(), p.Shape(), g.DType(), g.Shape()))
	}
}

// groupString formats an optimiser as PyTorch 1.13 prints it: the name, then one
// parameter group with its settings in sorted order.
func groupString(name string, settings map[string]string) string {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(name + " (\nParameter Group 0\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s: %s\n", k, settings[k])
	}
	b.WriteString(")")
	return b.String()
}

// pyFloat formats v as Python's repr of a float, except that 0 prints as "0", the way
// PyTorch shows its integer defaults.
func pyFloat(v float64) string {
	if v == 0 {
		return "0"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if e := strings.IndexByte(s, 'e'); e >= 0 {
		exp, _ := strconv.Atoi(s[e+1:])
		if exp >= -4 && exp < 16 {
			s = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
