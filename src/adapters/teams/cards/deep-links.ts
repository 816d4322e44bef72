// Links from cards into the personal tab. The tab (src/web) reads the Teams context's page.subPageId, or
// the URL hash outside Teams, and opens the area named by its first segment ("programme", "mentor", …);
// the rest of the path names the item. With the Teams app id we build a Teams deep link (opens the app in
// Teams); without it, or for the web fallback, a plain https URL to the tab.
import type { ProgramRole } from "../../../app/messaging/notifier.js";

export interface TabLinks {
  /** Teams app id (manifest `id`, TEAMS_APP_ID); null = link to the web tab only. */
  teamsAppId: string | null;
  /** Public https origin serving the tab, no trailing slash. */
  tabEndpoint: string;
}

/** The static tab's entityId in appPackage/manifest.json. */
export const HOME_TAB_ENTITY_ID = "home";

/** Which tab area a person in this role works in: mentors in "programme", executives in "mentor". */
export function areaFor(role: ProgramRole): "programme" | "mentor" {
  return role === "mentor" ? "programme" : "mentor";
}

export function cohortPath(cohortId: string): string {
  return `programme/cohorts/${encodeURIComponent(cohortId)}`;
}

export function pairPath(role: ProgramRole, pairId: string): string {
  return `${areaFor(role)}/pairs/${encodeURIComponent(pairId)}`;
}

export function sessionPath(role: ProgramRole, sessionId: string, feedback = false): string {
  return `${areaFor(role)}/sessions/${encodeURIComponent(sessionId)}${feedback ? "/feedback" : ""}`;
}

/** https URL of the tab opened at `path` (works in a browser, Outlook and as the Teams deep link webUrl). */
export function webTabUrl(links: TabLinks, path: string): string {
  return `${links.tabEndpoint}/#/${path}`;
}

/** Opens the personal app at `path`: a Teams entity deep link when the app id is known. */
export function tabDeepLink(links: TabLinks, path: string, label: string): string {
  const webUrl = webTabUrl(links, path);
  if (!links.teamsAppId) return webUrl;
  const query = new URLSearchParams({ webUrl, label, context: JSON.stringify({ subEntityId: path }) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(links.teamsAppId)}/${HOME_TAB_ENTITY_ID}?${query.toString()}`;
}

/**
 * The cohort a shared link points at, when it is one of ours (same scheme and host as the tab):
 * https://<tab host>/#/programme/cohorts/<id>
 * (what webTabUrl produces) or https://<tab host>/cohorts/<id>. Anything else, including other hosts, is null.
 */
export function cohortIdFromLink(links: TabLinks, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  const ours = new URL(links.tabEndpoint);
  if (parsed.protocol !== ours.protocol || parsed.host.toLowerCase() !== ours.host.toLowerCase()) return null;
  const fromHash = /^#\/programme\/cohorts\/([^/?#]+)\/?$/.exec(parsed.hash);
  const fromPath = /^\/cohorts\/([^/?#]+)\/?$/.exec(parsed.pathname);
  const raw = fromHash?.[1] ?? fromPath?.[1];
  if (!raw) return null;
  try {
    const id = decodeURIComponent(raw);
    return /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
