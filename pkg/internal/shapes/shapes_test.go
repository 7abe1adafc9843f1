package shapes

import (
	"slices"
	"testing"
)

func TestBroadcast(t *testing.T) {
	for _, c := range []struct {
		a, b, want []int
		bad        *Mismatch
	}{
		{[]int{2, 3}, []int{2, 3}, []int{2, 3}, nil},
		{[]int{2, 1}, []int{3}, []int{2, 3}, nil},
		{[]int{1}, []int{0}, []int{0}, nil},
		{[]int{0}, []int{1}, []int{0}, nil},
		{nil, []int{4, 1}, []int{4, 1}, nil},
		{[]int{5, 2}, nil, []int{5, 2}, nil},
		{[]int{2, 3}, []int{4, 3}, nil, &Mismatch{Dim: 0, A: 2, B: 4}},
		{[]int{7, 2, 3}, []int{4}, nil, &Mismatch{Dim: 2, A: 3, B: 4}},
	} {
		got, bad := Broadcast(c.a, c.b)
		if !slices.Equal(got, c.want) || (bad == nil) != (c.bad == nil) || (bad != nil && *bad != *c.bad) {
			t.Errorf("Broadcast(%v, %v) = %v, %v; want %v, %v", c.a, c.b, got, bad, c.want, c.bad)
		}
	}
}
