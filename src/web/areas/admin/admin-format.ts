// Small formatting shared by the admin screens.

/** "calendarsUnreadable" → "calendars unreadable" (labels for counts the server names in camelCase). */
export function words(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase();
}

/** 0.4567 → "46%" */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Scores with at most two decimals, as the matcher's weights allow three. */
export function score(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
