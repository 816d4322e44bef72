import { useId, type ReactNode } from "react";
import { Body1, Subtitle1, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  description: { color: tokens.colorNeutralForeground2 },
});

/** A titled region of a screen; the heading names the region for screen-reader navigation. */
export function ScreenSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId}>
        {title}
      </Subtitle1>
      {description ? (
        <Body1 as="p" className={styles.description}>
          {description}
        </Body1>
      ) : null}
      {children}
    </section>
  );
}
