import { Suspense, lazy, useEffect, useMemo, type ComponentType } from "react";
import { Button, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { AboutYou } from "../areas/about/about-you.js";
import { ErrorBoundary } from "../components/error-boundary.js";
import { LoadingState } from "../components/loading-state.js";
import { SessionContext, type SignedInSession } from "../session/session.js";
import type { ThemeName } from "../theme/theme-name.js";
import { AppHeader } from "./app-header.js";
import { areaFromSubPageId, areasFor, type AreaId } from "./areas.js";
import { ThemePicker } from "./theme-picker.js";
import { useAreaNavigation } from "./use-area-navigation.js";

// Each area is its own chunk: the first screen ("About you") loads only the shell.
const LAZY_AREAS: Record<Exclude<AreaId, "about">, ComponentType> = {
  programme: lazy(() => import("../areas/programme/my-programme.js").then((m) => ({ default: m.MyProgramme }))),
  mentor: lazy(() => import("../areas/mentor/my-mentor.js").then((m) => ({ default: m.MyMentor }))),
  admin: lazy(() => import("../areas/admin/admin-area.js").then((m) => ({ default: m.AdminArea }))),
};

const useStyles = makeStyles({
  nav: {
    padding: `0 ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}` },
});

export interface AppShellProps {
  session: SignedInSession;
  theme: ThemeName;
  onThemeChange: (theme: ThemeName) => void;
  onSignOut: () => void;
}

export function AppShell({ session, theme, onThemeChange, onSignOut }: AppShellProps) {
  const styles = useStyles();
  const allowed = useMemo(() => areasFor(session.me.roles), [session.me.roles]);
  const [area, navigate] = useAreaNavigation(allowed, areaFromSubPageId(session.host?.info.subPageId ?? null, allowed));

  useEffect(() => {
    session.host?.notifyReady();
  }, [session.host]);

  // The window title names the area (browser history, screen readers announcing the page).
  const areaLabel = allowed.find((a) => a.id === area)?.label;
  useEffect(() => {
    document.title = areaLabel ? `${areaLabel} · Reverse mentorship` : "Reverse mentorship";
  }, [areaLabel]);

  const AreaComponent = area === "about" ? AboutYou : LAZY_AREAS[area];
  const devControls =
    session.via === "dev" ? (
      <>
        <ThemePicker theme={theme} onChange={onThemeChange} />
        <Button size="small" onClick={onSignOut}>
          Switch person
        </Button>
      </>
    ) : null;

  return (
    <SessionContext.Provider value={session}>
      <AppHeader me={session.me} controls={devControls} />
      <nav className={styles.nav} aria-label="Areas">
        <TabList selectedValue={area} onTabSelect={(_, data) => navigate(data.value as AreaId)}>
          {allowed.map((a) => (
            <Tab key={a.id} value={a.id} data-area={a.id}>
              {a.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <ErrorBoundary key={area}>
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <AreaComponent />
          </Suspense>
        </ErrorBoundary>
      </main>
    </SessionContext.Provider>
  );
}
