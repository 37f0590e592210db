import type { Services } from "../../services";
import { base64url } from "../../auth/secrets";
import { parseObjectUrl } from "../../storage/url";
import { SHARING_PREFIX } from "../recipients/links";
import { sealToken } from "./mac-token";
import { S3Presigner } from "./s3-presign";

/**
 * What a signed file URL grants: files of one version of one shared table, to one recipient
 * through one share. `kind` says where the files are listed — the snapshot at `version`
 * ("s") or the commit of `version` ("c", for change and streaming queries).
 */
export interface FileGrant {
  shareId: string;
  recipientId: string;
  tableId: string;
  version: number;
  kind: "s" | "c";
}

/** The sealed payload of a Lakeward file URL. */
export interface FileGrantPayload extends FileGrant {
  expiresAt: number;
}

/** Issues URLs for one grant: `file` for a data file (its log path), `dv` for a deletion vector. */
export interface FileUrls {
  expiresAt: number;
  file(objectUrl: string, logPath: string): string | Promise<string>;
  dv(objectUrl: string, pathOrInlineDv: string): string | Promise<string>;
}

/**
 * URLs for the files of one grant (issue 8 §4). S3 tables whose location has scoped
 * credentials get S3 pre-signed URLs; every other table (file://, or S3 without credentials)
 * gets Lakeward's own URL, served by /delta-sharing/files. Ours carry one HMAC per grant, not
 * per file: the file is then checked at download time against the granted version's file
 * list and the recipient's partitions, so the URL opens nothing the grant does not cover —
 * and a 100,000-file answer costs one MAC instead of 100,000 WebCrypto calls (~0.1 ms each).
 */
export async function fileUrlsFor(services: Services, tableUrl: string, grant: FileGrant, base: string): Promise<FileUrls> {
  const lifetime = services.config.sharing.fileUrlLifetimeSeconds;
  const expiresAt = services.clock.now() + lifetime * 1000;
  if (parseObjectUrl(tableUrl).scheme === "s3" && services.sharing.s3Access) {
    const access = await services.sharing.s3Access(tableUrl).catch((err: unknown) => {
      // No STS, or the role cannot be assumed: serve the bytes ourselves rather than fail the
      // recipient, and say so to the operator (no secrets in the message).
      console.warn(`lakeward: cannot pre-sign ${tableUrl}, serving its files through Lakeward: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (access) {
      const presigner = new S3Presigner(access);
      return { expiresAt, file: (url) => presigner.presign(url, lifetime), dv: (url) => presigner.presign(url, lifetime) };
    }
  }
  const payload: FileGrantPayload = { ...grant, expiresAt };
  const token = await sealToken(await services.sharing.keys.hmacKey(), "file", payload);
  const prefix = `${base}${SHARING_PREFIX}/files/${token}`;
  return {
    expiresAt,
    file: (_url, logPath) => `${prefix}/f/${logPath.split("/").map(encodeURIComponent).join("/")}`,
    dv: (_url, pathOrInlineDv) => `${prefix}/d/${base64url(new TextEncoder().encode(pathOrInlineDv))}`,
  };
}
