package tensor

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Allocation checks. A shape whose element count overflows an int would otherwise make a
// tensor that claims the shape and holds no elements (Zeros(1<<32, 1<<32).Sum() giving
// 0), and a huge but representable one would end the process with Go's fatal "out of
// memory" and a goroutine dump, which no recover can catch. Both panic instead, naming
// the op and the shape, as PyTorch raises "Storage size calculation overflowed" and
// "DefaultCPUAllocator: not enough memory: you tried to allocate N bytes".

// checkedNumel returns the element count of shape for an allocation of dtype dt by op,
// panicking if the count or its size in bytes overflows, or if the bytes exceed the
// machine's memory. A shape with a zero dimension holds nothing, whatever the others.
func checkedNumel(op string, dt DType, shape []int) int {
	n := 1
	overflow := false
	for _, d := range shape {
		if d == 0 {
			return 0
		}
		if d > 0 && n > math.MaxInt/d {
			overflow = true
		}
		n *= d
	}
	size := dt.itemSize()
	if overflow || n > math.MaxInt/size {
		panic(fmt.Sprintf("%s: storage size calculation overflowed with sizes=%v: the shape holds more elements than can be counted; use a smaller shape", opName(op), shape))
	}
	if bytes := uint64(n) * uint64(size); bytes >= minCheckedBytes {
		if limit, source := memoryLimit(); limit > 0 && bytes > limit {
			panic(fmt.Sprintf("%s: not enough memory: you tried to allocate %d bytes (%s, shape %v of %v), but this machine has %d bytes (%s; %s); use a smaller shape or batch",
				opName(op), bytes, humanBytes(bytes), shape, dt, limit, humanBytes(limit), source))
		}
	}
	return n
}

// checkCount panics if the element count of shape overflows (dimensions of -1, which
// Reshape infers, are left out): Reshape and FromSlice would otherwise accept a shape
// whose count wraps around to the number of elements at hand.
func checkCount(op string, shape []int) {
	n := 1
	overflow := false
	for _, d := range shape {
		if d == 0 {
			return
		}
		if d > 0 {
			if n > math.MaxInt/d {
				overflow = true
			}
			n *= d
		}
	}
	if overflow {
		panic(fmt.Sprintf("%s: storage size calculation overflowed with sizes=%v: the shape holds more elements than can be counted; use a smaller shape", opName(op), shape))
	}
}

// minCheckedBytes: smaller allocations are not compared with the machine's memory.
const minCheckedBytes = 256 << 20

func (dt DType) itemSize() int {
	switch dt {
	case Float64, Int64:
		return 8
	case Float32, Int32:
		return 4
	}
	return 1
}

var (
	memOnce   sync.Once
	memBytes  uint64
	memSource string
)

// memoryLimit is the memory this process may use: the smaller of the machine's
// (/proc/meminfo MemTotal) and its cgroup's limit (a container's); 0 if unknown.
func memoryLimit() (uint64, string) {
	memOnce.Do(func() {
		if f, err := os.Open("/proc/meminfo"); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if v, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
					kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					if err == nil {
						memBytes, memSource = kb*1024, "MemTotal in /proc/meminfo"
					}
				}
			}
			f.Close()
		}
		for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			v, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64) // "max" fails: no limit
			if err == nil && v > 0 && (memBytes == 0 || v < memBytes) {
				memBytes, memSource = v, "the cgroup limit in "+p
			}
		}
	})
	return memBytes, memSource
}

func humanBytes(b uint64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v, i := float64(b), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// opName names the operation for a panic: op when the caller gave one, else the
// outermost exported function of this package on the stack ("tensor.Zeros"), followed
// by the Kosaku function outside it that called it ("called from nn.NewLinear"). Only the panic
// path pays for the stack walk.
func opName(op string) string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	const pkg = "github.com/kosaku-dl/kosaku/pkg/tensor."
	var inside, caller string
	for {
		fr, more := frames.Next()
		name, ok := strings.CutPrefix(fr.Function, pkg)
		if ok {
			if exported(name) {
				inside = "tensor." + name
			}
		} else if inside != "" {
			// Name the caller only when it is another Kosaku package (nn.NewLinear):
			// the user's own code is in the stack trace.
			if rest, ok := strings.CutPrefix(fr.Function, "github.com/kosaku-dl/kosaku/pkg/"); ok && !strings.Contains(rest, "_test.") {
				caller = rest[strings.LastIndex(rest, "/")+1:]
			}
			break
		}
		if !more {
			break
		}
	}
	if op == "" {
		op = inside
	}
	if op == "" {
		op = "tensor"
	}
	if caller != "" {
		op += " (called from " + caller + ")"
	}
	return op
}

// exported reports whether a function name of this package ("Zeros",
// "(*Tensor).Reshape", "FromSlice[...]") is part of its API.
func exported(name string) bool {
	name = strings.TrimPrefix(name, "(*Tensor).")
	name = strings.TrimPrefix(name, "Tensor.")
	return name != "" && name[0] >= 'A' && name[0] <= 'Z' && !strings.Contains(name, ".func")
}
