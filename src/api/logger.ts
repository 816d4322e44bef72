// The app's logger: JSON lines (pino) with secrets redacted by key wherever they appear, as a last line of
// defence — code should not put them in log objects in the first place.
import pino, { type Logger } from "pino";
import type { LogLevel } from "../config.js";

const SECRET_KEYS = ["authorization", "Authorization", "token", "accessToken", "access_token", "idToken", "assertion", "clientSecret", "client_secret", "password", "secret", "key", "cookie"];

export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`), "req.headers", "request.headers", "headers"];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "reverse-mentorship" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
