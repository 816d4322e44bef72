// CSV as RFC 4180 says (comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted and
// quotes doubled), made safe for spreadsheets: a text cell that starts with = + - @ (or a tab / CR, which
// some spreadsheets skip before a formula) gets a leading apostrophe, so Excel and Sheets show it as text
// instead of running it as a formula (OWASP "CSV injection"). Numbers are written as numbers.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
