package nn

import (
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unsafe"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Module is a layer or a whole network: anything with a Forward method from one
// tensor to one tensor. Go has no __call__, so where PyTorch writes net(x) a Kosaku
// program writes net.Forward(x).
//
// A module's parameters and submodules are its struct fields; nothing needs to be
// registered. The functions of this package (Parameters, NamedParameters, Train,
// Eval, Sprint, StateDict, Save, Load) walk a module's fields by reflection:
//
//   - a *tensor.Tensor field marked as a parameter (NewParameter, or
//     t.MarkParameter()) is a parameter, named after the field; other tensors are
//     plain values, as attributes that are not nn.Parameter are in PyTorch;
//   - a field holding a Module is a submodule, and its parameters are named with the
//     field's name as a prefix ("fc1.weight");
//   - a slice or array of Modules is a list of submodules named "name.0",
//     "name.1", ... (PyTorch's ModuleList), and a slice or array of parameter
//     tensors a list of parameters named the same way (ParameterList);
//   - an embedded struct that is not a Module contributes its fields as if they were
//     the outer struct's own (this is how Base adds the training flag).
//
// A field's name is its Go name with the leading capitals lower-cased (Fc1 -> fc1,
// Weight -> weight, FC1 -> fc1), or the name in an `nn:"name"` tag; `nn:"-"` hides a
// field. Unexported fields count too, so a notebook can write
// `type Net struct{ fc1, fc2 *nn.Linear }` exactly as PyTorch's self.fc1.
// Nil fields are skipped (a Linear without bias has a nil Bias).
type Module interface {
	Forward(x *tensor.Tensor) *tensor.Tensor
}

// Container is a Module that lists its own submodules instead of exposing them as
// fields; Sequential is one. Modules returns them with their names, in order.
type Container interface {
	Module
	Modules() []NamedModule
}

// NamedModule is a submodule with the name it has inside its parent.
type NamedModule struct {
	Name   string
	Module Module
}

// TrainingSetter is implemented by modules whose behaviour depends on the mode
// (Dropout). Train and Eval call SetTraining on every module of a tree that has it.
// Embedding Base gives a module this method.
type TrainingSetter interface {
	SetTraining(training bool)
}

// Base is embedded by modules that behave differently in training and in
// evaluation. Its zero value is in training mode, like a new PyTorch module; Train
// and Eval switch it. Embed it in your own module to ask m.Training() in Forward.
type Base struct {
	eval bool
}

// SetTraining sets the mode; Train and Eval call it.
func (b *Base) SetTraining(training bool) { b.eval = !training }

// Training reports whether the module is in training mode (PyTorch's
// module.training).
func (b *Base) Training() bool { return !b.eval }

// NewParameter marks t as a parameter of a module and returns it: it then requires a
// gradient, is found by Parameters and NamedParameters, saved by Save, and prints as
// "Parameter containing:" like torch.nn.Parameter. It is t.MarkParameter().
func NewParameter(t *tensor.Tensor) *tensor.Tensor { return t.MarkParameter() }

var (
	tensorType = reflect.TypeFor[*tensor.Tensor]()
	moduleType = reflect.TypeFor[Module]()
)

// node is one module of a tree as the walk sees it: its own parameters and its
// direct submodules, in declaration order.
type node struct {
	typeName string
	module   Module // nil for the ModuleList made from a slice field
	params   []namedTensor
	children []namedNode
}

type namedTensor struct {
	name string
	t    *tensor.Tensor
}

type namedNode struct {
	name string
	node *node
}

// inspect builds the tree of m. seen guards against cycles (a module that refers to
// its parent): a module already on the path is not entered again.
func inspect(m Module, seen map[any]bool) *node {
	n := &node{typeName: typeName(m), module: m}
	if key, ok := identity(m); ok {
		if seen[key] {
			return n
		}
		seen[key] = true
		defer delete(seen, key)
	}
	if c, ok := m.(Container); ok {
		for _, ch := range c.Modules() {
			if ch.Module != nil {
				n.children = append(n.children, namedNode{ch.Name, inspect(ch.Module, seen)})
			}
		}
		return n
	}
	v := reflect.ValueOf(m)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return n
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return n
	}
	if !v.CanAddr() {
		// A module passed by value: copy it so that unexported fields can be read.
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	n.walkFields(v, seen)
	return n
}

func (n *node) walkFields(v reflect.Value, seen map[any]bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, ok := fieldName(f)
		if !ok {
			continue
		}
		fv := v.Field(i)
		if !f.IsExported() {
			fv = reflect.NewAt(f.Type, unsafe.Pointer(fv.UnsafeAddr())).Elem()
		}
		switch {
		case f.Type == tensorType:
			if p := fv.Interface().(*tensor.Tensor); p != nil && p.IsParameter() {
				n.params = append(n.params, namedTensor{name, p})
			}
		case f.Type.Implements(moduleType) || (f.Type.Kind() == reflect.Interface && fv.Elem().IsValid() && fv.Elem().Type().Implements(moduleType)):
			if m, ok := asModule(fv); ok {
				n.children = append(n.children, namedNode{name, inspect(m, seen)})
			}
		case (f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Array) && f.Type.Elem() == tensorType:
			// A list of parameters (PyTorch's ParameterList): name.0, name.1, ...
			for j := 0; j < fv.Len(); j++ {
				if p := fv.Index(j).Interface().(*tensor.Tensor); p != nil && p.IsParameter() {
					n.params = append(n.params, namedTensor{name + "." + strconv.Itoa(j), p})
				}
			}
		case f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Array:
			if list := moduleList(fv, seen); list != nil {
				n.children = append(n.children, namedNode{name, list})
			}
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			n.walkFields(fv, seen)
		case f.Anonymous && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct && !fv.IsNil():
			n.walkFields(fv.Elem(), seen)
		}
	}
}

