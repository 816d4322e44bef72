// What main.ts wires for the scheduling routes and the calendar watch: the use cases' dependencies plus
// the RSVP handler (the CalendarChangeSink the watch feeds), and the periodic poll that is its safety net.
import { createRsvpHandler, type PollReport, type RsvpHandler } from "./rsvp-handler.js";
import { DEFAULT_SCHEDULING_SETTINGS, type SchedulingDeps, type SchedulingSettings } from "./scheduling-ports.js";

export interface SchedulingServices extends SchedulingDeps {
  rsvp: RsvpHandler;
}

export function createSchedulingServices(deps: Omit<SchedulingDeps, "settings"> & { settings?: Partial<SchedulingSettings> }): SchedulingServices {
  const full: SchedulingDeps = { ...deps, settings: { ...DEFAULT_SCHEDULING_SETTINGS, ...deps.settings } };
  return { ...full, rsvp: createRsvpHandler(full) };
}

/** Every 15 minutes by default: re-read open sessions of every tenant (missed notifications, held meetings, new conflicts). */
export function scheduleSessionPoll(
  rsvp: RsvpHandler,
  tenants: () => readonly string[],
  options: { intervalMs?: number; onReport?: (tenantId: string, report: PollReport) => void; onError?: (error: unknown, tenantId: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const tenantId of tenants()) {
        try {
          options.onReport?.(tenantId, await rsvp.poll(tenantId));
        } catch (error) {
          options.onError?.(error, tenantId);
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, options.intervalMs ?? 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
