// Dev sign-in (embedded mode only): pick a person of the local dev tenant and get the token Teams SSO
// would give them. Not available against a real tenant.

export type DevRole = "employee" | "executive" | "admin";

export interface DevPersonSummary {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  userPrincipalName: string;
  role: DevRole;
}

export interface DevSignIn {
  people(role: DevRole, limit: number, tenantId: string | null): Promise<{ tenantId: string; people: DevPersonSummary[] }>;
  signIn(userId: string, tenantId: string | null): Promise<{ token: string; expiresOn: string }>;
}
