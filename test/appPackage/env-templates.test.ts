// The committed Agents Toolkit env templates (env/.env.dev, env/.env.local) must list every variable the
// app package needs, so `npm run package` and the toolkit report "not set" instead of silently missing it,
// and must never carry secrets.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PackageError, packageApp, parseEnvFile } from "../../scripts/package-app.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const placeholders = (file: string) =>
  new Set([...readFileSync(join(root, "appPackage", file), "utf8").matchAll(/\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1] as string));
const needed = new Set([...placeholders("manifest.json"), ...placeholders("aad.manifest.json")]);

describe.each(["dev", "local"])("env/.env.%s", (envName) => {
  const file = join(root, "env", `.env.${envName}`);

  it("exists and declares every variable the manifests use", () => {
    expect(existsSync(file)).toBe(true);
    const vars = parseEnvFile(readFileSync(file, "utf8"), file);
    for (const name of needed) {
      // TAB_* of the local environment are derived from the tunnel by m365agents.local.yml.
      if (envName === "local" && (name === "TAB_DOMAIN" || name === "TAB_ENDPOINT")) continue;
      expect(Object.keys(vars), `${name} is missing from env/.env.${envName}`).toContain(name);
    }
    expect(vars.TEAMSFX_ENV).toBe(envName);
  });

  it("keeps secrets out (they belong in the git-ignored .user file)", () => {
    const vars = parseEnvFile(readFileSync(file, "utf8"), file);
    expect(Object.keys(vars).filter((k) => k.startsWith("SECRET_"))).toEqual([]);
  });

  it("as committed (before provisioning), makes `npm run package` name what is still unset", () => {
    const out = mkdtempSync(join(tmpdir(), "pkg-env-"));
    try {
      const attempt = () => packageApp({ envName, envDir: join(root, "env"), appPackageDir: join(root, "appPackage"), outDir: out });
      expect(attempt).toThrow(PackageError);
      expect(attempt).toThrow(/TEAMS_APP_ID/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

it("a provisioned env file (values filled in) packages cleanly", () => {
  const dir = mkdtempSync(join(tmpdir(), "pkg-env-"));
  try {
    const template = parseEnvFile(readFileSync(join(root, "env", ".env.dev"), "utf8"), ".env.dev");
    const filled: Record<string, string> = {
      ...template,
      TEAMS_APP_ID: "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11",
      AAD_APP_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
      BOT_ID: "66666666-7777-8888-9999-000000000000",
      TAB_DOMAIN: "rmabc.azurewebsites.net",
      TAB_ENDPOINT: "https://rmabc.azurewebsites.net",
      PRIVACY_URL: "https://contoso.example/privacy",
      TERMS_OF_USE_URL: "https://contoso.example/terms",
    };
    writeFileSync(join(dir, ".env.dev"), Object.entries(filled).map(([k, v]) => `${k}=${v}`).join("\n"));
    const result = packageApp({ envName: "dev", envDir: dir, appPackageDir: join(root, "appPackage"), outDir: join(dir, "build") });
    expect((result.manifest.name as { short: string }).short.startsWith("Reverse Mentorship")).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
