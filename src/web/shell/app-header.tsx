import type { ReactNode } from "react";
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Me } from "../api/types.js";
import { ROLE_LABELS } from "../format/roles.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  person: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  roles: { display: "flex", gap: tokens.spacingHorizontalXS },
  controls: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export function AppHeader({ me, controls }: { me: Me | null; controls?: ReactNode }) {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <Text weight="semibold" size={500}>
        Reverse mentorship
      </Text>
      <div className={styles.controls}>
        {me ? (
          <div className={styles.person} data-testid="signed-in-person">
            <Text>{me.displayName}</Text>
            <span className={styles.roles} role="group" aria-label="Your roles">
              {me.roles.map((role) => (
                <Badge key={role} appearance="outline" shape="rounded">
                  {ROLE_LABELS[role]}
                </Badge>
              ))}
            </span>
          </div>
        ) : null}
        {controls}
      </div>
    </header>
  );
}
