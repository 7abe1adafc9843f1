package plot

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Interactive returns the chart as an interactive echarts chart: mouse
// wheel and slider zoom, the values under the pointer, and series toggled
// by clicking their legend entries. The PNG of this chart is its fallback.
func (c *LineChart) Interactive() *Interactive {
	l := charts.NewLine()
	var legend []string
	for _, s := range c.series {
		if s.label != "" {
			legend = append(legend, s.label)
		}
	}
	l.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: c.title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(legend) > 0), Data: legend, Top: "28"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: c.xlabel, NameLocation: "middle", NameGap: 28,
			Min: rangeEnd(c.xr, 0, "dataMin"), Max: rangeEnd(c.xr, 1, "dataMax")}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: c.ylabel, Scale: opts.Bool(true),
			Min: rangeEnd(c.yr, 0, nil), Max: rangeEnd(c.yr, 1, nil)}),
		charts.WithDataZoomOpts(opts.DataZoom{Type: "inside", XAxisIndex: 0}, opts.DataZoom{Type: "slider", XAxisIndex: 0}),
		charts.WithGridOpts(opts.Grid{Top: "70", Bottom: "80", Left: "70", Right: "40"}),
		charts.WithAnimation(false),
	)
	for _, s := range c.series {
		data := make([]opts.LineData, len(s.xs))
		for i := range s.xs {
			data[i] = opts.LineData{Value: []any{jsonNumber(s.xs[i]), jsonNumber(s.ys[i])}}
		}
		if s.points {
			// Dots only: symbols shown, the joining line hidden.
			l.AddSeries(s.label, data,
				charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 7}),
				charts.WithLineStyleOpts(opts.LineStyle{Width: 0, Opacity: opts.Float(0)}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: hexColor(s.color)}),
			)
			continue
		}
		l.AddSeries(s.label, data,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: hexColor(s.color), Width: 2, Type: s.dash.echarts()}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: hexColor(s.color)}),
		)
	}
	// Guides are mark lines of empty series: they stay out of the legend
	// and of the axis tooltip, and full-span ones follow the zoom.
	for _, g := range c.guides {
		var item charts.SeriesOpts
		switch {
		case g.vertical && g.full:
			item = charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{XAxis: g.pos})
		case g.full:
			item = charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{YAxis: g.pos})
		case g.vertical:
			item = charts.WithMarkLineNameCoordItemOpts(opts.MarkLineNameCoordItem{Coordinate0: []any{g.pos, g.lo}, Coordinate1: []any{g.pos, g.hi}})
		default:
			item = charts.WithMarkLineNameCoordItemOpts(opts.MarkLineNameCoordItem{Coordinate0: []any{g.lo, g.pos}, Coordinate1: []any{g.hi, g.pos}})
		}
		l.AddSeries("", nil, item, charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(false)},
			LineStyle: &opts.LineStyle{Color: hexColor(guideColor), Width: 1.5, Type: g.dash.echarts()},
		}))
	}
	for _, m := range c.markers {
		l.AddSeries("", []opts.LineData{{Value: []any{m.x, m.y}}},
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10, ShowSymbol: opts.Bool(true)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: hexColor(m.color)}),
		)
	}
	// go-echarts writes "icon": null and "title": null into the toolbox's
	// dataZoom feature, which hides its buttons; set the toolbox here.
	option := patchOption(optionOf(l), func(o map[string]any) {
		o["toolbox"] = map[string]any{"show": true, "right": 20, "feature": map[string]any{
			"dataZoom": map[string]any{"show": true}, "restore": map[string]any{"show": true}}}
		// Epoch axes count whole steps: no tick at epoch 2.5 when zoomed.
		if c.integerX() {
			o["xAxis"].([]any)[0].(map[string]any)["minInterval"] = 1
		}
	})
	return newInteractive(c.title, c, []echartsPart{{option: option, w: c.w, h: c.h + 40}})
}

// integerX reports whether every x value is a whole number.
func (c *LineChart) integerX() bool {
	for _, s := range c.series {
		for _, x := range s.xs {
			if x != math.Trunc(x) {
				return false
			}
		}
	}
	return true
}

// rangeEnd gives an axis end fixed by XRange/YRange, or def.
func rangeEnd(r *[2]float64, i int, def any) any {
	if r != nil {
		return r[i]
	}
	return def
}

// jsonNumber keeps NaN and Inf (which JSON cannot hold) out of the data;
// echarts leaves a gap at a "-".
func jsonNumber(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	// Twelve significant digits: arange-style inputs such as
	// 1.9049999999999998 read (and hover) as 1.905, and the JSON is shorter.
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return r
}

// patchOption edits an option JSON as a map.
func patchOption(option string, edit func(map[string]any)) string {
	var o map[string]any
	if err := json.Unmarshal([]byte(option), &o); err != nil {
		panic(fmt.Sprintf("plot: go-echarts produced an option that is not JSON: %v", err))
	}
	edit(o)
	b, err := json.Marshal(o)
	if err != nil {
		panic(fmt.Sprintf("plot: re-encoding echarts option: %v", err))
	}
	return string(b)
}

