import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env";
import { fromZodError } from "./uc-errors";
import { LakewardError, invalidArgument } from "../errors";

/**
 * A route group whose input errors become LakewardErrors; `onError` renders them in the
 * group's wire format.
 */
export function routeGroup(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error, result.target);
    },
  });
}

/** Errors from Hono itself (malformed JSON, ...) in our vocabulary; others are internal. */
export function asLakewardError(err: unknown): unknown {
  if (err instanceof LakewardError) return err;
  if (err instanceof HTTPException && err.status === 400) return invalidArgument(`Invalid request body: ${err.message}.`, { field: "body" });
  if (err instanceof HTTPException && err.status === 401) return new LakewardError("UNAUTHENTICATED", "Invalid or missing credentials.");
  console.error("lakeward: unexpected error", err);
  return err;
}
