import { useId, type ReactNode } from "react";
import { Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";

/** One named series of values, one per category (x position). */
export interface ChartSeries {
  name: string;
  values: readonly number[];
}

/** Series colours from the theme, so that light, dark and high contrast all stay legible. */
export const SERIES_COLOURS = [
  tokens.colorBrandBackground,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteRedBorderActive,
  tokens.colorPaletteBerryBorderActive,
  tokens.colorPaletteTealBorderActive,
] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, listStyleType: "none", margin: 0, padding: 0 },
  key: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { width: "12px", height: "12px", borderRadius: tokens.borderRadiusSmall, flexShrink: 0 },
  // Visually hidden but read by screen readers: the exact numbers behind the picture.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
  svg: { width: "100%", height: "auto", display: "block", overflow: "visible" },
});

/** What a chart of series over categories takes (bar and line charts alike). */
export interface CategoryChartProps {
  title: string;
  summary: string;
  categoryLabel: string;
  categories: readonly string[];
  /** One or more series: a bar chart groups their bars per category, a line chart draws a line each. */
  series: readonly ChartSeries[];
  formatValue?: (value: number) => string;
}

/** The default value format: a whole number with the reader's digit grouping. */
export const plainValue = (v: number) => Math.round(v).toLocaleString();

export interface ChartFrameProps {
  title: string;
  /** What the picture shows, in one sentence: the accessible name of the image. */
  summary: string;
  categoryLabel: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
  /** The drawing; the frame makes it an image with the summary as its name. */
  width: number;
  height: number;
  children: ReactNode;
}

/** Title, an SVG image with an accessible summary, a legend, and the data as a visually hidden table. */
export function ChartFrame({ title, summary, categoryLabel, categories, series, formatValue, width, height, children }: ChartFrameProps) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <figure className={styles.root} aria-labelledby={titleId} data-chart={title}>
      <Subtitle2 as="h3" id={titleId}>
        {title}
      </Subtitle2>
      <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        {children}
      </svg>
      {series.length > 1 ? (
        <ul className={styles.legend} aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name} className={styles.key}>
              <span className={styles.swatch} style={{ backgroundColor: seriesColour(i) }} />
              <Caption1>{s.name}</Caption1>
            </li>
          ))}
        </ul>
      ) : null}
      <table className={styles.hidden}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {series.map((s) => (
                <td key={s.name}>{formatValue(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
