package plot

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestEchartsAsset(t *testing.T) {
	testkit.ExpectSHA256(t, "assets/echarts.min.js (the npm echarts@5.6.0 file, see assets/README.md)", []byte(echartsJS),
		"bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1")
	if !strings.Contains(echartsJS, `version="`+EchartsVersion+`"`) {
		t.Errorf("embedded script does not declare version %s", EchartsVersion)
	}
}

var fallbackImg = regexp.MustCompile(`<div id="([^"]+)"[^>]*><img [^>]*src="data:image/png;base64,([^"]+)"></div>`)

func TestInteractiveHTMLIsSelfContained(t *testing.T) {
	c := chapter5().Title("loss </script> test")
	h := c.Interactive().HTML()

	if strings.Count(h, echartsJS) != 1 {
		t.Fatal("the echarts script is not inlined exactly once")
	}
	if !strings.Contains(h, "(function(define, exports, module){\nif (!window.echarts) {\n"+echartsJS) ||
		!strings.Contains(h, "}).call(window);") {
		t.Error("echarts is not wrapped to hide RequireJS's define")
	}
	rest := strings.Replace(h, echartsJS, "", 1)
	for _, bad := range []string{"http:", "https:", "<script src", "<link", "class=\"container\""} {
		if strings.Contains(rest, bad) {
			t.Errorf("HTML outside the echarts source contains %q", bad)
		}
	}
	if strings.Count(h, "</script>") != 1 || !strings.HasSuffix(strings.TrimSpace(h), "</script>") {
		t.Error(`a "</script>" inside the options closes the script early`)
	}
	m := fallbackImg.FindStringSubmatch(h)
	if m == nil {
		t.Fatal("no PNG fallback <img> inside the chart's div")
	}
	png, err := base64.StdEncoding.DecodeString(m[2])
	if err != nil {
		t.Fatal(err)
	}
	want, _ := c.PNG()
	if !bytes.Equal(png, want) {
		t.Error("fallback is not the chart's PNG")
	}
	if !strings.Contains(rest, `var id = "`+m[1]+`"`) {
		t.Error("the init script does not look up the fallback's div")
	}
	if !strings.Contains(rest, "setTimeout(init, 50)") {
		t.Error("init is not retried until the div exists")
	}
}

// option parses the i-th echarts option of it.
func option(t *testing.T, it *Interactive, i int) map[string]any {
	t.Helper()
	var o map[string]any
	if err := json.Unmarshal([]byte(it.Options()[i]), &o); err != nil {
		t.Fatalf("option %d is not JSON: %v", i, err)
	}
	return o
}

func TestInteractiveLineOptions(t *testing.T) {
	c := Line(nil, []float64{0.5, 0.3, 0.2}).Label("train").Add(nil, []float64{0.6, 0.4, 0.45}).Label("validation").
		Grid().XLabel("epoch").HLine(0.4, Dashed)
	o := option(t, c.Interactive(), 0)
	legend := o["legend"].(map[string]any)
	if !reflect.DeepEqual(legend["data"], []any{"train", "validation"}) || legend["show"] != true {
		t.Errorf("legend %v, want the two labelled series", legend)
	}
	if tt := o["tooltip"].(map[string]any); tt["trigger"] != "axis" {
		t.Errorf("tooltip %v, want values on hover along the axis", tt)
	}
	var zooms []string
	for _, z := range o["dataZoom"].([]any) {
		zooms = append(zooms, z.(map[string]any)["type"].(string))
	}
	if !reflect.DeepEqual(zooms, []string{"inside", "slider"}) {
		t.Errorf("dataZoom %v, want inside and slider", zooms)
	}
	feat := o["toolbox"].(map[string]any)["feature"].(map[string]any)
	if dz := feat["dataZoom"].(map[string]any); dz["show"] != true || dz["icon"] != nil {
		t.Errorf("toolbox dataZoom %v: want it shown with echarts' default icon", dz)
	}
	if x := o["xAxis"].([]any)[0].(map[string]any); x["minInterval"] != 1.0 || x["type"] != "value" {
		t.Errorf("xAxis %v: epochs want a value axis with whole steps", x)
	}
	series := o["series"].([]any)
	if len(series) != 3 {
		t.Fatalf("%d series, want 2 curves and 1 guide", len(series))
	}
	first := series[0].(map[string]any)
	if first["name"] != "train" || first["type"] != "line" || len(first["data"].([]any)) != 3 {
		t.Errorf("first series %v", first)
	}
	pt := first["data"].([]any)[1].(map[string]any)["value"]
	if !reflect.DeepEqual(pt, []any{1.0, 0.3}) {
		t.Errorf("second point %v, want [1 0.3]", pt)
	}
	ml := series[2].(map[string]any)["markLine"].(map[string]any)
	if ml["lineStyle"].(map[string]any)["type"] != "dashed" || !strings.Contains(mustJSON(ml["data"]), `"yAxis":0.4`) {
		t.Errorf("guide markLine %v, want a dashed line at y 0.4", ml)
	}
}

