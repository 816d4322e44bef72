// The dev tenant's in-memory state: the shared vocabulary of the directory half (org, identity,
// /users, delta, $batch) and the calendar half (mailboxSettings, getSchedule, events, subscriptions).
// Nothing here is product code: it is the local stand-in for Microsoft 365.

export type DayOfWeek = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";

/** Working hours as Exchange stores them: local wall-clock times in a Windows time-zone name. */
export interface DevWorkingHours {
  daysOfWeek: DayOfWeek[];
  /** "HH:mm:ss" local time. */
  startTime: string;
  endTime: string;
  /** Windows zone name, e.g. "Pacific Standard Time" (what Graph returns). */
  timeZone: string;
}

/** How a person answers meeting invitations (the "executives behave like people" knobs). */
export interface DevResponseProfile {
  /** Probabilities; the rest (1 - sum) means the person never answers. */
  accept: number;
  tentative: number;
  decline: number;
  /** Simulated minutes between the invitation and the answer. */
  delayMinutes: number;
  /** Probability that an accepted meeting is later cancelled by a conflicting meeting. */
  laterConflict: number;
}

export interface DevPerson {
  /** Entra object id (GUID). */
  id: string;
  userPrincipalName: string;
  /** null for users without a mailbox (and some guests). */
  mail: string | null;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  department: string | null;
  /** Not a Graph user property; used to generate departments and reported via companyName-like fields only in fixtures. */
  division: string | null;
  companyName: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  usageLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  /** Direct manager's object id; null for the CEO and for "missing manager" bad data. */
  managerId: string | null;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  /** false → getSchedule returns a per-schedule error, mailboxSettings and events 404 (MailboxNotEnabledForRESTAPI). */
  hasMailbox: boolean;
  /** mailboxSettings.timeZone: a Windows zone name. */
  timeZone: string;
  workingHours: DevWorkingHours;
  /** Dev-only: holds the app role "Program.Admin" in the product's app (goes into the user's token `roles`). */
  isProgramAdmin: boolean;
  responseProfile: DevResponseProfile | null;
  /** Depth in the generated tree (CEO = 0). Generator metadata, never served by Graph. */
  generatedLevel: number;
}

/** A busy block that the generator or a fixture puts in someone's calendar (UTC ISO instants). */
export interface DevBusyBlock {
  start: string;
  end: string;
  status: "tentative" | "busy" | "oof" | "workingElsewhere";
  subject: string;
  /** Weekly recurrence count (1 = single occurrence). */
  weeklyOccurrences?: number;
}

/** One directory change, kept for /users/delta. Versions grow monotonically per tenant. */
export interface DevDirectoryChange {
  version: number;
  userId: string;
  kind: "upsert" | "removed";
  removedReason?: "changed" | "deleted";
}

export interface DevTenantInfo {
  tenantId: string;
  displayName: string;
  /** Verified domain, e.g. "contoso.example". */
  domain: string;
}

/** Who is calling Graph, set by the server's auth step before any resource route runs. */
export interface GraphCallContext {
  tenantId: string;
  /** The calling application's client id (`appid`/`azp`). */
  appId: string;
  /** Application roles in the token, e.g. ["User.Read.All", "Calendars.ReadWrite"]. */
  roles: string[];
  /** The signed-in user for delegated (OBO) tokens, else null. */
  userId: string | null;
  scopes: string[];
  requestId: string;
}

/** Read access to one tenant's directory, as the calendar half needs it. */
export interface DevDirectoryView {
  info: DevTenantInfo;
  /** Look up by object id, userPrincipalName or mail (case-insensitive). */
  findPerson(idOrAddress: string): DevPerson | undefined;
  people(): readonly DevPerson[];
  /** The seed that generated this tenant (for deterministic calendars). */
  seed: number;
  /** Busy blocks loaded from a fixture for this person (generated calendars are computed lazily). */
  fixtureBusy(personId: string): readonly DevBusyBlock[];
}

/** The dev tenant's clock: real time plus an offset that tests and the demo can move forward. */
export interface DevClock {
  now(): number;
  advance(ms: number): void;
}
