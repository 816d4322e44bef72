// Installation updates: when someone installs the app (personal) or adds it to a team, Teams sends an
// installationUpdate activity; its conversation is where proactive notifications go later. Uninstalling
// sends action "remove" and the reference is forgotten.
import type { ConversationReference, ConversationScope } from "../../app/messaging/conversation-reference.js";
import { adaptiveCard, fixedText, openUrl } from "./cards/card-elements.js";
import { tabDeepLink, type TabLinks } from "./cards/deep-links.js";
import type { OutboundMessage } from "./proactive-sender.js";

/** The parts of an activity we read (Bot Framework activity schema, Teams channel data). */
export interface InstallActivity {
  serviceUrl?: string;
  from?: { id?: string; aadObjectId?: string } | null;
  conversation?: { id?: string; conversationType?: unknown; tenantId?: string } | null;
  channelData?: unknown;
}

/** Tenant of an activity, lower case: conversation.tenantId, else channelData.tenant.id. */
export function activityTenantId(activity: InstallActivity): string | null {
  const tenantId = activity.conversation?.tenantId ?? nestedId(activity.channelData, "tenant");
  return typeof tenantId === "string" && tenantId !== "" ? tenantId.toLowerCase() : null;
}

/** channelData.<key>.id when it is a string. */
function nestedId(channelData: unknown, key: "tenant" | "team"): string | undefined {
  const inner = channelData !== null && typeof channelData === "object" ? (channelData as Record<string, unknown>)[key] : undefined;
  const id = inner !== null && typeof inner === "object" ? (inner as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Builds the reference to store, or explains why this activity cannot give one. */
export function referenceFromActivity(activity: InstallActivity, now: number): { reference: ConversationReference } | { problem: string } {
  const tenantId = activityTenantId(activity);
  const conversationId = activity.conversation?.id;
  const serviceUrl = activity.serviceUrl;
  if (!tenantId) return { problem: "no tenant id" };
  if (typeof conversationId !== "string" || conversationId === "") return { problem: "no conversation id" };
  if (typeof serviceUrl !== "string" || !URL.canParse(serviceUrl) || !/^https?:$/.test(new URL(serviceUrl).protocol)) return { problem: "no valid serviceUrl" };
  const scope = scopeOf(activity.conversation?.conversationType);
  const userId = scope === "personal" ? (activity.from?.aadObjectId?.toLowerCase() ?? null) : null;
  if (scope === "personal" && !userId) return { problem: "personal conversation without the user's aadObjectId" };
  return {
    reference: {
      tenantId,
      conversationId,
      serviceUrl: serviceUrl.replace(/\/+$/, ""),
      scope,
      userId,
      teamId: scope === "team" ? (nestedId(activity.channelData, "team") ?? null) : null,
      installedAt: now,
    },
  };
}

function scopeOf(conversationType: unknown): ConversationScope {
  if (conversationType === "channel") return "team";
  if (conversationType === "groupChat") return "groupChat";
  return "personal";
}

export function welcomeMessage(links: TabLinks): OutboundMessage {
  const card = adaptiveCard(
    [
      fixedText("Welcome to Reverse Mentorship", { bold: true, size: "medium" }),
      fixedText("Junior colleagues coach senior leaders on technology, habits and fresh perspectives, always across reporting lines."),
      fixedText("Open the app to see open cohorts and enrol. I'll message you here when you are matched, when sessions are booked or moved, before each session, and when it is time for feedback."),
    ],
    [openUrl("Open Mentorship", tabDeepLink(links, "programme", "Mentorship"))],
    "Welcome to Reverse Mentorship",
  );
  return { summary: "Welcome to Reverse Mentorship", card };
}

export function helpMessage(links: TabLinks): OutboundMessage {
  const card = adaptiveCard(
    [fixedText("I only send notifications about your mentorship: matches, sessions, reminders and feedback. Everything else lives in the app.")],
    [openUrl("Open Mentorship", tabDeepLink(links, "programme", "Mentorship"))],
    "Open the Mentorship app",
  );
  return { summary: "Open the Mentorship app", card };
}
