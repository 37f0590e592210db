import { describe, expect, it } from "vitest";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { escapeIamWildcards, sessionPolicy, type Access } from "../../src/credentials/session-policy";
import { LakewardError } from "../../src/errors";

/**
 * The session policy is judged by an IAM policy simulator, not by string comparison alone: the
 * assumed role itself may do anything in S3 and KMS, so whatever is denied is denied by the
 * session policy Lakeward attaches.
 */
const ROLE_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "kms:*"], Resource: "*" }] };

async function decide(url: string, access: Access, action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  return decidePolicy(JSON.parse(sessionPolicy(url, access)), action, resource, context);
}

/** The simulator's verdict for a given session policy (so a test can also judge a variant). */
async function decidePolicy(policy: unknown, action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const result = await runSimulation(
    {
      request: { principal: "arn:aws:sts::123456789012:assumed-role/lakeward-data/lakeward-alice", action, resource: { resource, accountId: "123456789012" }, contextVariables: context },
      sessionPolicy: policy as never,
      identityPolicies: [{ name: "role", policy: ROLE_POLICY }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

const TABLE = "s3://lake/warehouse/orders";
const obj = (key: string, bucket = "lake") => `arn:aws:s3:::${bucket}/${key}`;
const list = (prefix?: string): [string, string, Record<string, string>] => ["s3:ListBucket", "arn:aws:s3:::lake", prefix === undefined ? {} : { "s3:prefix": prefix }];

describe("session policy: Unity Catalog's exact form", () => {
  it("matches UC's generated policy for READ, and widens actions for READ_WRITE", () => {
    expect(JSON.parse(sessionPolicy("s3://bucket/path/to/table", "read"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetO*"], Resource: ["arn:aws:s3:::bucket/path/to/table/*", "arn:aws:s3:::bucket/path/to/table"] },
        { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::bucket"], Condition: { StringLike: { "s3:prefix": ["path/to/table", "path/to/table/", "path/to/table/*"] } } },
        {
          Effect: "Allow",
          Action: ["kms:Decrypt"],
          Resource: ["*"],
          Condition: {
            StringLike: {
              "kms:ViaService": "s3.*.amazonaws.com",
              "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/path/to/table/*", "arn:aws:s3:::bucket/path/to/table"],
            },
          },
        },
      ],
    });
    const write = JSON.parse(sessionPolicy("s3a://bucket/path/to/table", "write"));
    expect(write.Statement[0].Action).toEqual(["s3:GetO*", "s3:PutO*", "s3:DeleteO*", "s3:*Multipart*"]);
    expect(write.Statement[2].Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
  });

  it("escapes $ first, then * and ?", () => {
    expect(escapeIamWildcards("a$b*c?d")).toBe("a${$}b${*}c${?}d");
    expect(sessionPolicy("s3://b/x*y", "read")).toContain("arn:aws:s3:::b/x${*}y/*");
  });

  it("refuses a policy STS would reject as too long", () => {
    const err = (() => {
      try {
        sessionPolicy(`s3://b/${"p".repeat(400)}`, "read");
      } catch (e) {
        return e;
      }
    })() as LakewardError;
    expect(err.code).toBe("INVALID_ARGUMENT");
  });
});

describe("session policy: evaluated by the IAM simulator", () => {
  it("READ allows objects and listings under the table prefix", async () => {
    expect(await decide(TABLE, "read", "s3:GetObject", obj("warehouse/orders/part-0.parquet"))).toBe("Allowed");
    expect(await decide(TABLE, "read", "s3:GetObject", obj("warehouse/orders/_delta_log/00000000000000000000.json"))).toBe("Allowed");
    for (const prefix of ["warehouse/orders", "warehouse/orders/", "warehouse/orders/_delta_log/"]) {
      expect(await decide(TABLE, "read", ...list(prefix)), prefix).toBe("Allowed");
    }
  });

  it("READ denies a sibling prefix with the same leading characters, the bucket root and other buckets", async () => {
    const denied: [string, string, Record<string, string>?][] = [
      ["s3:GetObject", obj("warehouse/orders_backup/part-0.parquet")],
      ["s3:GetObject", obj("warehouse/ordersx")],
      ["s3:GetObject", obj("root-file.parquet")],
      ["s3:GetObject", obj("warehouse/orders/part-0.parquet", "other-bucket")],
      [...list("warehouse/orders_backup/")],
      [...list("warehouse/orders_backup")],
      [...list("warehouse/")],
      [...list("")],
      [...list()],
      ["s3:ListBucket", "arn:aws:s3:::other-bucket", { "s3:prefix": "warehouse/orders/" }],
    ];
    for (const [action, resource, context] of denied) {
      expect(await decide(TABLE, "read", action, resource, context), `${action} ${resource} ${JSON.stringify(context)}`).not.toBe("Allowed");
    }
  });

  it("READ denies writes; READ_WRITE allows put, delete and multipart under the prefix only", async () => {
    for (const action of ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]) {
      expect(await decide(TABLE, "read", action, obj("warehouse/orders/part-1.parquet")), action).not.toBe("Allowed");
      expect(await decide(TABLE, "write", action, obj("warehouse/orders/part-1.parquet")), action).toBe("Allowed");
      expect(await decide(TABLE, "write", action, obj("warehouse/orders_backup/part-1.parquet")), action).not.toBe("Allowed");
    }
    expect(await decide(TABLE, "write", "s3:DeleteBucket", "arn:aws:s3:::lake")).not.toBe("Allowed");
  });

  it("KMS only via S3", async () => {
    // The simulator does not know the templated key kms:EncryptionContext:aws:s3:arn, so only the
    // denial side is checkable here: a direct KMS call (not via S3) is refused.
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(await decide(TABLE, "read", "kms:Decrypt", key, { "kms:ViaService": "ec2.us-east-1.amazonaws.com" })).not.toBe("Allowed");
    expect(await decide(TABLE, "read", "kms:Decrypt", key)).not.toBe("Allowed");
    expect(await decide(TABLE, "read", "kms:Encrypt", key, { "kms:ViaService": "s3.us-east-1.amazonaws.com" })).not.toBe("Allowed");
  });

  it("paths with *, ? and $ match literally, never as wildcards", async () => {
    const odd = "s3://lake/we$ird/or*ders?v";
    expect(await decide(odd, "read", "s3:GetObject", obj("we$ird/or*ders?v/part-0.parquet"))).toBe("Allowed");
    expect(await decide(odd, "read", ...list("we$ird/or*ders?v/"))).toBe("Allowed");
    for (const key of ["we$ird/orXYZders?v/part-0.parquet", "we$ird/or*dersXv/part-0.parquet", "we$ird/ordersv/part-0.parquet"]) {
      expect(await decide(odd, "read", "s3:GetObject", obj(key)), key).not.toBe("Allowed");
    }
    expect(await decide(odd, "read", ...list("we$ird/orXders?v/"))).not.toBe("Allowed");
  });

  it("a literal ${aws:username} in a path is not a policy variable: escaping it is what keeps other users' prefixes out", async () => {
    const url = "s3://lake/home/${aws:username}";
    const bob = { "aws:username": "bob" };
    const escaped = JSON.parse(sessionPolicy(url, "read"));
    // The same policy as AWS would read it had `$` not been escaped: `${aws:username}` becomes
    // the caller's name, so the session would reach whichever user's home it runs as.
    const unescaped = JSON.parse(JSON.stringify(escaped).replaceAll("${$}", "$"));
    expect(JSON.stringify(unescaped)).toContain("arn:aws:s3:::lake/home/${aws:username}/*");
    expect(await decidePolicy(unescaped, "s3:GetObject", obj("home/bob/secret.parquet"), bob)).toBe("Allowed");
    expect(await decidePolicy(unescaped, "s3:ListBucket", "arn:aws:s3:::lake", { ...bob, "s3:prefix": "home/bob/" })).toBe("Allowed");
    // Lakeward's policy: only the literal folder, for any caller name.
    expect(await decide(url, "read", "s3:GetObject", obj("home/bob/secret.parquet"), bob)).not.toBe("Allowed");
    expect(await decide(url, "read", "s3:ListBucket", "arn:aws:s3:::lake", { ...bob, "s3:prefix": "home/bob/" })).not.toBe("Allowed");
    expect(await decide(url, "read", "s3:GetObject", obj("home/${aws:username}/part-0.parquet"), bob)).toBe("Allowed");
    expect(await decide(url, "read", ...list("home/${aws:username}/"))).toBe("Allowed");
  });

  it("a bucket-root location covers the whole bucket and nothing else", async () => {
    expect(await decide("s3://lake", "read", "s3:GetObject", obj("any/key"))).toBe("Allowed");
    expect(await decide("s3://lake", "read", ...list(""))).toBe("Allowed");
    expect(await decide("s3://lake", "read", "s3:GetObject", obj("any/key", "lake2"))).not.toBe("Allowed");
  });
});
