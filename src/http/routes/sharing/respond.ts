import type { TableAnswer } from "../../../sharing/protocol/table-call";
import { responseCapabilities } from "../../../sharing/protocol/capabilities";
import { ndjsonStream } from "../../../sharing/protocol/ndjson-stream";
import type { ProtocolCall } from "./call";

/** A list body: one line of compact JSON (Py parses lists from the first line only, digest A.13). */
export function jsonAnswer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

/**
 * A table answer: NDJSON streamed, with `Delta-Table-Version` and the capabilities actually
 * used (digest A.6); the audit row is written when the stream ends, with the file count.
 */
export function ndjsonAnswer(call: ProtocolCall, answer: TableAnswer, audit: { share: string; table: string; details?: Record<string, unknown> }, fileIdHash?: string): Response {
  const headers = new Headers({
    "content-type": "application/x-ndjson; charset=utf-8",
    "delta-table-version": String(answer.version),
    "delta-sharing-capabilities": responseCapabilities(answer.format, answer.endStream),
  });
  if (fileIdHash) headers.set("fileidhash", fileIdHash);
  const body = ndjsonStream(answer.lines, (err) =>
    call.audit({ ...audit, err, details: { version: answer.version, format: answer.format, files: answer.facts.files, ...audit.details } }),
  );
  return new Response(body, { status: 200, headers });
}
