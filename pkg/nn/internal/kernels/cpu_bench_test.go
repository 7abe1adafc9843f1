package kernels

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the user plus system time of this process, all threads: on a machine
// shared with other jobs wall time says little, CPU time says how much work an op is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per op since cpu0 as a metric.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}
