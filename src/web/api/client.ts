// The tab's only way to talk to the API: typed JSON over fetch, a Bearer token from the current sign-in
// (Teams SSO or dev sign-in), problem+json → ApiError, and one silent re-authentication on 401.
import { DecodeError } from "./decode.js";
import { ApiError, apiErrorFromProblem, problemFromBody } from "./problem.js";

/** Where tokens come from: Teams SSO in a Microsoft 365 host, the dev sign-in outside one. */
export interface TokenSource {
  /** A token for our API (cached while it is valid). */
  getToken(signal?: AbortSignal): Promise<string>;
  /** The API refused the last token (401): get a fresh one, or throw if the person must sign in again. */
  renew(signal?: AbortSignal): Promise<string>;
}

export type Decoder<T> = (value: unknown) => T;

export interface ApiClientOptions {
  /** null for the anonymous calls made before sign-in (/api/config, dev sign-in). */
  tokens: TokenSource | null;
  fetch?: typeof fetch;
  /** Prefix for every path; "" = same origin as the tab. */
  baseUrl?: string;
  /** Called when the API still answers 401 after a renewal: the session is over. */
  onSignedOut?: (error: ApiError) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match with an ETag the screen read earlier. */
  headers?: Readonly<Record<string, string>>;
}

/** A file the API returned (e.g. a CSV export) and the name its Content-Disposition suggests. */
export interface Download {
  blob: Blob;
  filename: string | null;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export class ApiClient {
  readonly #tokens: TokenSource | null;
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;
  readonly #onSignedOut: ((error: ApiError) => void) | undefined;

  constructor(options: ApiClientOptions) {
    this.#tokens = options.tokens;
    // Bound so that the browser's fetch is never called with the client as `this`.
    const f = options.fetch ?? globalThis.fetch;
    this.#fetch = (input, init) => f(input, init);
    this.#baseUrl = options.baseUrl ?? "";
    this.#onSignedOut = options.onSignedOut;
  }

  get<T>(path: string, decode: Decoder<T>, options: RequestOptions = {}): Promise<T> {
    return this.request("GET", path, undefined, decode, options);
  }

  post<T>(path: string, body: unknown, decode: Decoder<T>, options: RequestOptions = {}): Promise<T> {
    return this.request("POST", path, body, decode, options);
  }

  put<T>(path: string, body: unknown, decode: Decoder<T>, options: RequestOptions = {}): Promise<T> {
    return this.request("PUT", path, body, decode, options);
  }

  patch<T>(path: string, body: unknown, decode: Decoder<T>, options: RequestOptions = {}): Promise<T> {
    return this.request("PATCH", path, body, decode, options);
  }

  delete<T>(path: string, decode: Decoder<T>, options: RequestOptions = {}): Promise<T> {
    return this.request("DELETE", path, undefined, decode, options);
  }

  async request<T>(method: Method, path: string, body: unknown, decode: Decoder<T>, options: RequestOptions): Promise<T> {
    return decodeResponse(await this.#respond(method, path, body, options), decode);
  }

  /** GET a file with the same Bearer token and renewal as JSON calls (a plain link could not send the token). */
  async download(path: string, options: RequestOptions = {}): Promise<Download> {
    const response = await this.#respond("GET", path, undefined, options);
    return { blob: await response.blob(), filename: filenameFrom(response.headers.get("content-disposition")) };
  }

  async #respond(method: Method, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const { signal, headers } = options;
    let response = await this.#send(method, path, body, await this.#token("get", signal), signal, headers);
    if (response.status === 401 && this.#tokens) {
      response = await this.#send(method, path, body, await this.#token("renew", signal), signal, headers);
      if (response.status === 401) throw this.#signedOut(await errorFromResponse(response));
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async #token(how: "get" | "renew", signal: AbortSignal | undefined): Promise<string | null> {
    if (!this.#tokens) return null;
    try {
      return how === "get" ? await this.#tokens.getToken(signal) : await this.#tokens.renew(signal);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw this.#signedOut(
        error instanceof ApiError
          ? error
          : new ApiError({ kind: "http", status: 401, title: "You are not signed in", detail: errorText(error) }),
      );
    }
  }

  #signedOut(error: ApiError): ApiError {
    this.#onSignedOut?.(error);
    return error;
  }

  async #send(
    method: Method,
    path: string,
    body: unknown,
    token: string | null,
    signal: AbortSignal | undefined,
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...extraHeaders };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    // Personal data: never from or into the HTTP cache. (Typed this way because Node's RequestInit,
    // used when this module is unit-tested, does not declare `cache`.)
    const init: RequestInit & { cache?: "no-store" } = {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: "no-store",
    };
    try {
      return await this.#fetch(`${this.#baseUrl}${path}`, init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({ kind: "network", status: 0, title: "Cannot reach the server", detail: "Check your connection and try again." });
    }
  }
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  return apiErrorFromProblem(problemFromBody(response.status, response.headers.get("content-type"), text));
}

async function decodeResponse<T>(response: Response, decode: Decoder<T>): Promise<T> {
  if (response.status === 204) return decode(null);
  const contentType = response.headers.get("content-type") ?? "";
  if (!/[/+]json\b/i.test(contentType)) {
    throw unexpected(response.status, `Expected JSON but received ${contentType || "no content type"}.`);
  }
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw unexpected(response.status, "The response is not valid JSON.");
  }
  try {
    return decode(data);
  } catch (error) {
    if (error instanceof DecodeError) throw unexpected(response.status, error.message);
    throw error;
  }
}

/** `attachment; filename="pairs.csv"` → "pairs.csv" (the plain form our API writes). */
function filenameFrom(disposition: string | null): string | null {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1]?.trim() || null;
}

function unexpected(status: number, detail: string): ApiError {
  return new ApiError({ kind: "unexpected", status, title: "Unexpected response from the server", detail });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
