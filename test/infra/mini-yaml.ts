// A small YAML reader for the block-style subset the Agents Toolkit project files use: nested mappings,
// sequences of scalars or mappings, plain / single- / double-quoted scalars and # comments. Anything else
// (flow collections, anchors, multi-line scalars) is rejected, so a file that needs more is noticed.

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  number: number;
}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    if (raw.includes("\t")) throw new Error(`line ${index + 1}: tabs are not allowed in YAML indentation`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === "") return;
    lines.push({ indent: text.search(/\S/), text: text.trim(), number: index + 1 });
  });
  const [value, next] = parseBlock(lines, 0, lines[0]?.indent ?? 0);
  if (next !== lines.length) throw new Error(`line ${lines[next]?.number}: unexpected indentation`);
  return value;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) return line.slice(0, i);
  }
  return line;
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  const first = lines[start];
  if (!first) return ["", start];
  return first.text.startsWith("- ") || first.text === "-" ? parseSequence(lines, start, indent) : parseMapping(lines, start, indent);
}

function parseSequence(lines: Line[], start: number, indent: number): [YamlValue[], number] {
  const items: YamlValue[] = [];
  let i = start;
  while (i < lines.length && lines[i]?.indent === indent && lines[i]?.text.startsWith("-")) {
    const line = lines[i] as Line;
    const rest = line.text.replace(/^-\s*/, "");
    if (rest === "") {
      const [value, next] = parseBlock(lines, i + 1, lines[i + 1]?.indent ?? indent + 2);
      items.push(value);
      i = next;
    } else if (/^[^'"][^:]*:(\s|$)/.test(rest)) {
      // "- key: value" starts a mapping whose other keys are indented to align with "key".
      const inner: Line[] = [{ indent: indent + 2, text: rest, number: line.number }];
      let j = i + 1;
      while (j < lines.length && (lines[j]?.indent ?? 0) > indent) inner.push(lines[j++] as Line);
      const [value, consumed] = parseMapping(inner, 0, indent + 2);
      if (consumed !== inner.length) throw new Error(`line ${inner[consumed]?.number}: unexpected indentation`);
      items.push(value);
      i = j;
    } else {
      items.push(scalar(rest, line.number));
      i++;
    }
  }
  return [items, i];
}

function parseMapping(lines: Line[], start: number, indent: number): [{ [key: string]: YamlValue }, number] {
  const map: { [key: string]: YamlValue } = {};
  let i = start;
  while (i < lines.length && lines[i]?.indent === indent) {
    const line = lines[i] as Line;
    const match = /^([A-Za-z0-9_$./-]+):(?:\s+(.*))?$/.exec(line.text);
    if (!match) throw new Error(`line ${line.number}: expected "key: value", got "${line.text}"`);
    const key = match[1] as string;
    if (key in map) throw new Error(`line ${line.number}: duplicate key "${key}"`);
    const rest = match[2];
    if (rest !== undefined && rest !== "") {
      map[key] = scalar(rest, line.number);
      i++;
      continue;
    }
    const child = lines[i + 1];
    if (child && (child.indent > indent || (child.indent === indent && child.text.startsWith("- ")))) {
      const [value, next] = parseBlock(lines, i + 1, child.indent);
      map[key] = value;
      i = next;
    } else {
      map[key] = "";
      i++;
    }
  }
  return [map, i];
}

function scalar(text: string, lineNumber: number): string {
  if (/^[[{&*!|>]/.test(text)) throw new Error(`line ${lineNumber}: flow collections, anchors and block scalars are not supported`);
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${lineNumber}: unterminated double-quoted string`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`line ${lineNumber}: unterminated single-quoted string`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  return text;
}
