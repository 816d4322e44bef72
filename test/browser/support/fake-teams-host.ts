// A stand-in for the Microsoft Teams web client: a page that frames the tab and answers teams-js over
// postMessage the way Teams does (initialize → runtime config, getContext → legacy context,
// authentication.getAuthToken → the SSO token, themeChange pushed to the tab). It is served on the
// tab's own origin (teams-js accepts its parent's messages from there without a network look-up).
import type { Frame, Page } from "playwright-core";

export const FAKE_HOST_PATH = "/__fake-teams-host";

export interface FakeHostOptions {
  /** The tab's URL path inside the host, e.g. "/". */
  tabPath: string;
  /** What the host reports: "default" | "dark" | "contrast". */
  theme: "default" | "dark" | "contrast";
  /** The SSO token the host hands out; null = SSO fails as when consent is missing. */
  token: string | null;
  /** Deep link into the tab (Teams' subEntityId). */
  subEntityId?: string;
  /** false = a page that frames the tab but never answers (not a Microsoft 365 host). */
  answers?: boolean;
  hostName?: "Teams" | "Outlook" | "Office";
}

export interface HostMessage {
  func: string;
  args: unknown[];
}

// Runs in the host page (plain JavaScript: the repo's TypeScript is typed for Node, not the DOM).
const HOST_SCRIPT = String.raw`
(() => {
  const opts = JSON.parse(document.getElementById("host-options").textContent);
  const log = [];
  const frame = document.createElement("iframe");
  frame.src = opts.tabPath;
  frame.title = "Reverse mentorship";
  frame.style.cssText = "border:0;width:100%;height:100vh;display:block";
  document.body.appendChild(frame);
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: { app: {}, appInstallDialog: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} },
  };
  const context = {
    locale: "en-gb",
    theme: opts.theme,
    hostName: opts.hostName || "Teams",
    hostClientType: "web",
    entityId: "home",
    subEntityId: opts.subEntityId,
    frameContext: "content",
    appSessionId: "b1c2d3e4-0000-4000-8000-000000000001",
  };
  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow) return;
    const message = event.data;
    if (!message || typeof message.func !== "string") return;
    log.push({ func: message.func, args: message.args || [] });
    if (opts.answers === false) return;
    const reply = (args) => frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
    switch (message.func) {
      case "initialize":
        reply(["content", "web", JSON.stringify(runtime), "2.58.0"]);
        break;
      case "getContext":
        reply([context]);
        break;
      case "authentication.getAuthToken":
        reply(opts.token ? [true, opts.token] : [false, "resourceRequiresConsent"]);
        break;
      default:
        // registerHandler, appInitialization.success / failure, …: one-way notifications.
        break;
    }
  });
  window.hostLog = log;
  window.setHostTheme = (theme) => frame.contentWindow.postMessage({ func: "themeChange", args: [theme] }, location.origin);
})();
`;

export function fakeHostHtml(options: FakeHostOptions): string {
  const json = JSON.stringify(options).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Microsoft Teams (test host)</title>
<style>body{margin:0}</style></head><body>
<script type="application/json" id="host-options">${json}</script>
<script>${HOST_SCRIPT}</script></body></html>`;
}

export interface FakeHost {
  /** The tab's frame. */
  tab(): Frame;
  /** Every message the tab sent to the host, in order. */
  messages(): Promise<HostMessage[]>;
  /** The person switches the Teams theme while the tab is open. */
  setTheme(theme: "default" | "dark" | "contrast"): Promise<void>;
}

/** Serves the host page on the tab's origin (route-fulfilled: the app server is not touched) and opens it. */
export async function openInFakeHost(page: Page, baseUrl: string, options: FakeHostOptions): Promise<FakeHost> {
  const url = `${baseUrl}${FAKE_HOST_PATH}`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: fakeHostHtml(options) }));
  await page.goto(url);
  const tab = () => {
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error("The fake host has not framed the tab.");
    return frame;
  };
  return {
    tab,
    messages: () => page.evaluate(() => (globalThis as unknown as { hostLog: HostMessage[] }).hostLog.slice()),
    setTheme: (theme) => page.evaluate((t) => (globalThis as unknown as { setHostTheme: (t: string) => void }).setHostTheme(t), theme),
  };
}
