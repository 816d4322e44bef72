// The three themes a Microsoft 365 host can ask for, and how the tab picks one outside a host.

export type ThemeName = "light" | "dark" | "contrast";

export const THEME_NAMES: readonly ThemeName[] = ["light", "dark", "contrast"];

export const THEME_LABELS: Record<ThemeName, string> = {
  light: "Light",
  dark: "Dark",
  contrast: "High contrast",
};

/** teams-js reports "default", "dark", "contrast" (and newer hosts "glass"); anything unknown is light. */
export function themeNameFromHost(hostTheme: string | null | undefined): ThemeName {
  switch (hostTheme) {
    case "dark":
      return "dark";
    case "contrast":
      return "contrast";
    default:
      return "light";
  }
}

/** `?theme=dark` (also light/default, contrast/highcontrast) — used by screenshots and the dev experience. */
export function themeNameFromQuery(search: string): ThemeName | null {
  const value = new URLSearchParams(search).get("theme")?.trim().toLowerCase();
  switch (value) {
    case "light":
    case "default":
      return "light";
    case "dark":
      return "dark";
    case "contrast":
    case "highcontrast":
    case "high-contrast":
      return "contrast";
    default:
      return null;
  }
}

export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === "string" && (THEME_NAMES as readonly string[]).includes(value);
}
