// Shapes of the API the tab calls today (issue 3 contracts). Kept in one place so that a change of
// contract is a compile error in every screen that depends on it.

export type Role = "employee" | "executive" | "admin";

export const ROLES: readonly Role[] = ["employee", "executive", "admin"];

/** GET /api/config (no auth): how the tab should bootstrap outside a Microsoft 365 host. */
export interface AppConfig {
  mode: "embedded" | "azure";
  clientId: string;
  devSignIn: boolean;
}

export interface ManagerRef {
  id: string;
  displayName: string;
}

/** GET /api/me: the signed-in person, from the token and the directory. */
export interface Me {
  tenantId: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  /** IANA zone, e.g. "Europe/London". */
  timeZone: string | null;
  /** The mailbox's Windows zone name, e.g. "GMT Standard Time". */
  windowsTimeZone: string | null;
  manager: ManagerRef | null;
  roles: Role[];
}

/** One person offered by the dev sign-in (embedded mode only). */
export interface DevPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  userPrincipalName: string;
  role: Role;
}

/** GET /api/dev/people?role=&limit= */
export interface DevPeople {
  tenantId: string;
  people: DevPerson[];
}

/** POST /api/dev/signin { userId } */
export interface DevSignIn {
  token: string;
  /** ISO instant or epoch (seconds or milliseconds); see auth/token-expiry.ts. */
  expiresOn: string | number;
}

export interface FieldError {
  field: string;
  message: string;
}

/** application/problem+json body (RFC 9457) as our API writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}
