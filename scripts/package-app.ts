// Builds the Teams / Outlook / Microsoft 365 app package for one environment, the way the Microsoft 365
// Agents Toolkit's teamsApp/validateManifest + teamsApp/zipAppPackage actions do, but offline:
//   1. read env/.env.<env> (+ env/.env.<env>.user when present; process.env fills what the files leave unset),
//   2. replace every ${{NAME}} placeholder in appPackage/manifest.json, failing with the names of all unset ones,
//   3. validate the result against the official JSON schema shipped in @microsoft/app-manifest,
//   4. check the icons (192×192 colour, 32×32 white-on-transparent outline),
//   5. write appPackage/build/manifest.<env>.json and appPackage/build/appPackage.<env>.zip
//      (manifest.json + the two icons at the zip root).
// Usage: npm run package -- --env local|dev [--env-dir env]
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { createZip } from "./zip-writer.js";

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

export type EnvVars = Readonly<Record<string, string>>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Parses an Agents Toolkit env file: `NAME=value` lines, `#` comments, optional single or double
 * quotes. Empty values are kept as "" (the toolkit writes `TEAMS_APP_ID=` before provisioning).
 */
export function parseEnvFile(text: string, fileLabel: string): Record<string, string> {
  const vars: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) throw new PackageError(`${fileLabel}:${index + 1}: expected NAME=value, got "${trimmed.slice(0, 60)}"`);
    const [, name = "", rawValue = ""] = match;
    vars[name] = unquote(rawValue, `${fileLabel}:${index + 1}`);
  });
  return vars;
}

function unquote(raw: string, where: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = raw.indexOf(quote, 1);
    if (end === -1) throw new PackageError(`${where}: unterminated ${quote} quote`);
    return raw.slice(1, end);
  }
  // Unquoted values may carry a trailing " # comment".
  return raw.replace(/\s+#.*$/, "").trim();
}

/** Loads env/.env.<env> (required) and env/.env.<env>.user (optional, secrets); later files win. */
export function loadEnvironment(envDir: string, envName: string, processEnv: Readonly<Record<string, string | undefined>> = {}): EnvVars {
  if (!ENV_NAME.test(envName)) throw new PackageError(`Invalid environment name "${envName}": use letters, digits, "-" or "_"`);
  const basePath = join(envDir, `.env.${envName}`);
  if (!existsSync(basePath)) {
    throw new PackageError(`Environment file ${basePath} not found. Create it (see env/ and infra/README.md) or pick another --env.`);
  }
  const vars: Record<string, string> = { TEAMSFX_ENV: envName, ...parseEnvFile(readFileSync(basePath, "utf8"), basePath) };
  const userPath = `${basePath}.user`;
  if (existsSync(userPath)) Object.assign(vars, parseEnvFile(readFileSync(userPath, "utf8"), userPath));
  // CI pipelines pass values through the process environment; they only fill what the files leave empty.
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== "" && (vars[name] === undefined || vars[name] === "")) vars[name] = value;
  }
  return vars;
}

/**
 * Variables that may legitimately be declared empty (production usually has no name suffix). Every other
 * empty value means "not provisioned yet" (the toolkit writes `TEAMS_APP_ID=` before provisioning).
 */
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);

/** Replaces ${{NAME}} placeholders; missing (or, for most variables, empty) values are an error naming each one. */
export function substitutePlaceholders(template: string, vars: EnvVars, fileLabel: string): string {
  const missing = new Set<string>();
  const result = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = vars[name];
    if (value === undefined || (value === "" && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return "";
    }
    // Values land inside JSON strings: escape them so a quote or backslash cannot break the document.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) {
    throw new PackageError(
      `${fileLabel} uses ${missing.size === 1 ? "a variable that is" : "variables that are"} not set: ${[...missing].sort().join(", ")}. ` +
        `Set ${missing.size === 1 ? "it" : "them"} in the env file (or run the Agents Toolkit provision step that writes ${missing.size === 1 ? "it" : "them"}).`,
    );
  }
  return result;
}

const requireFromHere = createRequire(import.meta.url);

/** Directory holding the official Teams manifest schemas, e.g. .../json-schemas/teams/v1.30/. */
function schemaDirectory(manifestVersion: string): string {
  const packageJson = requireFromHere.resolve("@microsoft/app-manifest/package.json");
  return join(dirname(packageJson), "build", "json-schemas", "teams", `v${manifestVersion}`);
}

