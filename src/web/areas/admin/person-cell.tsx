import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PersonRef } from "../../api/admin-types.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column" },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** A person in a table cell: name, then title and department (no avatar: tables have many rows). */
export function PersonCell({ person }: { person: PersonRef }) {
  const styles = useStyles();
  const meta = [person.jobTitle, person.department].filter(Boolean).join(" · ");
  return (
    <span className={styles.root}>
      <Text weight="semibold">{person.displayName}</Text>
      {meta ? <Caption1 className={styles.meta}>{meta}</Caption1> : null}
    </span>
  );
}