// moduleList turns a slice or array whose elements are Modules into a ModuleList
// node, or returns nil when the elements are not Modules.
func moduleList(v reflect.Value, seen map[any]bool) *node {
	et := v.Type().Elem()
	if !et.Implements(moduleType) && et.Kind() != reflect.Interface {
		return nil
	}
	list := &node{typeName: "ModuleList"}
	for i := 0; i < v.Len(); i++ {
		if m, ok := asModule(v.Index(i)); ok {
			list.children = append(list.children, namedNode{strconv.Itoa(i), inspect(m, seen)})
		}
	}
	if len(list.children) == 0 && !et.Implements(moduleType) {
		return nil // e.g. a []any holding no modules
	}
	return list
}

// asModule returns the Module in v, or false for nil pointers and interfaces and
// for values that are not Modules.
func asModule(v reflect.Value) (Module, bool) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil, false
	}
	m, ok := v.Interface().(Module)
	return m, ok
}

// identity returns a comparable key for modules held by pointer.
func identity(m Module) (any, bool) {
	v := reflect.ValueOf(m)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return v.Pointer(), true
	}
	return nil, false
}

// fieldName gives the PyTorch-style name of a struct field, or false when the field
// is hidden with `nn:"-"`.
func fieldName(f reflect.StructField) (string, bool) {
	if tag, ok := f.Tag.Lookup("nn"); ok {
		if tag == "-" {
			return "", false
		}
		if tag != "" {
			return tag, true
		}
	}
	return lowerLeading(f.Name), true
}

// lowerLeading lower-cases the leading run of capitals, keeping the last one of a
// run that starts a new word: Fc1 -> fc1, FC1 -> fc1, HTTPServer -> httpServer.
func lowerLeading(s string) string {
	runes := []rune(s)
	i := 0
	for i < len(runes) && unicode.IsUpper(runes[i]) {
		i++
	}
	switch {
	case i == 0:
		return s
	case i > 1 && i < len(runes) && unicode.IsLower(runes[i]):
		i-- // the last capital starts the next word
	}
	for j := 0; j < i; j++ {
		runes[j] = unicode.ToLower(runes[j])
	}
	return string(runes)
}

