// A structural reader for the Bicep we write (no Bicep CLI offline): strips comments and strings to check
// bracket balance, and extracts params, vars, resources, outputs and the body of a named resource.

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
}

export interface BicepFile {
  text: string;
  /** The text with comments removed and string contents blanked (quotes kept). */
  code: string;
  params: BicepParam[];
  vars: string[];
  resources: BicepResource[];
  outputs: Array<{ name: string; type: string }>;
}

/**
 * Blanks // and /* *\/ comments and the inside of '…' and '''…''' strings with spaces. The result has the same
 * length and line structure as the input, so offsets found in it are valid in the original text.
 */
export function stripCommentsAndStrings(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith("//")) {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
      continue;
    }
    if (rest.startsWith("/*")) {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) throw new Error("unterminated block comment");
      out += text.slice(i, end + 2).replace(/[^\n]/g, " ");
      i = end + 2;
      continue;
    }
    if (rest.startsWith("'''")) {
      const end = text.indexOf("'''", i + 3);
      if (end === -1) throw new Error("unterminated multi-line string");
      out += `'''${text.slice(i + 3, end).replace(/[^\n]/g, " ")}'''`;
      i = end + 3;
      continue;
    }
    if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") {
        if (text[j] === "\\") j++;
        if (text[j] === "\n") throw new Error(`unterminated string at offset ${i}`);
        j++;
      }
      if (j >= text.length) throw new Error(`unterminated string at offset ${i}`);
      out += `'${" ".repeat(j - i - 1)}'`;
      i = j + 1;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

/** First unbalanced or mismatched bracket, or null when (), [] and {} all balance. */
export function bracketProblem(code: string): string | null {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  const stack: Array<{ ch: string; line: number }> = [];
  let line = 1;
  for (const ch of code) {
    if (ch === "\n") line++;
    if (ch === "(" || ch === "[" || ch === "{") stack.push({ ch, line });
    else if (ch === ")" || ch === "]" || ch === "}") {
      const open = stack.pop();
      if (!open || open.ch !== pairs[ch]) return `unexpected "${ch}" on line ${line}`;
    }
  }
  const open = stack.pop();
  return open ? `"${open.ch}" opened on line ${open.line} is never closed` : null;
}

export function readBicep(text: string): BicepFile {
  const code = stripCommentsAndStrings(text);
  const params: BicepParam[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    const match = /^param\s+(\w+)\s+(\w+)(\s*=)?/.exec(line);
    if (!match) return;
    let secure = false;
    for (let j = index - 1; j >= 0 && /^\s*(@|\]|'|\)|$)/.test(lines[j] ?? "") && (lines[j] ?? "").trim() !== ""; j--) {
      if ((lines[j] ?? "").trim().startsWith("@secure()")) secure = true;
    }
    params.push({ name: match[1] ?? "", type: match[2] ?? "", hasDefault: Boolean(match[3]), secure });
  });
  const vars = [...text.matchAll(/^var\s+(\w+)\s*=/gm)].map((m) => m[1] ?? "");
  const resources = [...text.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm)].map((m) => ({ symbol: m[1] ?? "", type: m[2] ?? "", apiVersion: m[3] ?? "" }));
  const outputs = [...text.matchAll(/^output\s+(\w+)\s+(\w+)\s*=/gm)].map((m) => ({ name: m[1] ?? "", type: m[2] ?? "" }));
  return { text, code, params, vars, resources, outputs };
}

/** The text of the top-level declaration starting with `resource <symbol>` (up to its closing brace). */
export function declarationBody(file: BicepFile, keyword: "resource" | "var", symbol: string): string {
  const start = new RegExp(`^${keyword}\\s+${symbol}\\b`, "m").exec(file.code)?.index;
  if (start === undefined) throw new Error(`${keyword} ${symbol} not found`);
  const open = file.code.slice(start).search(/[{[]/) + start;
  let depth = 0;
  for (let i = open; i < file.code.length; i++) {
    const ch = file.code[i];
    if (ch === "{" || ch === "[") depth++;
    if (ch === "}" || ch === "]") depth--;
    if (depth === 0) return file.text.slice(start, i + 1);
  }
  throw new Error(`${keyword} ${symbol} is not closed`);
}

/** `key: value` lines directly inside the block that follows `blockKey:` in `body` (one level deep). */
export function blockEntries(body: string, blockKey: string): Map<string, string> {
  const lines = body.split("\n");
  const startIndex = lines.findIndex((l) => new RegExp(`^\\s*${blockKey}:\\s*\\{\\s*$`).test(l));
  if (startIndex === -1) throw new Error(`block ${blockKey} not found`);
  const indent = (lines[startIndex] ?? "").search(/\S/) + 2;
  const entries = new Map<string, string>();
  for (let i = startIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "}" && line.search(/\S/) === indent - 2) break;
    if (line.search(/\S/) !== indent) continue;
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*):\s*(.+)$/.exec(line);
    if (match) entries.set(match[1] ?? "", (match[2] ?? "").trim());
  }
  return entries;
}
