// Where the bot can reach someone: Teams gives us a conversation (id + the Bot Connector service URL) when
// the app is installed, and proactive notifications later post into it. Stored per tenant; a personal
// conversation is found by the person's Entra object id.

export type ConversationScope = "personal" | "team" | "groupChat";

export interface ConversationReference {
  /** Entra tenant id, lower case. */
  tenantId: string;
  /** Bot Framework conversation id, e.g. "a:1Jq…" (personal) or "19:…@thread.tacv2" (team). */
  conversationId: string;
  /** Bot Connector endpoint for this conversation (from the authenticated activity), no trailing slash. */
  serviceUrl: string;
  scope: ConversationScope;
  /** Entra object id of the person for a personal conversation; null otherwise. */
  userId: string | null;
  /** Teams team id (thread id of the General channel) for a team installation; null otherwise. */
  teamId: string | null;
  /** When the app was installed, ms since the Unix epoch. */
  installedAt: number;
}

export interface ConversationReferenceStore {
  /** Saves (or replaces) the reference for its conversation; a personal one replaces the person's previous one. */
  save(reference: ConversationReference): Promise<void>;
  /** The person's personal conversation with the bot, or null when they have not installed the app. */
  findPersonal(tenantId: string, userId: string): Promise<ConversationReference | null>;
  /** Forgets a conversation (app uninstalled, or Teams says it no longer exists). No error when unknown. */
  remove(tenantId: string, conversationId: string): Promise<void>;
}
