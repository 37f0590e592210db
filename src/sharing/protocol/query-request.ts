import { badParameter, malformed } from "./errors";

/** The body of POST …/query (digest A.4); every field optional, unknown fields ignored. */
export interface QueryRequest {
  predicateHints?: string[];
  jsonPredicateHints?: string;
  limitHint?: number;
  version?: number;
  timestamp?: number;
  startingVersion?: number;
  endingVersion?: number;
  maxFiles?: number;
  pageToken?: string;
  includeRefreshToken?: boolean;
  refreshToken?: string;
  idempotencyKey?: string;
}

/**
 * Parses and checks a query body: wrong JSON types are MALFORMED_REQUEST; contradictions
 * (two snapshot selectors, negative versions, refresh tokens with time travel ...) are
 * INVALID_PARAMETER_VALUE, as the reference server answers them.
 */
export function parseQueryRequest(text: string): QueryRequest {
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw malformed("The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw malformed("The request body must be a JSON object.");
  const b = body as Record<string, unknown>;
  const q: QueryRequest = {
    predicateHints: opt(b, "predicateHints", (v) => Array.isArray(v) && v.every((x) => typeof x === "string"), "an array of strings") as string[] | undefined,
    jsonPredicateHints: opt(b, "jsonPredicateHints", (v) => typeof v === "string", "a string (serialized JSON)") as string | undefined,
    limitHint: int(b, "limitHint"),
    version: int(b, "version"),
    timestamp: timestampOf(opt(b, "timestamp", (v) => typeof v === "string", "an ISO 8601 timestamp string") as string | undefined, "timestamp"),
    startingVersion: int(b, "startingVersion"),
    endingVersion: int(b, "endingVersion"),
    maxFiles: int(b, "maxFiles"),
    pageToken: opt(b, "pageToken", (v) => typeof v === "string", "a string") as string | undefined,
    includeRefreshToken: opt(b, "includeRefreshToken", (v) => typeof v === "boolean", "a boolean") as boolean | undefined,
    refreshToken: opt(b, "refreshToken", (v) => typeof v === "string", "a string") as string | undefined,
    // The spec spells it idempotencyKey, the proto and Spark idempotency_key: accept both.
    idempotencyKey: (opt(b, "idempotencyKey", (v) => typeof v === "string", "a string") ?? opt(b, "idempotency_key", (v) => typeof v === "string", "a string")) as string | undefined,
  };
  const selectors = [q.version, q.timestamp, q.startingVersion].filter((v) => v !== undefined).length;
  if (selectors > 1) throw badParameter("Only one of version, timestamp and startingVersion may be set.");
  for (const field of ["version", "startingVersion", "endingVersion", "limitHint"] as const) {
    if (q[field] !== undefined && q[field]! < 0) throw badParameter(`${field} must not be negative.`);
  }
  if (q.endingVersion !== undefined && q.startingVersion === undefined) throw badParameter("endingVersion needs startingVersion.");
  if (q.endingVersion !== undefined && q.endingVersion < q.startingVersion!) throw badParameter("endingVersion must not be smaller than startingVersion.");
  if (q.maxFiles !== undefined && q.maxFiles <= 0) throw badParameter("maxFiles must be greater than 0.");
  if ((q.includeRefreshToken || q.refreshToken) && (selectors > 0 || q.pageToken)) {
    throw badParameter("includeRefreshToken and refreshToken are only valid on a first-page query of the latest snapshot.");
  }
  return q;
}

/** An ISO 8601 timestamp parameter in epoch ms. */
export function timestampOf(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  // Parameters are UTC (digest A.1): a time without an offset must not be read as local time.
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? "00:00:00"}${m[3] ?? "Z"}`) : NaN;
  if (!Number.isFinite(ms)) throw badParameter(`${field} must be an ISO 8601 timestamp such as 2022-01-01T00:00:00Z, got '${text.slice(0, 60)}'.`);
  return ms;
}

function opt(b: Record<string, unknown>, key: string, ok: (v: unknown) => boolean, what: string): unknown {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!ok(v)) throw malformed(`${key} must be ${what}.`);
  return v;
}

function int(b: Record<string, unknown>, key: string): number | undefined {
  return opt(b, key, (v) => typeof v === "number" && Number.isSafeInteger(v), "an integer") as number | undefined;
}
