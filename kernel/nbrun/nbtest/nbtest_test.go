package nbtest

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// recorder collects the errors a helper reports instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckCharts(t *testing.T) {
	png := map[string]string{"image/png": base64.StdEncoding.EncodeToString([]byte("\x89PNG"))}
	res := &nbrun.Result{Path: "x.ipynb", Cells: []nbrun.Cell{
		{Index: 0, Type: "markdown", Source: "call .Show() in prose"},
		{Index: 1, Type: "code", Source: "%%\nplot.Line(xs, ys).Show()", Outputs: []nbrun.Output{{Type: "display_data", Data: png}}},
		{Index: 2, Type: "code", Source: "%%\nplot.Image(x).Show()"},
		{Index: 3, Type: "code", Source: "%%\ngonbui.DisplayPng(b)\ngonbui.Sync()", Outputs: []nbrun.Output{{Type: "display_data", Data: png}, {Type: "display_data", Data: png}}},
		{Index: 4, Type: "code", Source: "%%\nfmt.Println(1)"},
	}}
	r := &recorder{TB: t}
	if n := CheckCharts(r, res); n != 3 {
		t.Errorf("CheckCharts counted %d image/png outputs, want 3", n)
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "cell 2") {
		t.Errorf("CheckCharts reported %q, want one error naming cell 2", r.errs)
	}
}