func typeName(m Module) string {
	t := reflect.TypeOf(m)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if name := t.Name(); name != "" {
		// Generic instantiations print as Name[...]: keep the name only.
		if i := strings.IndexByte(name, '['); i > 0 {
			name = name[:i]
		}
		return name
	}
	return t.String()
}

// eachParameter visits every parameter of the tree under its full name: a module's
// own parameters first, then its submodules' in order, as PyTorch's
// named_parameters. A tensor reached twice (a shared layer) is visited once.
func (n *node) eachParameter(yield func(string, *tensor.Tensor) bool) {
	seen := make(map[*tensor.Tensor]bool)
	var walk func(prefix string, n *node) bool
	walk = func(prefix string, n *node) bool {
		for _, p := range n.params {
			if seen[p.t] {
				continue
			}
			seen[p.t] = true
			if !yield(prefix+p.name, p.t) {
				return false
			}
		}
		for _, c := range n.children {
			if !walk(prefix+c.name+".", c.node) {
				return false
			}
		}
		return true
	}
	walk("", n)
}

// NamedParameters returns the parameters of m and of all its submodules with
// PyTorch's dotted names, in declaration order:
//
//	for name, p := range nn.NamedParameters(net) {
//		fmt.Println(name, p.Shape()) // fc1.weight torch.Size([5, 4]) ...
//	}
//
// (see Example_userModule).
//
// It panics if m is nil, or if a layer's Weight or Bias was replaced by a plain
// tensor (conv1.Weight = kernels1): such a tensor would silently be neither
// trained nor saved. Use conv1.Weight.SetData(kernels1) or nn.NewParameter.
func NamedParameters(m Module) iter.Seq2[string, *tensor.Tensor] {
	return namedParameters("nn.NamedParameters", m)
}

func namedParameters(op string, m Module) iter.Seq2[string, *tensor.Tensor] {
	checkModule(op, m)
	n := inspect(m, map[any]bool{})
	n.checkLayerParameters(op, "")
	return func(yield func(string, *tensor.Tensor) bool) {
		n.eachParameter(yield)
	}
}

// Parameters returns the parameters of m and of all its submodules, in the order of
// NamedParameters, ready for an optimiser: optim.NewSGD(nn.Parameters(net), 0.01).
// It panics as NamedParameters does.
func Parameters(m Module) []*tensor.Tensor {
	var ps []*tensor.Tensor
	for _, p := range namedParameters("nn.Parameters", m) {
		ps = append(ps, p)
	}
	return ps
}

// checkModule panics, naming op, when m is nil: a nil interface or a nil pointer
// (a network declared with var net *Net but never built).
func checkModule(op string, m Module) {
	if m == nil {
		panic(op + ": the module is nil; build it first (net := NewNet() or &Net{...})")
	}
	if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer && v.IsNil() {
		panic(fmt.Sprintf("%s: the module is a nil %T; build it first (net := NewNet() or &Net{...})", op, m))
	}
}

// checkLayerParameters walks the tree under prefix and panics, naming op, at the
// first Linear or Conv2d whose Weight or Bias is a tensor that is not a
// parameter: PyTorch refuses such an assignment (TypeError: cannot assign
// 'torch.FloatTensor' as parameter 'weight'); Go cannot stop it, so it is caught
// at the next use.
func (n *node) checkLayerParameters(op, prefix string) {
	var w, b *tensor.Tensor
	switch l := n.module.(type) {
	case *Linear:
		if l != nil {
			w, b = l.Weight, l.Bias
		}
	case *Conv2d:
		if l != nil {
			w, b = l.Weight, l.Bias
		}
	}
	checkLayerParameter(op, n.typeName, prefix, "Weight", w)
	checkLayerParameter(op, n.typeName, prefix, "Bias", b)
	for _, c := range n.children {
		c.node.checkLayerParameters(op, prefix+c.name+".")
	}
}

