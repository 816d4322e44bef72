import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Me } from "../../api/types.js";
import { FactList } from "../shared/fact-list.js";

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2 },
});

const NOT_SET = "Not set in the directory";

/** The part of the enrolment that comes from the directory (Entra ID): shown, not typed. */
export function DirectoryProfile({ me }: { me: Me }) {
  const styles = useStyles();
  const rows: Array<[string, string]> = [
    ["Name", me.displayName],
    ["Job title", me.jobTitle ?? NOT_SET],
    ["Department", me.department ?? NOT_SET],
    ["Manager", me.manager?.displayName ?? "No manager in the directory"],
    ["Office", me.officeLocation ?? NOT_SET],
    ["Time zone", me.timeZone ?? NOT_SET],
  ];
  return (
    <div>
      <FactList rows={rows} label="From your directory profile" dataKey="profile" />
      <Caption1 className={styles.note}>From your directory profile; it is saved with your enrolment. To change it, ask your administrator.</Caption1>
    </div>
  );
}
