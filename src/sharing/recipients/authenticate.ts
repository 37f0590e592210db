import { eq } from "drizzle-orm";
import type { Services } from "../../services";
import { LakewardError, unauthenticated } from "../../errors";
import { recipientDetails, recipientTokens, securables } from "../../../schema/index";
import { constantTimeEqual, sha256Hex } from "../../auth/secrets";
import { ipAllowed } from "./ip-access";
import { RECIPIENT_TOKEN_PREFIX } from "./token-rows";

/** The caller of a Delta Sharing protocol request: a recipient, never a principal. */
export interface RecipientCaller {
  id: string;
  name: string;
  properties: Record<string, string>;
  tokenId: string;
}

/**
 * Authenticates `Authorization: Bearer <recipient token>` (issue 8 §3), separately from the
 * principal authenticators: a recipient token never opens the catalog API and a principal's
 * token never opens a share. Read on every request, so rotation past its grace period, expiry,
 * or deletion of the recipient cut access at once. Every failure is the same 401; the IP
 * access list is a 403 (the token was right, the network is not).
 */
export async function authenticateRecipient(services: Services, header: string | undefined, clientIp: string | undefined): Promise<RecipientCaller> {
  const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token || !token.startsWith(RECIPIENT_TOKEN_PREFIX)) throw unauthenticated();
  const hash = await sha256Hex(token);
  const [row] = await services.db
    .select({ tokenId: recipientTokens.id, tokenHash: recipientTokens.tokenHash, expiresAt: recipientTokens.expiresAt, id: securables.id, name: securables.name, properties: securables.properties, ipAccessList: recipientDetails.ipAccessList })
    .from(recipientTokens)
    .innerJoin(securables, eq(securables.id, recipientTokens.recipientId))
    .innerJoin(recipientDetails, eq(recipientDetails.securableId, securables.id))
    .where(eq(recipientTokens.tokenHash, hash))
    .limit(1);
  if (!row || !row.tokenHash || !constantTimeEqual(row.tokenHash, hash)) throw unauthenticated();
  if (row.expiresAt !== null && row.expiresAt <= services.clock.now()) throw unauthenticated();
  if (row.ipAccessList && !ipAllowed(row.ipAccessList, clientIp)) {
    throw new LakewardError("PERMISSION_DENIED", "The request comes from an address that is not on this recipient's IP access list.", { details: { recipient: row.name } });
  }
  return { id: row.id, name: row.name, properties: row.properties, tokenId: row.tokenId };
}
