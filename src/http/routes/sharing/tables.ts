import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertServable, grantedShare, sharedTable } from "../../../sharing/protocol/access";
import { parseCapabilities, parseFileIdHash } from "../../../sharing/protocol/capabilities";
import { tableChanges } from "../../../sharing/protocol/changes";
import { badParameter } from "../../../sharing/protocol/errors";
import { queryTable } from "../../../sharing/protocol/query";
import { parseQueryRequest } from "../../../sharing/protocol/query-request";
import type { TableCall } from "../../../sharing/protocol/table-call";
import { tableMetadata, tableVersion } from "../../../sharing/protocol/version";
import { protocolCall, type ProtocolCall } from "./call";
import { ndjsonAnswer } from "./respond";

const TABLE = "/shares/:share/schemas/:schema/tables/:table";

/** The table endpoints (digest A.2 #6-#9): version (GET and HEAD), metadata, query, changes. */
export function tableRoutes(app: Hono<AppEnv>): void {
  const version = (c: Context<AppEnv>) =>
    protocolCall(c, "deltaSharingGetTableVersion", async (call) => {
      const t = await tableCall(c, call);
      const v = await tableVersion(t, c.req.method === "HEAD" ? undefined : c.req.query("startingTimestamp"));
      await call.audit({ share: t.share.name, table: fullName(t), details: { version: v } });
      return new Response(null, { status: 200, headers: { "delta-table-version": String(v) } });
    });
  app.get(`${TABLE}/version`, version);
  // The deprecated HEAD form; Hono serves HEAD through GET routes and drops the body.
  app.get(TABLE, version);

  app.get(`${TABLE}/metadata`, (c) =>
    protocolCall(c, "deltaSharingGetTableMetadata", async (call) => {
      const t = await tableCall(c, call);
      const answer = await tableMetadata(t, { version: c.req.query("version"), timestamp: c.req.query("timestamp") });
      return ndjsonAnswer(call, answer, { share: t.share.name, table: fullName(t) }, t.fileIdHash);
    }),
  );
  app.post(`${TABLE}/query`, (c) =>
    protocolCall(c, "deltaSharingQueryTable", async (call) => {
      const t = await tableCall(c, call);
      const req = parseQueryRequest(await c.req.text());
      const answer = await queryTable(t, req);
      const asked = { version: req.version, timestamp: req.timestamp, startingVersion: req.startingVersion, endingVersion: req.endingVersion, limitHint: req.limitHint, maxFiles: req.maxFiles, paged: req.pageToken !== undefined };
      return ndjsonAnswer(call, answer, { share: t.share.name, table: fullName(t), details: { request: asked } }, t.fileIdHash);
    }),
  );
  app.get(`${TABLE}/changes`, (c) =>
    protocolCall(c, "deltaSharingQueryTableChanges", async (call) => {
      const t = await tableCall(c, call);
      const q = (k: string) => c.req.query(k);
      const maxFiles = q("maxFiles");
      if (maxFiles !== undefined && !(/^\d+$/.test(maxFiles) && Number(maxFiles) > 0)) throw badParameter("maxFiles must be greater than 0.");
      const answer = await tableChanges(t, {
        startingVersion: q("startingVersion"), startingTimestamp: q("startingTimestamp"), endingVersion: q("endingVersion"),
        endingTimestamp: q("endingTimestamp"), includeHistoricalMetadata: q("includeHistoricalMetadata"), maxFiles,
      });
      return ndjsonAnswer(call, answer, { share: t.share.name, table: fullName(t) }, t.fileIdHash);
    }),
  );
}

/** Resolves the share and table of the path for this recipient and checks it can be served. */
async function tableCall(c: Context<AppEnv>, call: ProtocolCall): Promise<TableCall> {
  const caps = parseCapabilities(c.req.header("delta-sharing-capabilities"));
  const fileIdHash = parseFileIdHash(c.req.header("fileidhash"));
  const share = await grantedShare(call.services, call.recipient, c.req.param("share")!);
  const table = await sharedTable(call.services, share, c.req.param("schema")!, c.req.param("table")!);
  const location = await assertServable(call.services, share, table);
  return { services: call.services, recipient: call.recipient, share, table, location, caps, fileIdHash, base: call.base };
}

const fullName = (t: TableCall) => `${t.share.name}.${t.table.schema}.${t.table.name}`;