func TestInteractiveChapter5Guides(t *testing.T) {
	o := option(t, chapter5().Interactive(), 0)
	if x := o["xAxis"].([]any)[0].(map[string]any); x["minInterval"] != nil {
		t.Errorf("xAxis %v: outputs 1.9..2.1 are not whole steps", x)
	}
	series := o["series"].([]any)
	// 1 curve, 3 dotted segments, 1 marker.
	if len(series) != 5 {
		t.Fatalf("%d series, want 5", len(series))
	}
	seg := mustJSON(series[3].(map[string]any)["markLine"])
	if !strings.Contains(seg, `"coord":[1.95,0]`) || !strings.Contains(seg, `"coord":[1.95,0.0025]`) || !strings.Contains(seg, `"dotted"`) {
		t.Errorf("vertical guide %s, want a dotted line from (1.95, 0) to (1.95, 0.0025)", seg)
	}
	marker := series[4].(map[string]any)
	if marker["symbol"] != "circle" || mustJSON(marker["data"]) != `[{"value":[1.95,0.0025]}]` {
		t.Errorf("marker series %v", marker)
	}
	// arange-style inputs are rounded to 12 digits: 1.9 + 0.005*1 prints as 1.905.
	if d := mustJSON(series[0].(map[string]any)["data"].([]any)[1]); d != `{"value":[1.905,0.009025]}` {
		t.Errorf("second point %s", d)
	}
}

func TestInteractiveHeatmapsAndNetwork(t *testing.T) {
	cross := [][]float64{{5, -7, 5}, {-7, 9, -7}, {5, -7, 5}}
	it := Heatmaps([]any{cross, cross}).Titles("a", "b").Values("").Interactive()
	if len(it.Options()) != 2 {
		t.Fatalf("%d echarts instances, want one per panel", len(it.Options()))
	}
	o := option(t, it, 1)
	vm := o["visualMap"].([]any)[0].(map[string]any)
	if vm["min"] != -9.0 || vm["max"] != 9.0 {
		t.Errorf("visualMap range %v..%v, want the symmetric -9..9", vm["min"], vm["max"])
	}
	colors := vm["inRange"].(map[string]any)["color"]
	if !reflect.DeepEqual(colors, []any{hexColor(negFull), "#ffffff", hexColor(posFull)}) {
		t.Errorf("visualMap colours %v", colors)
	}
	s := o["series"].([]any)[0].(map[string]any)
	if len(s["data"].([]any)) != 9 || s["label"].(map[string]any)["show"] != true {
		t.Errorf("heatmap series %v, want 9 cells with values shown", s)
	}
	if yAxis := o["yAxis"].([]any)[0].(map[string]any); yAxis["inverse"] != true {
		t.Error("row 0 must be at the top (inverse y axis)")
	}

	g := option(t, Network(4, 5, 3).Interactive(), 0)
	gs := g["series"].([]any)[0].(map[string]any)
	if n, l := len(gs["data"].([]any)), len(gs["links"].([]any)); n != 12 || l != 4*5+5*3 {
		t.Errorf("graph has %d nodes and %d links, want 12 and 35", n, l)
	}
	for _, n := range gs["data"].([]any) {
		nm := n.(map[string]any)
		if nm["x"] == nil || nm["y"] == nil {
			t.Errorf("node %v lacks a fixed position", nm)
		}
	}
}

func TestInteractiveSaveAndShow(t *testing.T) {
	dir := t.TempDir()
	it := Network(4, 5, 3).Interactive()
	path := filepath.Join(dir, "net.html")
	if err := it.Save(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) || !bytes.Contains(b, []byte("data:image/png;base64,")) {
		t.Error("saved page lacks its doctype or fallback")
	}
	if err := it.Save(filepath.Join(dir, "net.png")); err == nil || !strings.Contains(err.Error(), ".html") {
		t.Errorf("Save(.png) error = %v, want one asking for .html", err)
	}

	showOnly(t, protocol.MIMETextHTML, it.Show) // the PNG is inside the HTML
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
