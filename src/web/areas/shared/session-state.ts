import type { BadgeProps } from "@fluentui/react-components";
import type { SessionState } from "../../api/programme-types.js";

/** Session states in words: the invitation's RSVP as the attendee answered it in Outlook. */
export const SESSION_STATE: Record<SessionState, { label: string; color: BadgeProps["color"] }> = {
  planned: { label: "Planned", color: "informative" },
  booked: { label: "Invitation sent", color: "informative" },
  accepted: { label: "Accepted", color: "success" },
  tentative: { label: "Tentative", color: "warning" },
  declined: { label: "Declined — finding a new time", color: "danger" },
  rescheduled: { label: "Moved", color: "warning" },
  held: { label: "Held", color: "success" },
  cancelled: { label: "Cancelled", color: "subtle" },
};
