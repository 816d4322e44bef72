// A Graph-facing failure raised by the directory routes and the server pipeline; turned into Graph's error body.
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export const badRequest = (message: string, code = "Request_BadRequest"): GraphError => new GraphError(400, code, message);

export const unsupportedQuery = (message: string): GraphError => new GraphError(400, "Request_UnsupportedQuery", message);

export const resourceNotFound = (id: string): GraphError =>
  new GraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const insufficientPrivileges = (): GraphError => new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