export function loadManifestSchema(manifestVersion: string): Record<string, unknown> {
  if (!/^\d+\.\d+$/.test(manifestVersion)) throw new PackageError(`manifestVersion "${manifestVersion}" is not a released schema version`);
  const path = join(schemaDirectory(manifestVersion), "MicrosoftTeams.schema.json");
  if (!existsSync(path)) throw new PackageError(`No official schema for manifestVersion ${manifestVersion} in @microsoft/app-manifest (${path})`);
  // Same clean-up as the Agents Toolkit: some schema versions carry "\a" / "\v" regex escapes that JSON.parse rejects.
  const schema = JSON.parse(readFileSync(path, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b")) as Record<string, unknown>;
  assertNoDraft04OnlyKeywords(schema, path);
  // The Teams schemas declare draft-04 but use only keywords that mean the same in ajv's default dialect
  // (checked above), so the declaration is dropped rather than pulling in a draft-04 plugin.
  delete schema.$schema;
  return schema;
}

/** Draft-04's boolean exclusiveMinimum/Maximum would silently change meaning under draft-07: refuse them. */
function assertNoDraft04OnlyKeywords(node: unknown, path: string): void {
  if (Array.isArray(node)) return node.forEach((child) => assertNoDraft04OnlyKeywords(child, path));
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === "exclusiveMinimum" || key === "exclusiveMaximum") && typeof value === "boolean") {
      throw new PackageError(`${path} uses draft-04 boolean ${key}; manifest validation must be updated for this schema version`);
    }
    if (key !== "properties") assertNoDraft04OnlyKeywords(value, path);
    else Object.values(value as Record<string, unknown>).forEach((child) => assertNoDraft04OnlyKeywords(child, path));
  }
}

/** Validates a manifest (after substitution) against its official schema; returns readable errors. */
export function validateManifest(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) return ["manifest must be a JSON object"];
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== "string") return ["manifestVersion must be a string such as \"1.30\""];
  const validate = compiledSchema(version);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(describeSchemaError);
}

const compiledSchemas = new Map<string, ValidateFunction>();

/** Compiling the ~300 kB schema dominates validation time; each version is compiled once per process. */
function compiledSchema(version: string): ValidateFunction {
  let validate = compiledSchemas.get(version);
  if (!validate) {
    // ajv and ajv-formats are CommonJS; under NodeNext their classes sit on `.default`.
    const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv, ["uri"]);
    validate = ajv.compile(loadManifestSchema(version));
    compiledSchemas.set(version, validate);
  }
  return validate;
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  const detail = error.keyword === "additionalProperties" ? ` "${String((error.params as { additionalProperty?: unknown }).additionalProperty)}"` : "";
  return `${where} ${error.message ?? "is invalid"}${detail}`;
}

export interface PngInfo {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
}

