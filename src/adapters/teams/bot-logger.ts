// Logging for the bot adapter: a structural subset of pino (what the foundation logs with), plus a bridge
// that gives the Teams SDK an ILogger writing into it. The SDK passes whole activity bodies and request
// details as extra arguments at debug level; those may hold message text people typed, so the bridge keeps
// only plain strings and error names/messages, never objects.
import type { AppOptions, IPlugin } from "@microsoft/teams.apps";

/** The SDK's ILogger, named through @microsoft/teams.apps (its home package is only a transitive dependency). */
type SdkLogger = NonNullable<AppOptions<IPlugin>["logger"]>;
type LogLevel = Parameters<SdkLogger["log"]>[0];

export interface LogSink {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLog: LogSink = { debug() {}, info() {}, warn() {}, error() {} };

export function sdkLogger(sink: LogSink, name = "teams-sdk"): SdkLogger {
  const write = (level: LogLevel, parts: unknown[]) => {
    const message = parts.map(describe).filter((p) => p !== "").join(" ").slice(0, 500);
    if (message === "") return;
    const fields = { component: name };
    switch (level) {
      case "error":
        return sink.error(fields, message);
      case "warn":
        return sink.warn(fields, message);
      case "info":
        return sink.info(fields, message);
      default:
        return sink.debug(fields, message);
    }
  };
  const logger: SdkLogger = {
    debug: (...msg: unknown[]) => write("debug", msg),
    info: (...msg: unknown[]) => write("info", msg),
    warn: (...msg: unknown[]) => write("warn", msg),
    error: (...msg: unknown[]) => write("error", msg),
    trace: (...msg: unknown[]) => write("trace", msg),
    log: (level: LogLevel, ...msg: unknown[]) => write(level, msg),
    child: (childName: string) => sdkLogger(sink, `${name}/${childName}`),
  };
  return logger;
}

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  if (typeof part === "number" || typeof part === "boolean") return String(part);
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  return "";
}
