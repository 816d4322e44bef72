// GET /users/{id}/mailboxSettings (and single settings), shaped like the official mailboxSettings payload:
// Windows zone names, working hours with "HH:mm:ss.0000000" times, language with locale + display name.
import type { DevPerson } from "../model.js";
import { workingHoursResource } from "./free-busy.js";
import { formatDateTimeTimeZone, UTC_ZONE } from "./time-zones.js";

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "en-US" → "English (United States)", the way Exchange names languages. */
function languageDisplayName(locale: string): string {
  const [language = "en", region] = locale.split("-");
  const languageName = languageNames.of(language) ?? language;
  if (region === undefined) return languageName;
  return `${languageName} (${regionNames.of(region.toUpperCase()) ?? region})`;
}

function localeOf(person: DevPerson): string {
  const locale = person.preferredLanguage ?? "en-US";
  return /^[a-z]{2,3}(-[A-Za-z]{2})?$/.test(locale) ? locale : "en-US";
}

/** All mailbox settings of a person (without @odata.context). */
export function mailboxSettingsOf(person: DevPerson, now: number): Record<string, unknown> {
  const locale = localeOf(person);
  const us = locale === "en-US";
  // Exchange fills the (unused) schedule of disabled automatic replies with the current day.
  const today = Math.floor(now / 86_400_000) * 86_400_000;
  return {
    automaticRepliesSetting: {
      status: "disabled",
      externalAudience: "all",
      scheduledStartDateTime: formatDateTimeTimeZone(today, UTC_ZONE),
      scheduledEndDateTime: formatDateTimeTimeZone(today + 86_400_000, UTC_ZONE),
      internalReplyMessage: "",
      externalReplyMessage: "",
    },
    timeZone: person.timeZone,
    language: { locale, displayName: languageDisplayName(locale) },
    workingHours: workingHoursResource(person),
    userPurpose: { value: "user" },
    dateFormat: us ? "M/d/yyyy" : "dd/MM/yyyy",
    timeFormat: us ? "h:mm tt" : "HH:mm",
    delegateMeetingMessageDeliveryOptions: "sendToDelegateOnly",
  };
}

export const MAILBOX_SETTING_NAMES = ["automaticRepliesSetting", "timeZone", "language", "workingHours", "userPurpose", "dateFormat", "timeFormat", "delegateMeetingMessageDeliveryOptions"] as const;

/**
 * One setting as Graph returns it from /mailboxSettings/{name}: objects come back as themselves, plain
 * string settings wrapped as `{ value }`. Returns undefined for an unknown setting name.
 */
export function mailboxSetting(person: DevPerson, name: string, now: number): Record<string, unknown> | undefined {
  const canonical = MAILBOX_SETTING_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (canonical === undefined) return undefined;
  const value = mailboxSettingsOf(person, now)[canonical];
  return typeof value === "object" && value !== null ? { ...(value as Record<string, unknown>) } : { value };
}
