import { eq } from "drizzle-orm";
import type { Services } from "../../services";
import { LakewardError } from "../../errors";
import { recipientDetails } from "../../../schema/index";
import { findSecurableById } from "../../catalog/rows";
import { writeAuditEvent } from "../../audit/write";
import { activate, findByActivationCode } from "./token-rows";
import { ACTIVATION_PATH, SHARING_PREFIX, publicBase } from "./links";
import { ipAllowed } from "./ip-access";

/** Who is asking, for the audit row and the IP access list. */
export interface PublicCaller {
  requestId?: string;
  sourceIp?: string;
  /** Address used for the access list (see recipients/client-ip.ts). */
  clientIp?: string;
  userAgent?: string;
  origin?: string;
}

/** The Delta Sharing profile file, version 1 (digest A.10). */
export interface SharingProfile {
  shareCredentialsVersion: 1;
  endpoint: string;
  bearerToken: string;
  expirationTime?: string;
}

const gone = () => new LakewardError("NOT_FOUND", "This activation link is invalid, expired or has already been used.");

/**
 * GET …/public/data_sharing_activation_info/{code}: describes a link without using it, so
 * previews and mail scanners cannot burn it. Audited as getActivationUrlInfo (the code never is).
 */
export async function activationInfo(services: Services, code: string, caller: PublicCaller) {
  const now = services.clock.now();
  const slot = await findByActivationCode(services.db, code);
  const recipient = slot && (slot.expiresAt === null || slot.expiresAt > now) ? await findSecurableById(services.db, slot.recipientId) : undefined;
  await audit(services, caller, "getActivationUrlInfo", recipient?.name, slot?.id, recipient ? undefined : gone());
  if (!slot || !recipient) throw gone();
  return {
    recipient_name: recipient.name,
    activated: false,
    expiration_time: slot.expiresAt,
    download_url: `${publicBase(services.config, caller.origin)}${ACTIVATION_PATH}/${code}`,
  };
}

/**
 * GET …/public/data_sharing_activation/{code}: mints the bearer token and hands out the
 * profile — once. The recipient's IP access list applies here too.
 */
export async function retrieveToken(services: Services, code: string, caller: PublicCaller): Promise<SharingProfile> {
  const slot = await findByActivationCode(services.db, code);
  if (slot) {
    const [details] = await services.db.select().from(recipientDetails).where(eq(recipientDetails.securableId, slot.recipientId));
    if (details?.ipAccessList && !ipAllowed(details.ipAccessList, caller.clientIp)) {
      const denied = new LakewardError("PERMISSION_DENIED", "This address is not on the recipient's IP access list.");
      await audit(services, caller, "retrieveRecipientToken", undefined, slot.id, denied);
      throw denied;
    }
  }
  const used = await activate(services.db, code, services.clock.now());
  const recipient = used ? await findSecurableById(services.db, used.row.recipientId) : undefined;
  await audit(services, caller, "retrieveRecipientToken", recipient?.name, used?.row.id, recipient ? undefined : gone());
  if (!used || !recipient) throw gone();
  const profile: SharingProfile = {
    shareCredentialsVersion: 1,
    endpoint: `${publicBase(services.config, caller.origin)}${SHARING_PREFIX}`,
    bearerToken: used.token,
  };
  // ISO 8601 with an explicit offset: Python's fromisoformat before 3.11 rejects a bare "Z".
  if (used.row.expiresAt !== null) profile.expirationTime = new Date(used.row.expiresAt).toISOString().replace("Z", "+00:00");
  return profile;
}

async function audit(services: Services, caller: PublicCaller, action: string, recipient: string | undefined, tokenId: string | undefined, err?: LakewardError): Promise<void> {
  await writeAuditEvent(services.db, {
    eventTime: services.clock.now(),
    requestId: caller.requestId,
    serviceName: "unityCatalog",
    actionName: action,
    principalName: recipient ?? null,
    securableType: recipient ? "recipient" : null,
    securableFullName: recipient ?? null,
    outcome: err ? (err.code === "PERMISSION_DENIED" ? "denied" : "failed") : "success",
    statusCode: err ? (err.code === "PERMISSION_DENIED" ? 403 : 404) : 200,
    errorCode: err?.code ?? null,
    errorMessage: err?.message ?? null,
    sourceIp: caller.sourceIp ?? null,
    userAgent: caller.userAgent ?? null,
    details: { recipient: recipient ?? null, tokenId: tokenId ?? null },
  });
}