// Interactive returns the panels as echarts heatmaps: the value of the
// cell under the pointer, and a colour scale whose range can be dragged to
// pick out the large values. The PNG of this chart is its fallback.
func (c *MatrixChart) Interactive() *Interactive {
	parts := make([]echartsPart, len(c.panels))
	colors := []string{"#000000", "#ffffff"}
	if c.palette == Diverging {
		colors = []string{hexColor(negFull), "#ffffff", hexColor(posFull)}
	}
	for i, m := range c.panels {
		lo, hi := c.rangeOf(i)
		if c.palette == Diverging {
			a := math.Max(math.Abs(lo), math.Abs(hi))
			lo, hi = -a, a
		}
		if !(hi > lo) {
			hi = lo + 1
		}
		xs := make([]int, m.cols)
		for k := range xs {
			xs[k] = k
		}
		ys := make([]int, m.rows)
		for r := range ys {
			ys[r] = r
		}
		data := make([]opts.HeatMapData, 0, m.rows*m.cols)
		for r := 0; r < m.rows; r++ {
			for k := 0; k < m.cols; k++ {
				data = append(data, opts.HeatMapData{Value: []any{k, r, jsonNumber(m.at(r, k))}})
			}
		}
		title := c.title
		if c.titles != nil {
			title = c.titles[i]
		}
		cell := math.Max(8, math.Min(40, 360/float64(max(m.rows, m.cols))))
		if c.values {
			cell = math.Max(cell, 36)
		}
		w := int(cell*float64(m.cols)) + 150
		h := int(cell*float64(m.rows)) + 90
		hm := charts.NewHeatMap()
		hm.SetGlobalOptions(
			charts.WithTitleOpts(opts.Title{Title: title, Left: "center"}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: xs, SplitArea: &opts.SplitArea{Show: opts.Bool(false)}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, Inverse: opts.Bool(true)}),
			charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi),
				Right: "10", Top: "middle", InRange: &opts.VisualMapInRange{Color: colors}}),
			charts.WithGridOpts(opts.Grid{Top: "40", Bottom: "30", Left: "40", Right: "100"}),
			charts.WithAnimation(false),
		)
		hm.AddSeries(title, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(c.values)}))
		parts[i] = echartsPart{option: optionOf(hm), w: w, h: h}
	}
	return newInteractive(c.title, c, parts)
}

// Interactive returns the network as an echarts graph: hovering a node
// highlights its connections, and the view can be dragged and zoomed. The
// PNG of this chart is its fallback.
func (c *NetworkChart) Interactive() *Interactive {
	g := charts.NewGraph()
	g.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: c.title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
	)
	layout := c.layout()
	var nodes []opts.GraphNode
	var links []opts.GraphLink
	names := make([][]string, len(layout))
	for l, col := range layout {
		fill := layerFillOf(l, len(layout))
		for i, n := range col {
			if n.ellipsis {
				names[l] = append(names[l], "")
				continue
			}
			prefix := "h"
			switch l {
			case 0:
				prefix = "x"
			case len(layout) - 1:
				prefix = "y"
			}
			if len(layout) > 3 && l > 0 && l < len(layout)-1 {
				prefix = "h" + strconv.Itoa(l) + "_"
			}
			name := prefix + strconv.Itoa(nodeIndex(c.sizes[l], len(col), i)+1)
			switch {
			case l == 0 && c.inputLabels != nil:
				name = c.inputLabels[i]
			case l == len(layout)-1 && c.outputLabels != nil:
				name = c.outputLabels[i]
			}
			names[l] = append(names[l], name)
			nodes = append(nodes, opts.GraphNode{Name: name, X: float32(40 + n.x*600), Y: float32(40 + (1-n.y)*400), // 0 would be dropped by omitempty
				SymbolSize: 26, ItemStyle: &opts.ItemStyle{Color: hexColor(fill), BorderColor: hexColor(nodeEdge), BorderWidth: 1.5}})
		}
	}
	for l := 0; l+1 < len(layout); l++ {
		for _, a := range names[l] {
			for _, b := range names[l+1] {
				if a != "" && b != "" {
					links = append(links, opts.GraphLink{Source: a, Target: b})
				}
			}
		}
	}
	g.AddSeries("network", nodes, links,
		charts.WithGraphChartOpts(opts.GraphChart{Layout: "none", Roam: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: hexColor(edgeInk), Width: 1}),
		charts.WithEmphasisOpts(opts.Emphasis{Focus: "adjacency"}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(c.inputLabels != nil || c.outputLabels != nil), Position: "right"}),
	)
	return newInteractive(c.title, c, []echartsPart{{option: optionOf(g), w: c.w, h: c.h}})
}

// nodeIndex maps a drawn slot of a shortened layer to the node number it
// stands for (the slots after the ellipsis are the layer's last nodes).
func nodeIndex(size, slots, i int) int {
	if size <= slots || i < slots/2 {
		return i
	}
	return size - (slots - i)
}
