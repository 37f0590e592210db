import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { LakewardError } from "../../../errors";
import { sharingError } from "../../../sharing/protocol/errors";
import { fileRoutes } from "./files";
import { listRoutes } from "./lists";
import { tableRoutes } from "./tables";

/**
 * The Delta Sharing protocol endpoint for external recipients (issue 8 §3), mounted at
 * /delta-sharing. Its own wire format: errors are `{"errorCode","message"}` with the
 * reference server's statuses (digest A.9); a HEAD gets the status alone.
 */
export function deltaSharingApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  listRoutes(app);
  tableRoutes(app);
  fileRoutes(app);
  app.all("*", () => {
    throw new LakewardError("NOT_FOUND", "No such Delta Sharing endpoint.");
  });
  app.onError((err, c) => {
    const { status, body } = sharingError(err);
    if (status === 500 && !(err instanceof LakewardError)) console.error("lakeward: delta sharing error", err);
    return c.json(body, status as 400);
  });
  return app;
}
