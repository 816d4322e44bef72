// Errors the calendar half raises. Graph-facing failures carry Graph's status and error code so the
// routes can answer exactly like Graph; dev-endpoint failures name the offending input field.

/** A failure that the Graph routes turn into Graph's error body (`{ error: { code, message, innerError } }`). */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphFailure";
  }
}

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
