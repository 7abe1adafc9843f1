package tensorcodec

import "github.com/kosaku-dl/kosaku/pkg/tensor"

// dtypeInfo is how one dtype is stored: the state dict names it by code, the session
// header by name.
type dtypeInfo struct {
	dtype tensor.DType
	code  byte
	name  string
	size  int // bytes per element
}

var dtypes = []dtypeInfo{
	{tensor.Float32, 1, "float32", 4},
	{tensor.Float64, 2, "float64", 8},
	{tensor.Int64, 3, "int64", 8},
	{tensor.Int32, 4, "int32", 4},
	{tensor.Bool, 5, "bool", 1},
}

func byDType(d tensor.DType) (dtypeInfo, bool) {
	for _, i := range dtypes {
		if i.dtype == d {
			return i, true
		}
	}
	return dtypeInfo{}, false
}

func byCode(c byte) (dtypeInfo, bool) {
	for _, i := range dtypes {
		if i.code == c {
			return i, true
		}
	}
	return dtypeInfo{}, false
}

func byName(n string) (dtypeInfo, bool) {
	for _, i := range dtypes {
		if i.name == n {
			return i, true
		}
	}
	return dtypeInfo{}, false
}

// Name is the name a session header gives dtype d ("float32", ..., "bool"); ok is false
// for a dtype no file can hold.
func Name(d tensor.DType) (name string, ok bool) {
	i, ok := byDType(d)
	return i.name, ok
}
