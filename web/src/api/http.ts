// One fetch wrapper for every service behind the gateway. The access token lives in memory
// only; the refresh token is an HttpOnly cookie that only /api/accounts/auth ever sees.

export type Service = "accounts" | "assessments" | "delivery" | "analytics" | "privacy";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** FastAPI's validation errors, by field name (the last part of `loc`). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(token: string | null) => void>();

export function currentAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
  listeners.forEach((listener) => listener(token));
}

export function onAccessTokenChange(listener: (token: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Trades the refresh cookie for a new access token; concurrent callers share one attempt. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= fetch("/api/accounts/auth/refresh", { method: "POST", credentials: "same-origin" })
    .then(async (response) => {
      if (!response.ok) {
        setAccessToken(null);
        return false;
      }
      const body = (await response.json()) as { access_token: string };
      setAccessToken(body.access_token);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is (a FormData or a Blob), with no JSON encoding. */
  rawBody?: BodyInit;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

export function apiUrl(service: Service, path: string, query?: RequestOptions["query"]): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const suffix = search.size ? `?${search.toString()}` : "";
  return `/api/${service}${path}${suffix}`;
}

async function send(service: Service, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(apiUrl(service, path, options.query), {
    method: options.method ?? (options.body !== undefined || options.rawBody ? "POST" : "GET"),
    headers,
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    credentials: "same-origin",
    signal: options.signal,
  });
}

/** The response of a call, retried once with a fresh access token after a 401. */
export async function request(service: Service, path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(service, path, options);
  if (response.status === 401 && accessToken !== null && (await refreshAccessToken())) {
    response = await send(service, path, options);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** A JSON call: the parsed body, or undefined for 204. Throws ApiError with a readable message. */
export async function api<T>(service: Service, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(service, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

/** Saves a download (CSV, JSON, a proof bundle) that needs the Authorization header. */
export async function download(service: Service, path: string, filename: string, query?: RequestOptions["query"]): Promise<void> {
  const response = await request(service, path, { query });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

interface ValidationItem {
  loc?: (string | number)[];
  msg?: string;
}

async function errorOf(response: Response): Promise<ApiError> {
  let detail: unknown = null;
  let field: unknown = null;
  try {
    ({ detail, field } = (await response.json()) as { detail?: unknown; field?: unknown });
  } catch {
    // not JSON: nginx's own pages (413, 429, 502)
  }
  if (Array.isArray(detail)) {
    const fields: Record<string, string> = {};
    for (const item of detail as ValidationItem[]) {
      const name = String(item.loc?.[item.loc.length - 1] ?? "");
      if (name && item.msg) fields[name] = item.msg.replace(/^Value error, /, "");
    }
    const first = Object.values(fields)[0] ?? "The form has errors.";
    return new ApiError(response.status, first, fields);
  }
  if (typeof detail === "string") {
    // A service's own check of one field (assessments' content check): `{detail, field}`.
    return new ApiError(response.status, detail, typeof field === "string" ? { [field]: detail } : {});
  }
  if (detail && typeof detail === "object") {
    const message = (detail as { message?: string }).message;
    if (message) return new ApiError(response.status, message);
  }
  return new ApiError(response.status, STATUS_MESSAGES[response.status] ?? `Request failed (${response.status}).`);
}

const STATUS_MESSAGES: Record<number, string> = {
  401: "Please log in again.",
  403: "You may not do this.",
  404: "Not found.",
  413: "The file is too large.",
  429: "Too many attempts. Wait a minute and try again.",
  502: "The service is not reachable right now. Try again shortly.",
  503: "The service is not reachable right now. Try again shortly.",
};
