import { ChartAxes, PLOT, plotHeight, plotWidth } from "./chart-axes.js";
import { ChartFrame, plainValue, seriesColour, type CategoryChartProps } from "./chart-frame.js";
import { niceMax } from "./chart-scale.js";

/** Lines over time (e.g. cumulative enrolment per day) as inline SVG, with the data in a hidden table. */
export function LineChart({ title, summary, categoryLabel, categories, series, formatValue = plainValue }: CategoryChartProps) {
  const max = niceMax(series.flatMap((s) => s.values));
  const steps = Math.max(1, categories.length - 1);
  const xOf = (i: number) => (categories.length === 1 ? PLOT.left + plotWidth(PLOT) / 2 : PLOT.left + (plotWidth(PLOT) * i) / steps);
  const yOf = (v: number) => PLOT.top + plotHeight(PLOT) * (1 - Math.max(0, v) / max);

  return (
    <ChartFrame title={title} summary={summary} categoryLabel={categoryLabel} categories={categories} series={series} formatValue={formatValue} width={PLOT.width} height={PLOT.height}>
      <ChartAxes plot={PLOT} max={max} categories={categories} xOf={xOf} formatValue={formatValue} />
      {series.map((s, j) => (
        <g key={s.name}>
          <polyline points={s.values.map((v, i) => `${xOf(i)},${yOf(v)}`).join(" ")} fill="none" stroke={seriesColour(j)} strokeWidth={2} strokeLinejoin="round" />
          {s.values.map((v, i) => (
            <circle key={categories[i] ?? i} cx={xOf(i)} cy={yOf(v)} r={categories.length > 40 ? 1.5 : 3} fill={seriesColour(j)}>
              <title>{`${categories[i] ?? ""} · ${s.name}: ${formatValue(v)}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </ChartFrame>
  );
}
