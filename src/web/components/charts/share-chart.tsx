import { useId } from "react";
import { Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { seriesColour } from "./chart-frame.js";

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
  },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  svg: { width: "100%", height: "16px", display: "block" },
});

/** One share (0–1) as a big number and a filled bar, e.g. "cross-department pairs: 64%". */
export function ShareChart({ title, share, detail }: { title: string; share: number; detail?: string }) {
  const styles = useStyles();
  const titleId = useId();
  const clamped = Math.min(1, Math.max(0, share));
  const text = `${Math.round(clamped * 100)}%`;
  return (
    <figure className={styles.root} aria-labelledby={titleId} data-chart={title}>
      <Subtitle2 as="h3" id={titleId}>
        {title}
      </Subtitle2>
      <span className={styles.value} data-share={title}>
        {text}
      </span>
      <svg className={styles.svg} viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label={`${title}: ${text}${detail ? `, ${detail}` : ""}`}>
        <rect x={0} y={0} width={100} height={4} rx={1} fill={tokens.colorNeutralBackground5} />
        <rect x={0} y={0} width={clamped * 100} height={4} rx={1} fill={seriesColour(0)} />
      </svg>
      {detail ? <Caption1>{detail}</Caption1> : null}
    </figure>
  );
}
