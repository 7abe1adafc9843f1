package tensor

import (
	"fmt"
	"strings"
)

// String renders t like PyTorch's str(tensor).
func (t *Tensor) String() string {
	var sb strings.Builder
	sb.WriteString("tensor(")
	sb.WriteString(fmt.Sprint(t.ToFloat64s()))
	sb.WriteString(")")
	return sb.String()
}
