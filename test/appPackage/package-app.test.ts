import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  PackageError,
  checkIcons,
  decodeRgbaPng,
  loadEnvironment,
  packageApp,
  parseArgs,
  parseEnvFile,
  substitutePlaceholders,
  validateManifest,
} from "../../scripts/package-app.js";
import { encodePng } from "../../scripts/png-encoder.js";
import { drawColorIcon, drawOutlineIcon } from "../../scripts/generate-icons.js";
import { readZip } from "./zip-reader.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const appPackageDir = join(root, "appPackage");

const DEV_VARS = {
  APP_NAME_SUFFIX: "-dev",
  TEAMS_APP_ID: "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11",
  AAD_APP_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  BOT_ID: "66666666-7777-8888-9999-000000000000",
  TAB_DOMAIN: "rm-dev.azurewebsites.net",
  TAB_ENDPOINT: "https://rm-dev.azurewebsites.net",
  PRIVACY_URL: "https://contoso.example/privacy",
  TERMS_OF_USE_URL: "https://contoso.example/terms",
};

function envText(vars: Record<string, string>): string {
  return Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n");
}

let work: string;
let envDir: string;
let outDir: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "app-package-"));
  envDir = join(work, "env");
  outDir = join(work, "build");
  mkdirSync(envDir);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

function build(vars: Record<string, string> = DEV_VARS, envName = "dev", pkgDir = appPackageDir) {
  writeFileSync(join(envDir, `.env.${envName}`), `# Agents Toolkit env\n${envText(vars)}\n`);
  return packageApp({ envName, envDir, appPackageDir: pkgDir, outDir });
}

