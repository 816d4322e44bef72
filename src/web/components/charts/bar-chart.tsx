import { ChartAxes, PLOT, plotHeight, plotWidth } from "./chart-axes.js";
import { ChartFrame, plainValue, seriesColour, type CategoryChartProps } from "./chart-frame.js";
import { niceMax } from "./chart-scale.js";

/** Grouped vertical bars as inline SVG, with the numbers in a hidden table for screen readers. */
export function BarChart({ title, summary, categoryLabel, categories, series, formatValue = plainValue }: CategoryChartProps) {
  const max = niceMax(series.flatMap((s) => s.values));
  const slot = plotWidth(PLOT) / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(36, (slot * 0.8) / Math.max(1, series.length)));
  const groupWidth = barWidth * series.length;
  const xOf = (i: number) => PLOT.left + slot * i + slot / 2;
  const heightOf = (v: number) => (plotHeight(PLOT) * Math.max(0, v)) / max;

  return (
    <ChartFrame title={title} summary={summary} categoryLabel={categoryLabel} categories={categories} series={series} formatValue={formatValue} width={PLOT.width} height={PLOT.height}>
      <ChartAxes plot={PLOT} max={max} categories={categories} xOf={xOf} formatValue={formatValue} />
      {categories.map((c, i) =>
        series.map((s, j) => {
          const value = s.values[i] ?? 0;
          const h = heightOf(value);
          return (
            <rect key={`${c}:${s.name}`} x={xOf(i) - groupWidth / 2 + j * barWidth} y={PLOT.top + plotHeight(PLOT) - h} width={barWidth - 1} height={h} fill={seriesColour(j)} rx={1}>
              <title>{`${c} · ${s.name}: ${formatValue(value)}`}</title>
            </rect>
          );
        }),
      )}
    </ChartFrame>
  );
}
