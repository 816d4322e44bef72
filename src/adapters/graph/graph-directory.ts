// The Directory port on Microsoft Graph with app-only access. One person's profile is one round trip:
// a $batch of user, manager, direct reports and mailbox settings. Missing manager (404) and missing
// mailbox (404/403 MailboxNotEnabledForRESTAPI) are normal data, not failures.
import { UnavailableError } from "../../app/errors.js";
import type { Directory, DirectoryProfile, PersonRef } from "../../app/ports/directory.js";
import { sendBatch, type BatchOptions, type BatchResult } from "./graph-batch.js";
import type { GraphClients } from "./graph-client-factory.js";
import { toIanaTimeZone } from "./time-zones.js";

const USER_FIELDS = "id,displayName,userPrincipalName,mail,jobTitle,department,officeLocation";

export class GraphDirectory implements Directory {
  constructor(
    private readonly graph: GraphClients,
    private readonly batchOptions: BatchOptions = {},
  ) {}

  async getProfile(tenantId: string, userId: string): Promise<DirectoryProfile | null> {
    const user = encodeURIComponent(userId);
    const answers = await sendBatch(
      this.graph.app(tenantId),
      [
        { id: "user", method: "GET", url: `/users/${user}?$select=${USER_FIELDS}` },
        { id: "manager", method: "GET", url: `/users/${user}/manager?$select=id,displayName` },
        { id: "reports", method: "GET", url: `/users/${user}/directReports?$select=id` },
        { id: "mailbox", method: "GET", url: `/users/${user}/mailboxSettings` },
      ],
      this.batchOptions,
    );
    const userAnswer = answers.get("user") as BatchResult;
    if (userAnswer.status === 404) return null;
    const u = expectOk(userAnswer, "the user") as Record<string, unknown>;
    return {
      id: str(u.id) ?? userId,
      displayName: str(u.displayName) ?? "",
      userPrincipalName: str(u.userPrincipalName) ?? "",
      mail: str(u.mail),
      jobTitle: str(u.jobTitle),
      department: str(u.department),
      officeLocation: str(u.officeLocation),
      manager: readManager(answers.get("manager") as BatchResult),
      hasDirectReports: readHasReports(answers.get("reports") as BatchResult),
      timeZone: readTimeZone(answers.get("mailbox") as BatchResult),
    };
  }
}

function readManager(answer: BatchResult): PersonRef | null {
  if (answer.status === 404) return null;
  const m = expectOk(answer, "the manager") as Record<string, unknown>;
  const id = str(m.id);
  return id ? { id, displayName: str(m.displayName) ?? "" } : null;
}

function readHasReports(answer: BatchResult): boolean {
  const body = expectOk(answer, "the direct reports") as { value?: unknown[] };
  return Array.isArray(body.value) && body.value.length > 0;
}

function readTimeZone(answer: BatchResult): DirectoryProfile["timeZone"] {
  // No mailbox (unlicensed, guest, shared without REST): Graph answers 404, or 403 MailboxNotEnabledForRESTAPI.
  if (answer.status === 404 || (answer.status === 403 && errorCode(answer) === "MailboxNotEnabledForRESTAPI")) return null;
  const settings = expectOk(answer, "the mailbox settings") as { timeZone?: unknown };
  const windows = str(settings.timeZone);
  return windows ? { windows, iana: toIanaTimeZone(windows) } : null;
}

function expectOk(answer: BatchResult, what: string): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.body ?? {};
  const code = errorCode(answer);
  const hint = answer.status === 403 || answer.status === 401 ? " — check the app's Graph application permissions and admin consent" : "";
  const retryAfter = Number(answer.headers["retry-after"]);
  throw new UnavailableError(
    `Microsoft Graph could not read ${what}: ${answer.status}${code ? ` ${code}` : ""}${hint}.`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

function errorCode(answer: BatchResult): string | null {
  const error = (answer.body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