describe("npm run package", () => {
  it("writes a zip with manifest.json and both icons at the root, valid against the official schema", () => {
    const result = build();
    expect(result.zipPath).toBe(join(outDir, "appPackage.dev.zip"));
    const entries = readZip(readFileSync(result.zipPath));
    expect(entries.map((e) => e.name).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(entries.every((e) => e.method === 8)).toBe(true);

    const manifestText = entries.find((e) => e.name === "manifest.json")?.data.toString("utf8") ?? "";
    expect(manifestText).not.toContain("${{");
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(DEV_VARS.TEAMS_APP_ID);
    expect(readFileSync(result.manifestPath, "utf8")).toBe(manifestText);

    expect(entries.find((e) => e.name === "color.png")?.data.equals(readFileSync(join(appPackageDir, "color.png")))).toBe(true);
    expect(entries.find((e) => e.name === "outline.png")?.data.equals(readFileSync(join(appPackageDir, "outline.png")))).toBe(true);
  });

  it("produces byte-identical packages from identical inputs", () => {
    const first = readFileSync(build().zipPath);
    const second = readFileSync(build().zipPath);
    expect(first.equals(second)).toBe(true);
  });

  it("fails naming every unset variable, treating empty values as unset", () => {
    const { BOT_ID: _bot, TAB_DOMAIN: _domain, ...rest } = DEV_VARS;
    const attempt = () => build({ ...rest, TEAMS_APP_ID: "" });
    expect(attempt).toThrow(PackageError);
    expect(attempt).toThrow(/BOT_ID, TAB_DOMAIN, TEAMS_APP_ID/);
  });

  it("reports schema violations with the offending path instead of writing a package", () => {
    expect(() => build({ ...DEV_VARS, APP_NAME_SUFFIX: " (development build)" })).toThrow(/\/name\/short must NOT have more than 30 characters/);
    expect(() => build({ ...DEV_VARS, BOT_ID: "not-a-guid" })).toThrow(/\/bots\/0\/botId must match pattern/);
    expect(() => build({ ...DEV_VARS, TAB_ENDPOINT: "ftp://rm-dev" })).toThrow(/\/staticTabs\/0\/contentUrl must match pattern/);
  });

  it("refuses a missing environment file with a helpful message", () => {
    expect(() => packageApp({ envName: "staging", envDir, appPackageDir, outDir })).toThrow(/\.env\.staging not found/);
  });

  it("rejects icons that break the Teams rules", () => {
    const pkg = join(work, "pkg");
    mkdirSync(pkg);
    copyFileSync(join(appPackageDir, "manifest.json"), join(pkg, "manifest.json"));
    copyFileSync(join(appPackageDir, "color.png"), join(pkg, "color.png"));
    const outline = drawOutlineIcon();
    const tinted = new Uint8Array(outline.pixels);
    tinted[tinted.findIndex((_v, i) => i % 4 === 3 && tinted[i] === 255) - 1] = 0; // one visible pixel turns yellow
    writeFileSync(join(pkg, "outline.png"), encodePng({ ...outline, pixels: tinted }));
    expect(() => build(DEV_VARS, "dev", pkg)).toThrow(/outline icon must be white only; 1 visible pixels/);
  });
});

describe("env files", () => {
  it("parses comments, quotes and trailing comments; .user values win; process env only fills gaps", () => {
    writeFileSync(join(envDir, ".env.local"), ['# header', 'A=1', 'B="two words" ', "C='x#y'", "D=plain # note", "E=", "export F=6"].join("\n"));
    writeFileSync(join(envDir, ".env.local.user"), "A=override\nSECRET_BOT_PASSWORD=s3cret\n");
    const vars = loadEnvironment(envDir, "local", { E: "from-process", A: "ignored", G: "7" });
    expect(vars).toMatchObject({ TEAMSFX_ENV: "local", A: "override", B: "two words", C: "x#y", D: "plain", E: "from-process", F: "6", G: "7", SECRET_BOT_PASSWORD: "s3cret" });
  });

  it("names the line of a malformed entry", () => {
    expect(() => parseEnvFile("A=1\nthis is not an assignment\n", ".env.dev")).toThrow(".env.dev:2: expected NAME=value");
    expect(() => parseEnvFile('A="open\n', ".env.dev")).toThrow('.env.dev:1: unterminated " quote');
  });

  it("escapes values so they cannot break the JSON document", () => {
    const out = substitutePlaceholders('{"a":"${{X}}"}', { X: 'say "hi" \\ bye' }, "t.json");
    expect(JSON.parse(out)).toEqual({ a: 'say "hi" \\ bye' });
  });

  it("validates command-line arguments", () => {
    expect(parseArgs(["--env", "local"])).toEqual({ envName: "local", envDir: null });
    expect(parseArgs(["--env=dev", "--env-dir=/tmp/e"])).toEqual({ envName: "dev", envDir: "/tmp/e" });
    expect(() => parseArgs([])).toThrow(/Missing --env/);
    expect(() => parseArgs(["--env"])).toThrow(/--env needs a value/);
    expect(() => parseArgs(["--env", "dev", "--zip"])).toThrow(/Unknown argument "--zip"/);
    expect(() => loadEnvironment(envDir, "../etc")).toThrow(/Invalid environment name/);
  });
});

describe("icons", () => {
  it("committed PNGs are exactly what scripts/generate-icons.ts draws", () => {
    expect(readFileSync(join(appPackageDir, "color.png")).equals(encodePng(drawColorIcon()))).toBe(true);
    expect(readFileSync(join(appPackageDir, "outline.png")).equals(encodePng(drawOutlineIcon()))).toBe(true);
  });

  it("colour icon is 192x192 and opaque with a white glyph inside the 96x96 safe area; outline is white on transparent", () => {
    const color = decodeRgbaPng(readFileSync(join(appPackageDir, "color.png")), "color");
    expect([color.width, color.height]).toEqual([192, 192]);
    let glyphOutsideSafeArea = 0;
    let glyphPixels = 0;
    let translucent = 0;
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        const i = (y * 192 + x) * 4;
        if (color.pixels[i + 3] !== 255) translucent++;
        const isGlyph = (color.pixels[i] ?? 0) > 200 && (color.pixels[i + 1] ?? 0) > 200;
        if (isGlyph) glyphPixels++;
        if (isGlyph && (x < 48 || x >= 144 || y < 48 || y >= 144)) glyphOutsideSafeArea++;
      }
    }
    expect(translucent).toBe(0);
    expect(glyphPixels).toBeGreaterThan(1500);
    expect(glyphOutsideSafeArea).toBe(0);
    expect(checkIcons(readFileSync(join(appPackageDir, "color.png")), readFileSync(join(appPackageDir, "outline.png")))).toEqual([]);
  });

  it("flags wrong sizes", () => {
    const small = encodePng({ width: 16, height: 16, pixels: new Uint8Array(16 * 16 * 4) });
    expect(checkIcons(small, small)).toEqual([
      "color icon must be 192x192 pixels, is 16x16",
      "outline icon must be 32x32 pixels, is 16x16",
    ]);
  });
});
