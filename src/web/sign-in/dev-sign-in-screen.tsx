import { useMemo, useState } from "react";
import {
  Body1,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Persona,
  Spinner,
  Tab,
  TabList,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { SearchRegular } from "@fluentui/react-icons";
import { ApiClient } from "../api/client.js";
import { decodeDevPeople } from "../api/decoders.js";
import { endpoints } from "../api/endpoints.js";
import type { DevPeople, DevPerson, Role } from "../api/types.js";
import { EmptyState } from "../components/empty-state.js";
import { ErrorState } from "../components/error-state.js";
import { PagedList } from "../components/paged-list.js";
import { ResourceView } from "../components/resource-view.js";
import { useApiResource } from "../hooks/use-api-resource.js";
import { useReadyMarker } from "../hooks/use-ready-marker.js";
import { AppHeader } from "../shell/app-header.js";
import { ThemePicker } from "../shell/theme-picker.js";
import type { ThemeName } from "../theme/theme-name.js";

/** How many people per role the picker offers; the filter narrows them. */
export const DEV_PEOPLE_LIMIT = 50;

const ROLE_TABS: ReadonlyArray<{ role: Role; label: string; hint: string }> = [
  { role: "employee", label: "Employees", hint: "Juniors who can enrol as mentors." },
  { role: "executive", label: "Executives", hint: "Senior leaders who are mentored." },
  { role: "admin", label: "Program admins", hint: "HR and programme managers who run cohorts." },
];

const useStyles = makeStyles({
  main: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, maxWidth: "760px" },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM, padding: tokens.spacingHorizontalM },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export interface DevSignInScreenProps {
  notice: string | null;
  theme: ThemeName;
  onThemeChange: (theme: ThemeName) => void;
  onSignIn: (person: { userId: string; displayName: string }) => Promise<void>;
}

/** Outside Microsoft 365 with the dev tenant on: choose whom to be. Inside Teams, SSO does this. */
export function DevSignInScreen({ notice, theme, onThemeChange, onSignIn }: DevSignInScreenProps) {
  const styles = useStyles();
  const [role, setRole] = useState<Role>("employee");
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<Error | null>(null);
  const current = ROLE_TABS.find((t) => t.role === role) ?? ROLE_TABS[0]!;

  async function signIn(person: DevPerson) {
    setSigningIn(person.id);
    setSignInError(null);
    try {
      await onSignIn({ userId: person.id, displayName: person.displayName });
    } catch (error) {
      setSignInError(error instanceof Error ? error : new Error(String(error)));
      setSigningIn(null);
    }
  }

  return (
    <>
      <AppHeader me={null} controls={<ThemePicker theme={theme} onChange={onThemeChange} />} />
      <main className={styles.main} data-screen="dev-sign-in">
        <Title2 as="h1">Dev sign-in</Title2>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>You are outside Microsoft Teams</MessageBarTitle>
            This app runs on the local dev tenant. Choose a person to use the app as them. In Teams or Outlook nobody picks a
            person: you are signed in with your work account (single sign-on).
          </MessageBarBody>
        </MessageBar>
        {notice ? (
          <MessageBar intent="warning">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ) : null}
        {signInError ? <ErrorState error={signInError} /> : null}
        <TabList selectedValue={role} onTabSelect={(_, data) => setRole(data.value as Role)} aria-label="Kind of person">
          {ROLE_TABS.map((t) => (
            <Tab key={t.role} value={t.role} data-role={t.role}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        <div className={styles.panel} role="tabpanel" aria-label={current.label}>
          <Body1 as="p">{current.hint}</Body1>
          <PeoplePicker key={role} role={role} label={current.label} signingIn={signingIn} onPick={(p) => void signIn(p)} />
        </div>
      </main>
    </>
  );
}

function PeoplePicker({ role, label, signingIn, onPick }: { role: Role; label: string; signingIn: string | null; onPick: (p: DevPerson) => void }) {
  const anonymous = useMemo(() => new ApiClient({ tokens: null }), []);
  const [state, reload] = useApiResource<DevPeople>(endpoints.devPeople(role, DEV_PEOPLE_LIMIT), decodeDevPeople, { client: anonymous });
  useReadyMarker("dev-sign-in", state.status === "ready");
  return (
    <ResourceView state={state} onRetry={reload} loadingLabel={`${label.toLowerCase()}`}>
      {(data) => <FilteredPeople people={data.people} label={label} signingIn={signingIn} onPick={onPick} />}
    </ResourceView>
  );
}

function FilteredPeople({ people, label, signingIn, onPick }: { people: DevPerson[]; label: string; signingIn: string | null; onPick: (p: DevPerson) => void }) {
  const styles = useStyles();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? people.filter((p) => [p.displayName, p.jobTitle, p.department, p.userPrincipalName].some((v) => v?.toLowerCase().includes(needle)))
    : people;
  if (people.length === 0) {
    return <EmptyState title={`No ${label.toLowerCase()} in the dev tenant`}>The dev tenant's directory has nobody with this role.</EmptyState>;
  }
  return (
    <>
      <Field label="Filter by name, title or department">
        <Input value={filter} onChange={(_, d) => setFilter(d.value)} contentBefore={<SearchRegular />} />
      </Field>
      {shown.length === 0 ? (
        <EmptyState title="Nobody matches this filter">Clear the filter to see everyone.</EmptyState>
      ) : (
        <PagedList
          items={shown}
          label={label}
          getKey={(p) => p.id}
          renderItem={(p) => (
            <Card orientation="horizontal" className={styles.row} data-person={p.userPrincipalName}>
              <Persona name={p.displayName} secondaryText={[p.jobTitle, p.department].filter(Boolean).join(" · ")} avatar={{ color: "colorful" }} />
              <Button
                appearance="primary"
                aria-label={`Sign in as ${p.displayName}`}
                disabled={signingIn !== null}
                icon={signingIn === p.id ? <Spinner size="tiny" /> : undefined}
                onClick={() => onPick(p)}
              >
                Sign in
              </Button>
            </Card>
          )}
        />
      )}
    </>
  );
}
