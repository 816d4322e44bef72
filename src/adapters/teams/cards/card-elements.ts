// Small builders for the Adaptive Cards the bot sends (schema 1.4: rendered by Teams, Outlook and the
// Microsoft 365 app). Text that comes from people (names, notes, descriptions, skills) goes into
// RichTextBlock/TextRun, which Adaptive Cards never interpret as markdown, so nobody can smuggle a link or
// formatting into a card another person sees. TextBlock (markdown) is used only for our own fixed strings
// and for the DATE()/TIME() functions, which render an instant in the reader's own time zone.
import type {
  CardElementArray,
  IAdaptiveCard,
  IColumnSet,
  IOpenUrlAction,
  IRichTextBlock,
  ITextBlock,
} from "@microsoft/teams.cards";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
export const THUMBNAIL_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.thumbnail";
const CARD_VERSION = "1.4";

export type CardBody = CardElementArray;
export type CardActions = NonNullable<IAdaptiveCard["actions"]>;

export function adaptiveCard(body: CardBody, actions: CardActions = [], fallbackText?: string): IAdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

/** People-provided text, shown verbatim (no markdown). */
export function plainText(text: string, style: { bold?: boolean; size?: "medium" | "large"; subtle?: boolean } = {}): IRichTextBlock {
  return {
    type: "RichTextBlock",
    inlines: [
      {
        type: "TextRun",
        text,
        ...(style.bold ? { weight: "Bolder" as const } : {}),
        ...(style.size ? { size: style.size === "large" ? ("Large" as const) : ("Medium" as const) } : {}),
        ...(style.subtle ? { isSubtle: true } : {}),
      },
    ],
  };
}

/** Our own fixed wording (may use markdown). Never pass people-provided text here. */
export function fixedText(text: string, style: { bold?: boolean; subtle?: boolean; size?: "medium" } = {}): ITextBlock {
  return {
    type: "TextBlock",
    text,
    wrap: true,
    ...(style.bold ? { weight: "Bolder" as const } : {}),
    ...(style.subtle ? { isSubtle: true } : {}),
    ...(style.size ? { size: "Medium" as const } : {}),
  };
}

/** A labelled value; the value is people-provided text. */
export function field(label: string, value: string): IColumnSet {
  return labelled(label, plainText(value));
}

/** A labelled instant (or range) rendered in the reader's time zone by the client. */
export function whenField(label: string, start: string, end?: string): IColumnSet {
  const text = end ? `${dateTime(start)} – {{TIME(${rfc3339(end)})}}` : dateTime(start);
  return labelled(label, { type: "TextBlock", text, wrap: true });
}

function labelled(label: string, value: IRichTextBlock | ITextBlock): IColumnSet {
  return {
    type: "ColumnSet",
    spacing: "Small",
    columns: [
      { type: "Column", width: "110px", items: [{ type: "TextBlock", text: label, weight: "Bolder", wrap: true }] },
      { type: "Column", width: "stretch", items: [value] },
    ],
  };
}

export function openUrl(title: string, url: string): IOpenUrlAction {
  return { type: "Action.OpenUrl", title, url };
}

/** "{{DATE(…, SHORT)}} {{TIME(…)}}" for an ISO 8601 instant. */
export function dateTime(iso: string): string {
  const value = rfc3339(iso);
  return `{{DATE(${value}, SHORT)}} {{TIME(${value})}}`;
}

/**
 * The form the Adaptive Card DATE/TIME functions accept: yyyy-mm-ddThh:mm:ssZ (no fractional seconds).
 * Throws on anything that is not an instant with a zone designator, so a bad time never reaches a card.
 */
export function rfc3339(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match || Number.isNaN(Date.parse(iso)) || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new Error(`"${iso}" is not an ISO 8601 instant with a time zone designator`);
  }
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CALENDAR_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** "Mon 4 Mar 2030" for a calendar date "2030-03-04" (a date, not an instant: no time zone shift). */
export function calendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`"${date}" is not a calendar date (yyyy-mm-dd)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) throw new Error(`"${date}" is not a calendar date (yyyy-mm-dd)`);
  return CALENDAR_DATE.format(Date.UTC(year, month - 1, day)).replace(",", "");
}

export function listText(items: readonly string[]): string {
  return items.join(", ");
}
