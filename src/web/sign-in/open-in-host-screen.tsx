import { Body1, Card, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useReadyMarker } from "../hooks/use-ready-marker.js";
import { AppHeader } from "../shell/app-header.js";

const useStyles = makeStyles({
  main: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, maxWidth: "720px" },
  card: { padding: tokens.spacingHorizontalL },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** Azure mode outside a Microsoft 365 host: there is no sign-in here, only the way to the real one. */
export function OpenInHostScreen() {
  const styles = useStyles();
  useReadyMarker("open-in-host", true);
  return (
    <>
      <AppHeader me={null} />
      <main className={styles.main} data-screen="open-in-host">
        <Title2 as="h1">Open Reverse mentorship in Microsoft Teams or Outlook</Title2>
        <Body1 as="p">
          This app runs inside Microsoft 365, where you are signed in with your work account. Opened on its own in a browser it
          cannot sign you in.
        </Body1>
        <Card className={styles.card}>
          <ol className={styles.steps}>
            <li>
              <strong>Microsoft Teams:</strong> select <em>Apps</em>, find <em>Reverse mentorship</em> (under <em>Built for your
              org</em>), and select <em>Open</em>.
            </li>
            <li>
              <strong>Outlook or the Microsoft 365 app:</strong> select <em>More apps</em> and choose <em>Reverse mentorship</em>.
            </li>
            <li>If you cannot find it, ask your Microsoft 365 administrator to make the app available to you.</li>
          </ol>
        </Card>
      </main>
    </>
  );
}