/** Reads the IHDR of a PNG; throws when the bytes are not a PNG. */
export function readPngInfo(png: Buffer, label: string): PngInfo {
  const signature = "89504e470d0a1a0a";
  if (png.length < 33 || png.subarray(0, 8).toString("hex") !== signature || png.subarray(12, 16).toString("latin1") !== "IHDR") {
    throw new PackageError(`${label} is not a PNG file`);
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png.readUInt8(24), colorType: png.readUInt8(25) };
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what scripts/generate-icons.ts writes) into raw pixels. */
export function decodeRgbaPng(png: Buffer, label: string): { width: number; height: number; pixels: Buffer } {
  const info = readPngInfo(png, label);
  if (info.colorType !== 6 || info.bitDepth !== 8 || png.readUInt8(28) !== 0) {
    throw new PackageError(`${label} must be an 8-bit RGBA non-interlaced PNG to be checked`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString("latin1");
    if (type === "IDAT") idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = info.width * 4;
  const pixels = Buffer.alloc(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const rowStart = y * (stride + 1);
    const filter = raw[rowStart];
    const row = raw.subarray(rowStart + 1, rowStart + 1 + stride);
    const previous = y === 0 ? Buffer.alloc(stride) : pixels.subarray((y - 1) * stride, y * stride);
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    unfilterRow(filter ?? -1, row, previous, out, label);
  }
  return { width: info.width, height: info.height, pixels };
}

function unfilterRow(filter: number, row: Buffer, previous: Buffer, out: Buffer, label: string): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= 4 ? (out[i - 4] ?? 0) : 0;
    const up = previous[i] ?? 0;
    const upLeft = i >= 4 ? (previous[i - 4] ?? 0) : 0;
    const value = row[i] ?? 0;
    switch (filter) {
      case 0: out[i] = value; break;
      case 1: out[i] = (value + left) & 0xff; break;
      case 2: out[i] = (value + up) & 0xff; break;
      case 3: out[i] = (value + ((left + up) >> 1)) & 0xff; break;
      case 4: out[i] = (value + paeth(left, up, upLeft)) & 0xff; break;
      default: throw new PackageError(`${label} has an unknown PNG filter type ${filter}`);
    }
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Teams' own package checks: colour icon 192×192; outline 32×32, white on transparent. */
export function checkIcons(colorPng: Buffer, outlinePng: Buffer): string[] {
  const problems: string[] = [];
  const color = readPngInfo(colorPng, "color icon");
  if (color.width !== 192 || color.height !== 192) problems.push(`color icon must be 192x192 pixels, is ${color.width}x${color.height}`);
  const outline = decodeRgbaPng(outlinePng, "outline icon");
  if (outline.width !== 32 || outline.height !== 32) problems.push(`outline icon must be 32x32 pixels, is ${outline.width}x${outline.height}`);
  let transparent = 0;
  let nonWhite = 0;
  for (let i = 0; i < outline.pixels.length; i += 4) {
    const alpha = outline.pixels[i + 3] ?? 0;
    if (alpha === 0) transparent++;
    else if (outline.pixels[i] !== 255 || outline.pixels[i + 1] !== 255 || outline.pixels[i + 2] !== 255) nonWhite++;
  }
  if (nonWhite > 0) problems.push(`outline icon must be white only; ${nonWhite} visible pixels have another colour`);
  if (transparent === 0) problems.push("outline icon must have a transparent background");
  return problems;
}

export interface PackageOptions {
  envName: string;
  envDir: string;
  appPackageDir: string;
  outDir: string;
  processEnv?: Readonly<Record<string, string | undefined>>;
}

export interface PackageResult {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
}

export function packageApp(options: PackageOptions): PackageResult {
  const vars = loadEnvironment(options.envDir, options.envName, options.processEnv);
  const templatePath = join(options.appPackageDir, "manifest.json");
  const rendered = substitutePlaceholders(readFileSync(templatePath, "utf8"), vars, templatePath);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(rendered) as Record<string, unknown>;
  } catch (error) {
    throw new PackageError(`${templatePath} is not valid JSON after substitution: ${(error as Error).message}`);
  }
  const schemaErrors = validateManifest(manifest);
  if (schemaErrors.length > 0) {
    throw new PackageError(`manifest.json (env "${options.envName}") does not match the official schema:\n  - ${schemaErrors.join("\n  - ")}`);
  }
  const icons = manifest.icons as { color: string; outline: string };
  const colorPng = readIcon(options.appPackageDir, icons.color);
  const outlinePng = readIcon(options.appPackageDir, icons.outline);
  const iconProblems = checkIcons(colorPng, outlinePng);
  if (iconProblems.length > 0) throw new PackageError(`App icons are not valid:\n  - ${iconProblems.join("\n  - ")}`);

  mkdirSync(options.outDir, { recursive: true });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = join(options.outDir, `manifest.${options.envName}.json`);
  writeFileSync(manifestPath, manifestJson);
  const zipPath = join(options.outDir, `appPackage.${options.envName}.zip`);
  writeFileSync(
    zipPath,
    createZip([
      { name: "manifest.json", data: Buffer.from(manifestJson, "utf8") },
      { name: icons.color, data: colorPng },
      { name: icons.outline, data: outlinePng },
    ]),
  );
  return { zipPath, manifestPath, manifest };
}

function readIcon(appPackageDir: string, relativePath: string): Buffer {
  if (relativePath.includes("/") || relativePath.includes("\\")) {
    throw new PackageError(`Icon "${relativePath}" must sit next to manifest.json: Teams expects icons at the package root`);
  }
  const path = join(appPackageDir, relativePath);
  if (!existsSync(path)) throw new PackageError(`Icon ${path} referenced by manifest.json does not exist (run: npx tsx scripts/generate-icons.ts)`);
  return readFileSync(path);
}

export function parseArgs(argv: readonly string[]): { envName: string; envDir: string | null } {
  let envName: string | null = null;
  let envDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new PackageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--env") envName = value();
    else if (flag === "--env-dir") envDir = value();
    else throw new PackageError(`Unknown argument "${arg}". Usage: npm run package -- --env <local|dev|…> [--env-dir <dir>]`);
  }
  if (envName === null) throw new PackageError("Missing --env. Usage: npm run package -- --env <local|dev|…> [--env-dir <dir>]");
  return { envName, envDir };
}

function main(): void {
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  try {
    const args = parseArgs(process.argv.slice(2));
    const result = packageApp({
      envName: args.envName,
      envDir: args.envDir ? resolve(args.envDir) : join(root, "env"),
      appPackageDir: join(root, "appPackage"),
      outDir: join(root, "appPackage", "build"),
      processEnv: process.env,
    });
    console.log(`Manifest valid against schema v${String(result.manifest.manifestVersion)}.\nWrote ${result.manifestPath}\nWrote ${result.zipPath}`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(fileURLToPath(import.meta.url)) === resolve(process.argv[1])) main();
