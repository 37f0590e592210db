import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";

/**
 * Keys that sign Lakeward's own JWTs (issue 3 §2). Every replica reads them from here, so a
 * rotation on one is seen by all. The private JWK never leaves the server: only the public
 * half is published at /.well-known/jwks.json. A retired key signs nothing new but still
 * verifies tokens it signed until they have all expired.
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    kid: text("kid").primaryKey(),
    alg: text("alg").notNull(),
    publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
    privateJwk: jsonb("private_jwk").$type<Record<string, unknown>>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    retiredAt: bigint("retired_at", { mode: "number" }),
  },
  (t) => [index("signing_keys_created_idx").on(t.createdAt)],
);

/**
 * Lakeward JWTs revoked before their expiry (logout). Rows are kept only until the token
 * would have expired anyway.
 */
export const revokedTokens = pgTable(
  "revoked_tokens",
  {
    jti: text("jti").primaryKey(),
    principalId: uuid("principal_id").notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("revoked_tokens_expires_idx").on(t.expiresAt)],
);
