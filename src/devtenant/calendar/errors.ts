// Errors the calendar half raises. Graph-facing failures carry Graph's status and error code so the
// routes can answer exactly like Graph; dev-endpoint failures name the offending input field.

/** The calendar half raises the same Graph-shaped failure as the directory half. */
export { GraphError as GraphFailure } from "../graph/graph-error.js";
import { GraphError as GraphFailure } from "../graph/graph-error.js";

/** Bad input to a dev control endpoint: 400 with the field that is wrong. */
export class DevInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = "DevInputError";
  }
}

export const accessDenied = (): GraphFailure => new GraphFailure(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

export const invalidUser = (id: string): GraphFailure => new GraphFailure(404, "ErrorInvalidUser", `The requested user '${id}' is invalid.`);

export const mailboxNotEnabled = (): GraphFailure =>
  new GraphFailure(404, "MailboxNotEnabledForRESTAPI", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");

export const itemNotFound = (): GraphFailure => new GraphFailure(404, "ErrorItemNotFound", "The specified object was not found in the store.");

export const invalidRequest = (message: string): GraphFailure => new GraphFailure(400, "ErrorInvalidRequest", message);

export const timeZoneNotSupported = (zone: string): GraphFailure =>
  new GraphFailure(400, "TimeZoneNotSupportedException", `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`);
