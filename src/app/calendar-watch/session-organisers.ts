// Whose calendars to watch, read from the sessions: every organiser of a session whose event exists and
// whose meeting is not over yet (answers and cancellations can still arrive for it).
import type { Clock } from "../ports/clock.js";
import type { SessionRepository } from "../scheduling/scheduling-ports.js";
import type { SessionState } from "../scheduling/session-model.js";
import type { WatchedOrganisers } from "./watch-model.js";

/** States in which a session has an event in someone's calendar that may still change. */
const STATES_WITH_EVENTS: readonly SessionState[] = ["booked", "accepted", "tentative", "declined", "rescheduled"];

export function sessionOrganisers(sessions: Pick<SessionRepository, "listAll">, clock: Clock): WatchedOrganisers {
  return {
    async organisersToWatch(tenantId) {
      const live = await sessions.listAll(tenantId, { states: STATES_WITH_EVENTS, endsAfter: new Date(clock.now()).toISOString() });
      const byKey = new Map<string, string>();
      for (const s of live) if (s.organiser && s.eventId) byKey.set(s.organiser.toLowerCase(), s.organiser);
      return [...byKey.values()].sort();
    },
  };
}
