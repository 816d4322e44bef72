// The organisation directory (Microsoft Graph in production, the dev tenant locally).

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface MailboxTimeZone {
  /** Exactly what the mailbox stores, usually a Windows zone name such as "Pacific Standard Time". */
  windows: string;
  /** The IANA zone for it ("America/Los_Angeles"), or null when the name is unknown. */
  iana: string | null;
}

export interface DirectoryProfile {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  manager: PersonRef | null;
  /** True when the person has at least one direct report. */
  hasDirectReports: boolean;
  /** null when the person has no mailbox (mailboxSettings is not available). */
  timeZone: MailboxTimeZone | null;
}

export interface Directory {
  /** The person's profile, or null when the directory has no such user in that tenant. */
  getProfile(tenantId: string, userId: string): Promise<DirectoryProfile | null>;
}
