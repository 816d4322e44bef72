// Security headers for the API and the tab. The tab runs inside Teams, Outlook and the Microsoft 365 app,
// so framing is allowed for exactly those hosts (CSP frame-ancestors; no X-Frame-Options, which cannot
// list several origins and would block Teams).
import type { RequestHandler } from "express";

/** Hosts that embed personal tabs (Teams, Outlook, Microsoft 365 app, on the web and in desktop webviews). */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.microsoft365.com",
  "https://*.skype.com",
];

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts style rules at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The tab only calls its own API (teams-js talks to the host through postMessage), except that
    // teams-js reads its list of valid host origins from the Office CDN (it falls back to a built-in list).
    "connect-src 'self' https://res.cdn.office.net",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
  ].join("; ");
}

export function securityHeaders(options: { https: boolean }): RequestHandler {
  const csp = contentSecurityPolicy();
  return (_req, res, next) => {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
    res.setHeader("Cross-Origin-Resource-Policy", "same-site");
    if (options.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
