import { invalidArgument } from "../errors";

/** What a vended credential may do: read, or read and write (uc-oss §4.1 step 2). */
export type Access = "read" | "write";

/** STS refuses session policies longer than this (plain text, before packing). */
export const MAX_SESSION_POLICY_LENGTH = 2048;

/**
 * The session policy Unity Catalog generates for an S3 prefix (uc-oss §4.2), statement order
 * and shape included, so an IAM admin who knows UC's policy recognises ours:
 *  0. object actions on `<prefix>/*` and `<prefix>` — get for read; put, delete and multipart
 *     for write;
 *  1. ListBucket on the bucket, only for `s3:prefix` values at or under the prefix — segment-
 *     wise, so `orders` never lets anyone list `orders_backup`;
 *  2. KMS decrypt (and generate data keys for write) only via S3, only for this bucket/prefix.
 * IAM wildcards in the path are escaped as policy variables (`$`, then `*`, then `?`) so a key
 * containing them matches literally. A bucket root gets `bucket/*` and prefix `*`.
 */
export function sessionPolicy(url: string, access: Access): string {
  const { bucket, prefix } = splitS3Url(url);
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const path = escapeIamWildcards(prefix);
  const objects = path === "" ? [`${bucketArn}/*`] : [`${bucketArn}/${path}/*`, `${bucketArn}/${path}`];
  const listPrefixes = path === "" ? ["*"] : [path, `${path}/`, `${path}/*`];
  const write = access === "write";
  const policy = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: write ? ["s3:GetO*", "s3:PutO*", "s3:DeleteO*", "s3:*Multipart*"] : ["s3:GetO*"], Resource: objects },
      { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn], Condition: { StringLike: { "s3:prefix": listPrefixes } } },
      {
        Effect: "Allow",
        Action: write ? ["kms:Decrypt", "kms:GenerateDataKey*"] : ["kms:Decrypt"],
        Resource: ["*"],
        Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com", "kms:EncryptionContext:aws:s3:arn": [bucketArn, ...objects] } },
      },
    ],
  };
  const text = JSON.stringify(policy);
  if (text.length > MAX_SESSION_POLICY_LENGTH) {
    throw invalidArgument(`The storage path is too long for an AWS session policy (${text.length} > ${MAX_SESSION_POLICY_LENGTH} characters): ${url}`, { field: "url" });
  }
  return text;
}

/** IAM reads `*`, `?` and `${…}` specially in resources and StringLike values; these stay literal. */
export function escapeIamWildcards(text: string): string {
  return text.replace(/\$/g, "${$}").replace(/\*/g, "${*}").replace(/\?/g, "${?}");
}

/** Bucket and key prefix (no leading or trailing slash) of a normalised `s3://` or `s3a://` URL. */
export function splitS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3a?:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!match) throw invalidArgument(`Not an S3 URL: ${url}`, { field: "url" });
  return { bucket: match[1]!, prefix: (match[2] ?? "").replace(/^\/+|\/+$/g, "") };
}
