import { tokens } from "@fluentui/react-components";
import { labelEvery } from "./chart-scale.js";

export interface Plot {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const PLOT: Plot = { width: 480, height: 200, left: 40, right: 8, top: 10, bottom: 28 };

export const plotWidth = (p: Plot) => p.width - p.left - p.right;
export const plotHeight = (p: Plot) => p.height - p.top - p.bottom;

const TEXT = { fill: tokens.colorNeutralForeground2, fontSize: 13, fontFamily: tokens.fontFamilyBase };

/** Horizontal grid lines with y values, and the category labels under the plot. */
export function ChartAxes({ plot, max, categories, xOf, formatValue }: { plot: Plot; max: number; categories: readonly string[]; xOf: (i: number) => number; formatValue: (v: number) => string }) {
  // Counts are whole numbers: a middle line only where it falls on one.
  const ticks = Number.isInteger(max / 2) ? [0, 0.5, 1] : [0, 1];
  const every = labelEvery(categories.length, 6);
  return (
    <g>
      {ticks.map((t) => {
        const y = plot.top + plotHeight(plot) * (1 - t);
        return (
          <g key={t}>
            <line x1={plot.left} x2={plot.width - plot.right} y1={y} y2={y} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
            <text x={plot.left - 6} y={y + 4} textAnchor="end" style={TEXT}>
              {formatValue(max * t)}
            </text>
          </g>
        );
      })}
      {categories.map((c, i) =>
        i % every === 0 ? (
          <text key={c} x={xOf(i)} y={plot.height - 8} textAnchor="middle" style={TEXT}>
            {c}
          </text>
        ) : null,
      )}
    </g>
  );
}
