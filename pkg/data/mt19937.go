package data

// mt19937 is the Mersenne Twister exactly as numpy's legacy RandomState runs it, which
// is what scikit-learn's train_test_split(random_state=seed) shuffles with. Having the
// same generator lets TrainTestSplit(..., RandomState(42)) pick the very rows that
// train_test_split(..., random_state=42) picks, so a lesson can be checked against
// scikit-learn row for row.
type mt19937 struct {
	key [624]uint32
	pos int
}

// newMT19937 seeds the generator as numpy's RandomState(seed) does for an integer seed.
func newMT19937(seed uint32) *mt19937 {
	m := &mt19937{pos: len(mt19937{}.key)}
	for i := range m.key {
		m.key[i] = seed
		seed = 1812433253*(seed^(seed>>30)) + uint32(i) + 1
	}
	return m
}

func (m *mt19937) twist() {
	const n, k = 624, 397
	for i := range n {
		y := m.key[i]&0x80000000 | m.key[(i+1)%n]&0x7fffffff
		v := m.key[(i+k)%n] ^ y>>1
		if y&1 != 0 {
			v ^= 0x9908b0df
		}
		m.key[i] = v
	}
	m.pos = 0
}

func (m *mt19937) uint32() uint32 {
	if m.pos == len(m.key) {
		m.twist()
	}
	y := m.key[m.pos]
	m.pos++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	return y ^ y>>18
}

// interval draws uniformly from 0..max by masked rejection, numpy's random_interval.
func (m *mt19937) interval(max uint32) uint32 {
	if max == 0 {
		return 0
	}
	mask := max
	for s := uint(1); s < 32; s <<= 1 {
		mask |= mask >> s
	}
	for {
		if v := m.uint32() & mask; v <= max {
			return v
		}
	}
}

// permutation is RandomState.permutation(n): a Fisher-Yates shuffle of 0..n-1 running
// from the end, as numpy's legacy shuffle does.
func (m *mt19937) permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := int(m.interval(uint32(i)))
		p[i], p[j] = p[j], p[i]
	}
	return p
}
