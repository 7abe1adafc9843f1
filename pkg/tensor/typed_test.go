package tensor

import (
	"errors"
	"fmt"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestDataIsTheStorageAndDoesNotAllocate(t *testing.T) {
	x := New([]float32{1, 2, 3})
	d := Data[float32](x)
	d[0] = 7
	if x.Float32s()[0] != 7 {
		t.Fatalf("Data[float32] is not x's storage: x = %v", x.Float32s())
	}
	if n := testing.AllocsPerRun(100, func() { _ = Data[float32](x); _ = x.Float32s() }); n != 0 {
		t.Errorf("Data and Float32s allocate %v times per call", n)
	}
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { Data[float64](x) }, "tensor.Data: tensor has dtype torch.float32, not torch.float64 (shape [3])"},
		{func() { Data[bool](New([]int64{1})) }, "tensor.Data: tensor has dtype torch.int64, not torch.bool (shape [1])"},
	} {
		if got := testkit.MustPanic(t, tc.f); got != tc.want {
			t.Errorf("panic %q, want %q", got, tc.want)
		}
	}
	if got := Data[int32](New([]int32{4, 5})); fmt.Sprint(got) != "[4 5]" {
		t.Errorf("Data[int32] = %v", got)
	}
}

func TestDimSizeAndSameShape(t *testing.T) {
	x := Zeros(2, 3, 4)
	if x.DimSize(0) != 2 || x.DimSize(-1) != 4 || x.DimSize(1) != 3 {
		t.Errorf("DimSize of [2 3 4]: %d %d %d", x.DimSize(0), x.DimSize(1), x.DimSize(-1))
	}
	if n := testing.AllocsPerRun(100, func() { _ = x.DimSize(1) }); n != 0 {
		t.Errorf("DimSize allocates %v times per call", n)
	}
	if got := testkit.MustPanic(t, func() { x.DimSize(3) }); got != "tensor.DimSize: dimension 3 is out of range for shape [2 3 4]" {
		t.Errorf("panic %q", got)
	}
	if !SameShape(x, Ones(2, 3, 4)) || SameShape(x, Zeros(2, 12)) || SameShape(Zeros(3), Zeros()) {
		t.Error("SameShape disagrees with the shapes")
	}
}

func TestShapeErrorPrintsShapesAsLists(t *testing.T) {
	err := ShapeErrorf("F.MyOp", "shapes %v and %v differ (%d)", Zeros(2, 3).Shape(), Size{4}, 5)
	if err.Error() != "F.MyOp: shapes [2 3] and [4] differ (5)" {
		t.Errorf("Error() = %q", err.Error())
	}
	var se *ShapeError
	if !errors.As(fmt.Errorf("wrapped: %w", err), &se) || se.Op != "F.MyOp" {
		t.Errorf("errors.As does not find the *ShapeError")
	}
}
