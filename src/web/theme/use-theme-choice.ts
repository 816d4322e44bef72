// Which theme to show. Inside a host the host decides (and changes it live); outside a host the
// `?theme=` query parameter wins, then the person's choice in this browser tab, then the OS setting.
import { useCallback, useState } from "react";
import { isThemeName, themeNameFromQuery, type ThemeName } from "./theme-name.js";

const THEME_KEY = "reverse-mentorship.theme";

function initialTheme(): ThemeName {
  const fromQuery = themeNameFromQuery(window.location.search);
  if (fromQuery) return fromQuery;
  const stored = safeStorage()?.getItem(THEME_KEY);
  if (isThemeName(stored)) return stored;
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  if (window.matchMedia?.("(prefers-color-scheme: dark)").matches) return "dark";
  return "light";
}

function safeStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be blocked (e.g. third-party iframe rules); the theme then just is not remembered.
    return null;
  }
}

export interface ThemeChoice {
  theme: ThemeName;
  /** The person picked a theme (outside a host): remember it for this browser tab. */
  choose: (theme: ThemeName) => void;
  /** The host said so: follow without remembering. */
  follow: (theme: ThemeName) => void;
}

export function useThemeChoice(): ThemeChoice {
  const [theme, setTheme] = useState<ThemeName>(initialTheme);
  const choose = useCallback((next: ThemeName) => {
    safeStorage()?.setItem(THEME_KEY, next);
    setTheme(next);
  }, []);
  return { theme, choose, follow: setTheme };
}
