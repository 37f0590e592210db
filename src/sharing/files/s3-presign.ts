import { S3Client } from "@aws-sdk/client-s3";
import { S3RequestPresigner } from "@aws-sdk/s3-request-presigner";
import { parseObjectUrl } from "../../storage/url";
import type { S3Access } from "../services";

/**
 * Pre-signed S3 GET URLs for shared files (issue 8 §4), signed with the table location's scoped
 * credentials. S3RequestPresigner is used directly rather than getSignedUrl: the command
 * middleware stack costs ~5 ms a URL, the bare signer ~0.2 ms, and a query may sign 100,000.
 */
export class S3Presigner {
  private readonly presigner: S3RequestPresigner;
  private readonly endpoint?: URL;

  constructor(private readonly access: S3Access) {
    // The client is never sent a request: it only supplies the runtime's SHA-256 and config.
    const client = new S3Client({ region: access.region, credentials: access.credentials, endpoint: access.endpoint, forcePathStyle: access.forcePathStyle });
    this.presigner = new S3RequestPresigner({ ...client.config });
    this.endpoint = access.endpoint ? new URL(access.endpoint) : undefined;
  }

  /** A GET URL for `s3://bucket/key`, valid for `expiresInSeconds`. */
  async presign(objectUrl: string, expiresInSeconds: number): Promise<string> {
    const { authority: bucket, key } = parseObjectUrl(objectUrl);
    const escapedKey = key.split("/").map(escapeSegment).join("/");
    const pathStyle = this.access.forcePathStyle || this.endpoint !== undefined;
    const protocol = this.endpoint?.protocol ?? "https:";
    const hostname = this.endpoint?.hostname ?? (pathStyle ? `s3.${this.access.region}.amazonaws.com` : `${bucket}.s3.${this.access.region}.amazonaws.com`);
    const port = this.endpoint?.port ? Number(this.endpoint.port) : undefined;
    const path = `${this.endpoint?.pathname.replace(/\/+$/, "") ?? ""}${pathStyle ? `/${escapeSegment(bucket)}` : ""}/${escapedKey}`;
    const host = port ? `${hostname}:${port}` : hostname;
    const signed = await this.presigner.presign(
      { method: "GET", protocol, hostname, port, path, query: {}, headers: { host } },
      { expiresIn: expiresInSeconds },
    );
    const query = Object.entries(signed.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join("&");
    return `${protocol}//${host}${path}?${query}`;
  }
}

/** S3's escaping of one key segment: encodeURIComponent plus the characters it leaves alone. */
function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
