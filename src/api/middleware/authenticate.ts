// Bearer authentication for API routes: the validated token becomes res.locals.caller; nothing else in the
// request (body, query, headers) can choose the tenant or the user.
import type { Request } from "express";
import type { Caller } from "../../app/caller.js";
import { ForbiddenError } from "../../app/errors.js";
import { TokenRejectedError, type TokenValidator } from "../../adapters/auth/token-validator.js";

export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw new TokenRejectedError("missing", "No bearer token was sent (Authorization: Bearer <token>).");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new TokenRejectedError("malformed", "The Authorization header is not of the form \"Bearer <token>\".");
  return match[1];
}

export async function authenticate(req: Request, validator: TokenValidator): Promise<Caller> {
  return validator.validate(bearerToken(req));
}

export function requireAdmin(caller: Caller, adminAppRole: string): void {
  if (!caller.isAdmin) throw new ForbiddenError(`This needs the program admin role (app role "${adminAppRole}").`);
}
