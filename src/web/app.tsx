import { Suspense, lazy } from "react";
import { FluentProvider, Title2, makeStaticStyles, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorState } from "./components/error-state.js";
import { LoadingState } from "./components/loading-state.js";
import { useBootstrap, type Bootstrap } from "./session/use-bootstrap.js";
import { AppShell } from "./shell/app-shell.js";
import { AppHeader } from "./shell/app-header.js";
import { fluentTheme } from "./theme/fluent-theme.js";
import { useThemeChoice, type ThemeChoice } from "./theme/use-theme-choice.js";

// Only needed outside a Microsoft 365 host, so Teams and Outlook never download them.
const DevSignInScreen = lazy(() => import("./sign-in/dev-sign-in-screen.js").then((m) => ({ default: m.DevSignInScreen })));
const OpenInHostScreen = lazy(() => import("./sign-in/open-in-host-screen.js").then((m) => ({ default: m.OpenInHostScreen })));

// Screens space their parts with flex gaps; default heading and paragraph margins would double them.
const useStaticStyles = makeStaticStyles({
  body: { margin: 0 },
  "h1, h2, h3, h4, p, dl, dd": { margin: 0 },
});

const useStyles = makeStyles({
  // Teams tabs sit on the host's canvas colour; cards and bars use the lighter background on top.
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  failed: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, maxWidth: "720px" },
});

export function App() {
  useStaticStyles();
  const styles = useStyles();
  const themeChoice = useThemeChoice();
  const boot = useBootstrap(themeChoice.follow);
  return (
    <FluentProvider theme={fluentTheme(themeChoice.theme)} className={styles.provider} data-theme={themeChoice.theme}>
      <Suspense fallback={<LoadingState label="Loading…" />}>
        <Screen boot={boot} themeChoice={themeChoice} />
      </Suspense>
    </FluentProvider>
  );
}

function Screen({ boot, themeChoice }: { boot: Bootstrap; themeChoice: ThemeChoice }) {
  const styles = useStyles();
  const { state } = boot;
  switch (state.step) {
    case "starting":
      return <LoadingState label="Starting Reverse mentorship…" />;
    case "failed":
      return (
        <>
          <AppHeader me={null} />
          <main className={styles.failed} data-screen="failed">
            <Title2 as="h1">Reverse mentorship could not start</Title2>
            <ErrorState error={state.error} onRetry={boot.retry} retryLabel="Try again" />
          </main>
        </>
      );
    case "open-in-host":
      return <OpenInHostScreen />;
    case "dev-sign-in":
      return <DevSignInScreen notice={state.notice} theme={themeChoice.theme} onThemeChange={themeChoice.choose} onSignIn={boot.signInAs} />;
    case "signed-in":
      return <AppShell session={state.session} theme={themeChoice.theme} onThemeChange={themeChoice.choose} onSignOut={boot.signOut} />;
  }
}
