package tensor

import (
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

type viewErrorCase struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

func loadViewReference(t *testing.T) ([]refCase, []viewErrorCase) {
	t.Helper()
	doc := testkit.LoadJSON[struct {
		Cases  []refCase       `json:"cases"`
		Errors []viewErrorCase `json:"errors"`
	}](t, "testdata/views.json", "/usr/bin/python3 testdata/gen_views.py")
	if len(doc.Cases) < 30 || len(doc.Errors) < 2 {
		t.Fatalf("views.json has %d cases and %d errors", len(doc.Cases), len(doc.Errors))
	}
	return doc.Cases, doc.Errors
}

// applyView is the Go spelling of each gen_views.py case.
func applyView(name string, x []*Tensor) *Tensor {
	switch name {
	case "ch3_X0", "index0":
		return x[0].Index(0)
	case "ch3_X00":
		return x[0].Index(0).Index(0)
	case "ch3_X13", "slice_rows":
		return x[0].Slice(R(1, 3))
	case "ch3_X13_13", "slice_2d":
		return x[0].Slice(R(1, 3), R(1, 3))
	case "ch3_X13_then_13", "slice_slice":
		return x[0].Slice(R(1, 3)).Slice(R(1, 3))
	case "ch3_Xcol1", "select_col":
		return x[0].Slice(Colon(), I(1))
	case "index_neg":
		return x[0].Index(-1)
	case "select_1_2":
		return x[0].Select(1, 2)
	case "select_0_neg":
		return x[0].Select(0, -1)
	case "select_3d_last":
		return x[0].Select(2, 1)
	case "row_then_slice":
		return x[0].Slice(I(1), R(1, 3))
	case "slice_then_int":
		return x[0].Slice(R(1, 3), I(1))
	case "all_all":
		return x[0].Slice(Colon(), Colon())
	case "int_int":
		return x[0].Slice(I(2), I(3))
	case "ch6_loop":
		w, b, xs := x[0], x[1], x[2]
		result := Zeros(xs.Len(), w.Len())
		for idx, item := range xs.Rows() {
			result.SetIndex(idx, w.MatMul(item).Add(b))
		}
		return result
	case "set_bcast":
		z := Zeros(2, 3)
		z.SetIndex(0, 5)
		z.SetSlice(x[0], Colon(), I(1))
		return z
	case "set_nonleaf":
		h := x[0].MulScalar(2)
		h.SetSlice(x[1], R(1, 3))
		return h
	case "set_bcast_cols":
		h := x[0].MulScalar(1)
		h.SetSlice(x[1], Colon(), R(1, 3))
		return h
	case "set_cast_f64":
		return Zeros(2, 3).SetIndex(1, x[0])
	case "set_int_target":
		return ZerosOf(Int64, 2, 3).SetIndex(1, x[0])
	case "set_scalar":
		h := x[0].AddScalar(0)
		h.SetSlice(9.5, I(1), I(2))
		return h
	case "set_through_view", "set_view_row":
		r := Zeros(2, 5)
		row := r.Index(1)
		row.SetSlice(x[0], R(1, 3))
		if name == "set_view_row" {
			return row
		}
		return r
	case "fill_view":
		h := x[0].MulScalar(1)
		h.Index(1).Fill_(7)
		return h
	case "reshape_write":
		h := x[0].MulScalar(1)
		h.Reshape(6).SetSlice(FromSlice([]float32{10, 20}), R(2, 4))
		return h
	}
	panic("applyView: no Go spelling for " + name)
}

func TestViewsAgainstPyTorch(t *testing.T) {
	cases, _ := loadViewReference(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			ins := c.inputs()
			out := applyView(c.Name, ins)
			checkRefCase(t, c, ins, out, out)
		})
	}
}

func TestInPlaceGradErrorsMatchPyTorch(t *testing.T) {
	_, errs := loadViewReference(t)
	do := map[string]func(){
		"set_leaf":         func() { Zeros(3).RequiresGrad().Fill_(1) },
		"set_view_of_leaf": func() { Zeros(2, 3).RequiresGrad().SetIndex(0, 1.0) },
	}
	for _, e := range errs {
		f := do[e.Name]
		if f == nil {
			t.Errorf("%s: no Go counterpart", e.Name)
			continue
		}
		msg := testkit.MustPanic(t, f)
		if !strings.Contains(msg, e.Message) || !strings.Contains(msg, "NoGrad") {
			t.Errorf("%s: panic %q\nwant it to contain PyTorch's %q and the NoGrad way out", e.Name, msg, e.Message)
		}
	}
}
