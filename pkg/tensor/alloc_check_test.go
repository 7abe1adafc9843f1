package tensor_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func panicText(f func()) (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	f()
	return "<no panic>"
}

// TestShapeOverflowPanics: a shape whose element count (or byte size) overflows panics
// naming the op and the shape — before, Zeros(1<<32, 1<<32) made a tensor claiming that
// shape with 0 elements, whose Sum() was tensor(0.).
func TestShapeOverflowPanics(t *testing.T) {
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { tensor.Zeros(1<<32, 1<<32) }, "tensor.Zeros: storage size calculation overflowed with sizes=[4294967296 4294967296]"},
		{func() { tensor.Ones(1<<32, 1<<32).Sum() }, "tensor.Ones: storage size calculation overflowed with sizes=[4294967296 4294967296]"},
		{func() { tensor.ZerosOf(tensor.Float64, 1<<31, 1<<31) }, "tensor.ZerosOf: storage size calculation overflowed with sizes=[2147483648 2147483648]"},
		{func() { tensor.FromSlice([]float32{}, 1<<32, 1<<32) }, "tensor.FromSlice: storage size calculation overflowed with sizes=[4294967296 4294967296]"},
		{func() { tensor.Zeros(0).Reshape(1<<32, 1<<32) }, "tensor.Reshape: storage size calculation overflowed with sizes=[4294967296 4294967296]"},
		{func() { tensor.Zeros(0).View(-1, 1<<32, 1<<32) }, "tensor.View: storage size calculation overflowed with sizes=[-1 4294967296 4294967296]"},
	} {
		if got := panicText(c.f); !strings.HasPrefix(got, c.want) {
			t.Errorf("got  %s\nwant %s...", got, c.want)
		}
	}
	// A zero dimension makes an empty tensor whatever the others are, as in PyTorch.
	if n := tensor.Zeros(1<<40, 0, 1<<40).Numel(); n != 0 {
		t.Fatalf("Zeros(1<<40, 0, 1<<40) has %d elements", n)
	}
}

// TestAllocationBeyondMemoryPanics: a representable allocation larger than the machine's
// memory (or the container's limit) panics naming the op, the shape and the bytes, as
// PyTorch's "DefaultCPUAllocator: not enough memory: you tried to allocate N bytes" —
// before, Go ended the process with a fatal "out of memory" and a goroutine dump.
func TestAllocationBeyondMemoryPanics(t *testing.T) {
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		t.Skip("the machine's memory is read from /proc/meminfo (Linux)")
	}
	got := panicText(func() { tensor.Zeros(1<<20, 1<<20) })
	want := "tensor.Zeros: not enough memory: you tried to allocate 4398046511104 bytes (4.0 TiB, shape [1048576 1048576] of torch.float32), but this machine has "
	if !strings.HasPrefix(got, want) {
		t.Fatalf("got  %s\nwant %s...", got, want)
	}
	got = panicText(func() { nn.NewLinear(1<<20, 1<<20) })
	if !strings.Contains(got, "(called from nn.NewLinear): not enough memory: you tried to allocate 4398046511104 bytes") {
		t.Fatalf("nn.NewLinear(1<<20, 1<<20): %s", got)
	}
	t.Log(got)
}
