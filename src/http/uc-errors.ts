import type { ZodError } from "zod";
import { LakewardError, invalidArgument } from "../errors";
import { UC_HTTP_STATUS } from "../audit/ucHttpStatus";

/** The Unity Catalog REST error body (uc-oss §1.1). */
export interface UcErrorBody {
  error_code: string;
  message: string;
  details: { "@type": string; reason: string; metadata?: Record<string, string> }[];
}

/** Maps any error to UC's status and body; unknown errors become a bare INTERNAL. */
export function ucError(err: unknown): { status: number; body: UcErrorBody } {
  const e = err instanceof LakewardError ? err : new LakewardError("INTERNAL", "Internal error.");
  const metadata = e.details ? Object.fromEntries(Object.entries(e.details).map(([k, v]) => [k, String(v)])) : undefined;
  return {
    status: UC_HTTP_STATUS[e.code],
    body: {
      error_code: e.code,
      message: e.message,
      details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: e.code, ...(metadata ? { metadata } : {}) }],
    },
  };
}

const TARGET_NAMES: Record<string, string> = { json: "body", query: "query", param: "path", header: "header" };

/** Turns a zod failure into INVALID_ARGUMENT naming the first bad field and why. */
export function fromZodError(error: ZodError, target: string): LakewardError {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : (TARGET_NAMES[target] ?? target);
  const why = issue.code === "invalid_type" && /received undefined/.test(issue.message) ? "is required" : issue.message;
  return invalidArgument(`Invalid ${field}: ${why}.`, { field });
}
