// Mailbox time zones: Graph returns Windows zone names ("Pacific Standard Time"); everything else in the
// app works with IANA zones. CLDR's windowsZones table (windows-iana) does the mapping.
import { findIana } from "windows-iana";

// CLDR keeps some legacy ids as its canonical ones (its "primary" names); IANA renamed them long ago. We
// answer with the current IANA name. Source: the `iana` attributes in CLDR common/bcp47/timezone.xml.
const CLDR_LEGACY_TO_IANA: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** The IANA zone for a mailbox time zone (a Windows name, or already IANA); null when unknown. */
export function toIanaTimeZone(mailboxTimeZone: string): string | null {
  const name = mailboxTimeZone.trim();
  if (name === "") return null;
  // findIana lists the CLDR primary zone of the territory "001" first; aliases follow.
  const primary = findIana(name)[0];
  if (primary) return CLDR_LEGACY_TO_IANA[primary] ?? primary;
  // Some mailboxes (and Graph's Prefer: outlook.timezone) carry IANA names directly.
  return isIanaZone(name) ? (CLDR_LEGACY_TO_IANA[name] ?? name) : null;
}

function isIanaZone(name: string): boolean {
  if (!name.includes("/") && name !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
