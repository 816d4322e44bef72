import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { describeTimeZone } from "../../format/dates.js";

const useStyles = makeStyles({ note: { color: tokens.colorNeutralForeground2 } });

/** Names the zone the times on screen are shown in (the person's mailbox zone, else this device's). */
export function TimeZoneNote({ timeZone }: { timeZone: string | null }) {
  const styles = useStyles();
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Caption1 className={styles.note} data-testid="time-zone-note">
      Times are in {describeTimeZone(zone)}
      {timeZone ? ", your Outlook time zone." : ", this device's time zone (your mailbox has none set)."}
    </Caption1>
  );
}
