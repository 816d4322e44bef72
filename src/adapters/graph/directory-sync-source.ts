// Directory changes from Microsoft Graph /users/delta. A full sync is one delta round with
// `$select=…,manager`: each page of 200 carries the users AND their managers (manager@delta), and the
// last page hands out the deltaLink for the next incremental sync. That is the cheapest way to read
// everyone with their manager: /users pages of 999 would still need a manager per user ($expand=manager
// caps pages at 100; $batch /manager costs one inner request per user), and a delta round is needed
// anyway to get a deltaLink.
//
// The SDK's RetryHandler already honours Retry-After on 429/503/504; when its retries run out we wait
// the announced Retry-After ourselves and try again a few more times before giving up.
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UnavailableError } from "../../app/errors.js";
import {
  DeltaExpiredError,
  DIRECTORY_USER_FIELDS,
  type DirectoryChange,
  type DirectoryChangePage,
  type DirectoryChangeSource,
  type ManagerChange,
} from "../../app/directory/directory-sync-ports.js";
import { describeGraphError } from "./graph-batch.js";
import type { GraphClients } from "./graph-client-factory.js";

export const DIRECTORY_SYNC_SELECT = [...DIRECTORY_USER_FIELDS, "manager"].join(",");

const RETRYABLE = new Set([429, 503, 504]);

export interface DirectorySyncSourceOptions {
  /** Extra attempts after the SDK's own retries ran out. Default 5. */
  extraRetries?: number;
  sleep?: (seconds: number, signal: AbortSignal) => Promise<void>;
}

export class GraphDirectoryChangeSource implements DirectoryChangeSource {
  constructor(
    private readonly graph: GraphClients,
    private readonly options: DirectorySyncSourceOptions = {},
  ) {}

  firstPage(tenantId: string, signal: AbortSignal): Promise<DirectoryChangePage> {
    return this.fetchPage(tenantId, `/users/delta?$select=${DIRECTORY_SYNC_SELECT}`, signal);
  }

  page(tenantId: string, link: string, signal: AbortSignal): Promise<DirectoryChangePage> {
    return this.fetchPage(tenantId, link, signal);
  }

  private async fetchPage(tenantId: string, url: string, signal: AbortSignal): Promise<DirectoryChangePage> {
    const extraRetries = this.options.extraRetries ?? 5;
    const sleep = this.options.sleep ?? abortableSleep;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw signal.reason;
      try {
        const body = (await this.graph.app(tenantId).api(url).get()) as DeltaBody;
        return parsePage(body);
      } catch (error) {
        const status = error instanceof GraphError ? error.statusCode : 0;
        if (status === 410) throw new DeltaExpiredError();
        if (RETRYABLE.has(status) && attempt < extraRetries) {
          await sleep(retryAfterSeconds(error as GraphError) ?? 2 ** attempt, signal);
          continue;
        }
        const hint = status === 401 || status === 403 ? " — check the app's User.Read.All application permission and admin consent" : "";
        throw new UnavailableError(`Microsoft Graph could not list directory changes (${describeGraphError(error)})${hint}.`, RETRYABLE.has(status) ? retryAfterSeconds(error as GraphError) : null, {
          cause: error,
        });
      }
    }
  }
}

interface DeltaBody {
  value?: Array<Record<string, unknown>>;
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

export function parsePage(body: DeltaBody): DirectoryChangePage {
  const changes: DirectoryChange[] = [];
  for (const item of body.value ?? []) {
    const id = str(item.id);
    if (!id) continue;
    if (item["@removed"] !== undefined) {
      const reason = str((item["@removed"] as { reason?: unknown } | null)?.reason) ?? "deleted";
      changes.push({ kind: "removed", id, reason });
      continue;
    }
    changes.push({
      kind: "user",
      // Delta replies leave null properties out, so an absent property is null.
      user: {
        id,
        displayName: str(item.displayName),
        givenName: str(item.givenName),
        surname: str(item.surname),
        userPrincipalName: str(item.userPrincipalName),
        mail: str(item.mail),
        jobTitle: str(item.jobTitle),
        department: str(item.department),
        officeLocation: str(item.officeLocation),
        city: str(item.city),
        country: str(item.country),
        accountEnabled: item.accountEnabled !== false,
        userType: str(item.userType) ?? "Member",
      },
      manager: managerChange(item["manager@delta"]),
    });
  }
  return { changes, nextLink: str(body["@odata.nextLink"]), deltaLink: str(body["@odata.deltaLink"]) };
}

function managerChange(value: unknown): ManagerChange {
  if (!Array.isArray(value) || value.length === 0) return { kind: "absent" };
  // A user has one manager; a list holding an added one and a removed one means "replaced".
  const entries = value as Array<Record<string, unknown>>;
  const current = entries.find((m) => m["@removed"] === undefined && str(m.id));
  if (current) return { kind: "set", id: str(current.id)! };
  return { kind: "cleared" };
}

function retryAfterSeconds(error: GraphError): number | null {
  const value = error.headers?.get("retry-after");
  const seconds = value ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

function abortableSleep(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, seconds * 1000);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
