import type { ReactNode } from "react";
import { Badge, Body1, Caption1, Card, CardHeader, Persona, Title2, makeStyles, tokens } from "@fluentui/react-components";
import type { Me } from "../../api/types.js";
import { describeTimeZone } from "../../format/dates.js";
import { ROLE_LABELS } from "../../format/roles.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { useSession } from "../../session/session.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  card: { padding: tokens.spacingHorizontalL },
  facts: {
    display: "grid",
    gridTemplateColumns: "minmax(8rem, max-content) 1fr",
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: "anywhere" },
  roles: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  note: { color: tokens.colorNeutralForeground2 },
});

const NOT_SET = "Not set in the directory";

/** "About you": the profile the programme uses, as the directory (Entra ID) knows it. */
export function AboutYou() {
  const { me } = useSession();
  const styles = useStyles();
  useReadyMarker("about", true);
  return (
    <div className={styles.root} data-screen="about">
      <Title2 as="h1">About you</Title2>
      <Body1 as="p" className={styles.note}>
        This is what your organisation's directory says about you. Enrolment forms start from it; to change it, ask your
        administrator to update your Microsoft 365 profile.
      </Body1>
      <Card className={styles.card} aria-label="Your profile">
        <CardHeader
          header={<Persona name={me.displayName} secondaryText={me.jobTitle ?? undefined} tertiaryText={me.userPrincipalName} size="huge" avatar={{ color: "colorful" }} />}
        />
        <ProfileFacts me={me} />
      </Card>
    </div>
  );
}

function ProfileFacts({ me }: { me: Me }) {
  const styles = useStyles();
  const rows: Array<[string, ReactNode]> = [
    ["Name", me.displayName],
    ["Job title", me.jobTitle ?? NOT_SET],
    ["Department", me.department ?? NOT_SET],
    ["Manager", me.manager?.displayName ?? "No manager in the directory"],
    ["Office", me.officeLocation ?? NOT_SET],
    ["Time zone", <TimeZone key="tz" me={me} />],
    ["Email", me.mail ?? "No mailbox"],
    [
      "Roles",
      <span key="roles" className={styles.roles}>
        {me.roles.map((role) => (
          <Badge key={role} appearance="tint" shape="rounded">
            {ROLE_LABELS[role]}
          </Badge>
        ))}
      </span>,
    ],
  ];
  return (
    <dl className={styles.facts}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value} data-fact={term}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TimeZone({ me }: { me: Me }) {
  const styles = useStyles();
  if (!me.timeZone) return <>{NOT_SET}</>;
  return (
    <>
      {describeTimeZone(me.timeZone)}
      {me.windowsTimeZone ? (
        <>
          <br />
          <Caption1 className={styles.note}>Outlook setting: {me.windowsTimeZone}</Caption1>
        </>
      ) : null}
    </>
  );
}
