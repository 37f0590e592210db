import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { grantedShare } from "../../../sharing/protocol/access";
import { listAllTables, listSchemas, listShares, listTables } from "../../../sharing/protocol/listing";
import { parseMaxResults } from "../../../sharing/protocol/paging";
import { protocolCall } from "./call";
import { jsonAnswer } from "./respond";

/** The list endpoints (digest A.2 #1-#5); lists of the recipient's grants only. */
export function listRoutes(app: Hono<AppEnv>): void {
  const paging = (q: (k: string) => string | undefined) => ({ maxResults: parseMaxResults(q("maxResults")), pageToken: q("pageToken") || undefined });

  app.get("/shares", (c) =>
    protocolCall(c, "deltaSharingListShares", async (call) => {
      const page = await listShares(call.services, call.recipient, paging((k) => c.req.query(k)));
      await call.audit({ details: { count: page.items.length } });
      return jsonAnswer(page);
    }),
  );
  app.get("/shares/:share", (c) =>
    protocolCall(c, "deltaSharingGetShare", async (call) => {
      const share = await grantedShare(call.services, call.recipient, c.req.param("share"));
      await call.audit({ share: share.name });
      return jsonAnswer({ share: { name: share.name, id: share.id } });
    }),
  );
  app.get("/shares/:share/schemas", (c) =>
    protocolCall(c, "deltaSharingListSchemas", async (call) => {
      const share = await grantedShare(call.services, call.recipient, c.req.param("share"));
      const page = await listSchemas(call.services, call.recipient, share, paging((k) => c.req.query(k)));
      await call.audit({ share: share.name, details: { count: page.items.length } });
      return jsonAnswer(page);
    }),
  );
  app.get("/shares/:share/schemas/:schema/tables", (c) =>
    protocolCall(c, "deltaSharingListTables", async (call) => {
      const share = await grantedShare(call.services, call.recipient, c.req.param("share"));
      const page = await listTables(call.services, call.recipient, share, c.req.param("schema"), paging((k) => c.req.query(k)));
      await call.audit({ share: share.name, details: { schema: c.req.param("schema").toLowerCase(), count: page.items.length } });
      return jsonAnswer(page);
    }),
  );
  app.get("/shares/:share/all-tables", (c) =>
    protocolCall(c, "deltaSharingListAllTables", async (call) => {
      const share = await grantedShare(call.services, call.recipient, c.req.param("share"));
      const page = await listAllTables(call.services, call.recipient, share, paging((k) => c.req.query(k)));
      await call.audit({ share: share.name, details: { count: page.items.length } });
      return jsonAnswer(page);
    }),
  );
}