func checkLayerParameter(op, layer, prefix, field string, t *tensor.Tensor) {
	if t == nil || t.IsParameter() {
		return
	}
	at := strings.TrimSuffix(prefix, ".")
	if at == "" {
		at = "the layer"
	}
	panic(fmt.Sprintf("%s: %s%s of %s (%s) is a plain tensor %v %v, not a parameter, so it would be neither trained nor saved "+
		"(was a tensor assigned to it, as in layer.%s = kernels?): copy values in with layer.%s.SetData(kernels) "+
		"(PyTorch's layer.%s.data = kernels) or assign layer.%s = nn.NewParameter(kernels)",
		op, prefix, strings.ToLower(field), at, layer, t.DType(), []int(t.Shape()), field, field, strings.ToLower(field), field))
}

// Train puts m and every submodule into training mode (PyTorch's net.train()):
// Dropout drops.
func Train(m Module) { setTraining(m, true) }

// Eval puts m and every submodule into evaluation mode (PyTorch's net.eval()):
// Dropout passes its input through unchanged.
func Eval(m Module) { setTraining(m, false) }

func setTraining(m Module, on bool) {
	if on {
		checkModule("nn.Train", m)
	} else {
		checkModule("nn.Eval", m)
	}
	var walk func(n *node)
	walk = func(n *node) {
		if s, ok := n.module.(TrainingSetter); ok {
			s.SetTraining(on)
		}
		for _, c := range n.children {
			walk(c.node)
		}
	}
	walk(inspect(m, map[any]bool{}))
}

// Sprint returns m's structure as PyTorch prints a module: a layer as its one-line
// description (Linear(in_features=4, out_features=5, bias=True)), a network as its
// type name and its submodules, one per line:
//
//	Net(
//	  (fc1): Linear(in_features=4, out_features=5, bias=True)
//	  (fc2): Linear(in_features=5, out_features=1, bias=True)
//	)
//
// A module without submodules prints with its String method if it has one, else as
// its type name followed by "()".
func Sprint(m Module) string {
	checkModule("nn.Sprint", m)
	return inspect(m, map[any]bool{}).sprint()
}

// Print writes m's structure to standard output, as PyTorch's print(net) does
// (see Sprint for the format):
//
//	nn.Print(net)
//
// The package's layers print themselves with fmt as well (fmt.Println(fc1) gives
// Linear(in_features=4, out_features=5, bias=True), fmt.Println(seq) the whole
// Sequential), but a network struct written in a notebook does not: fmt knows
// nothing of its fields' meaning and prints &{0xc000010000 0xc000010008}. Go gives
// a struct no way to inherit a String method that sees the struct around it, so
// nn.Print is the one call that works for every module.
func Print(m Module) {
	checkModule("nn.Print", m)
	fmt.Println(inspect(m, map[any]bool{}).sprint())
}

func (n *node) sprint() string {
	if len(n.children) == 0 {
		if s, ok := n.module.(fmt.Stringer); ok && n.module != nil && !isContainerPrint(n.module) {
			return s.String()
		}
		return n.typeName + "()"
	}
	var b strings.Builder
	b.WriteString(n.typeName + "(\n")
	for _, c := range n.children {
		child := strings.ReplaceAll(c.node.sprint(), "\n", "\n  ")
		fmt.Fprintf(&b, "  (%s): %s\n", c.name, child)
	}
	b.WriteString(")")
	return b.String()
}

// isContainerPrint reports whether m's String method is itself Sprint (Sequential's
// is), which would recurse forever for an empty container.
func isContainerPrint(m Module) bool {
	_, ok := m.(Container)
	return ok
}

// short helper used by layers' String methods.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
