// Bot Framework activities as Teams sends them to /api/messages (shapes from the Microsoft Teams platform
// docs: installationUpdate, composeExtension/query, fetchTask, submitAction, queryLink).

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const OTHER_TENANT = "8a1b9c2d-0000-4000-8000-00000000beef";
export const BOT_ID = "9e3d1c7a-5a1f-4f59-9b0f-4c3a2b1d0e11";
export const USER = { id: "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06X1-cHHle4zOE6U4ttcc", aadObjectId: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", name: "Aiko Tanaka" };

export interface ActivityOptions {
  serviceUrl: string;
  tenantId?: string;
  from?: { id: string; aadObjectId?: string; name?: string };
  conversation?: Record<string, unknown>;
}

function envelope(options: ActivityOptions): Record<string, unknown> {
  const tenantId = options.tenantId ?? TENANT;
  return {
    id: "f:8394715261238747162",
    timestamp: "2030-03-04T09:15:22.314Z",
    localTimestamp: "2030-03-04T10:15:22.314+01:00",
    channelId: "msteams",
    serviceUrl: options.serviceUrl,
    from: options.from ?? USER,
    recipient: { id: `28:${BOT_ID}`, name: "Mentorship" },
    conversation: options.conversation ?? { conversationType: "personal", tenantId, id: "a:1Jq2dmxWjG8NyVjF0yXpQJZUDS9yN0HfqYxSBB5Qb4u-OAwb0XtbMwvX0U4DeHy7m3PX8fqE" },
    entities: [{ type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web", timezone: "Europe/London" }],
    channelData: { tenant: { id: tenantId }, source: { name: "compose" } },
    locale: "en-GB",
  };
}

export function installationAdd(options: ActivityOptions & { scope?: "personal" | "team" }): Record<string, unknown> {
  const base = envelope(options);
  if (options.scope === "team") {
    const tenantId = options.tenantId ?? TENANT;
    return {
      ...base,
      type: "installationUpdate",
      action: "add",
      conversation: { isGroup: true, conversationType: "channel", tenantId, id: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2" },
      channelData: { settings: { selectedChannel: { id: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2" } }, team: { aadGroupId: "e3f2a1b0-1111-4222-8333-944455556666", name: "People & Culture", id: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2" }, tenant: { id: tenantId }, source: { name: "message" } },
    };
  }
  return { ...base, type: "installationUpdate", action: "add" };
}

export function installationRemove(options: ActivityOptions): Record<string, unknown> {
  return { ...envelope(options), type: "installationUpdate", action: "remove" };
}

export function messageText(options: ActivityOptions, text: string): Record<string, unknown> {
  return { ...envelope(options), type: "message", text, textFormat: "plain" };
}

const CHANNEL_CONVERSATION = (tenantId: string) => ({
  isGroup: true,
  conversationType: "channel",
  id: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2;messageid=1711111111111",
  tenantId,
});

export function composeQuery(
  options: ActivityOptions,
  commandId: string,
  parameters: Array<{ name: string; value: string }>,
  queryOptions: { skip: number; count: number } = { skip: 0, count: 25 },
): Record<string, unknown> {
  return {
    ...envelope({ ...options, conversation: options.conversation ?? CHANNEL_CONVERSATION(options.tenantId ?? TENANT) }),
    type: "invoke",
    name: "composeExtension/query",
    value: { commandId, parameters, queryOptions },
  };
}

export function fetchTask(options: ActivityOptions, commandId: string, messageAuthor?: { id: string; displayName: string }): Record<string, unknown> {
  const value: Record<string, unknown> = { commandId, commandContext: messageAuthor ? "message" : "compose", context: { theme: "default" } };
  if (messageAuthor) {
    value.messagePayload = {
      id: "1711111111111",
      createdDateTime: "2030-03-04T09:14:00.000Z",
      importance: "normal",
      locale: "en-gb",
      body: { contentType: "html", content: "<p>Happy to show the team how I use Copilot for reviews.</p>" },
      from: { user: { id: messageAuthor.id, displayName: messageAuthor.displayName, userIdentityType: "aadUser" } },
      attachments: [],
      mentions: [],
      reactions: [],
    };
  }
  return {
    ...envelope({ ...options, conversation: options.conversation ?? CHANNEL_CONVERSATION(options.tenantId ?? TENANT) }),
    type: "invoke",
    name: "composeExtension/fetchTask",
    value,
  };
}

export function submitAction(options: ActivityOptions, commandId: string, data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...envelope({ ...options, conversation: options.conversation ?? CHANNEL_CONVERSATION(options.tenantId ?? TENANT) }),
    type: "invoke",
    name: "composeExtension/submitAction",
    value: { commandId, commandContext: "compose", context: { theme: "default" }, data },
  };
}

export function queryLink(options: ActivityOptions, url: string): Record<string, unknown> {
  return {
    ...envelope({ ...options, conversation: options.conversation ?? CHANNEL_CONVERSATION(options.tenantId ?? TENANT) }),
    type: "invoke",
    name: "composeExtension/queryLink",
    value: { url },
  };
}
