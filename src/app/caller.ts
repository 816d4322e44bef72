// Who is calling: built only from a validated token (never from the request body), so the tenant and the
// user id can be trusted by every use case.

export interface Caller {
  /** Entra tenant id (`tid`), lower case. */
  tenantId: string;
  /** Entra object id (`oid`). */
  userId: string;
  displayName: string | null;
  userPrincipalName: string | null;
  /** App roles from the token (`roles`). */
  tokenRoles: readonly string[];
  /** Delegated scopes (`scp`). */
  scopes: readonly string[];
  /** Holds the configured admin app role. */
  isAdmin: boolean;
  /** The validated bearer token, for on-behalf-of exchanges only. A function so it never lands in logs or JSON. */
  assertion(): string;
}
