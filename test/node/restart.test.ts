import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { openDatabase, prepareRuntime, saveAdminToken } from "../../src/node/start";
import { createApp } from "../../src/app";
import { ApiClient, uc } from "../support/client";

describe("embedded defaults", () => {
  it("keeps data in the PGlite folder across a restart, and writes the admin token once with mode 0600", async () => {
    const home = mkdtempSync(join(tmpdir(), "lakeward-restart-"));
    const config = parseConfig({ LAKEWARD_HOME: home });
    expect(config.storageRoot).toBe(`file://${home}/warehouse`);

    const first = await prepareRuntime(config, await openDatabase(config));
    expect(first.handle.driver).toBe("pglite");
    expect(first.adminToken).toMatch(/^lkw_/);
    const banner = saveAdminToken(config, first.adminToken!);
    expect(banner).toContain(first.adminToken!);
    const tokenFile = join(home, "admin-token");
    expect(readFileSync(tokenFile, "utf8").trim()).toBe(first.adminToken);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const api = new ApiClient(createApp(first.services), first.adminToken);
    expect((await api.post(uc("/catalogs"), { name: "kept", comment: "before restart" })).status).toBe(200);
    await first.handle.close();

    const second = await prepareRuntime(config, await openDatabase(config));
    expect(second.adminToken).toBeUndefined();
    expect(second.services.metastoreId).toBe(first.services.metastoreId);
    const again = new ApiClient(createApp(second.services), first.adminToken);
    const got = await again.get(uc("/catalogs/kept"));
    expect(got.status).toBe(200);
    expect(got.body.comment).toBe("before restart");
    await second.handle.close();
  });
});
