import type { RequestContext } from "../../context";
import type { Config } from "../../config";
import { invalidArgument } from "../../errors";

/** Where the public activation endpoints live (uc-semantics §5). */
export const ACTIVATION_INFO_PATH = "/api/2.1/unity-catalog/public/data_sharing_activation_info";
export const ACTIVATION_PATH = "/api/2.1/unity-catalog/public/data_sharing_activation";
/** Prefix of the Delta Sharing protocol endpoint; the profile's endpoint is base + this. */
export const SHARING_PREFIX = "/delta-sharing";

/** How recipients reach this service: the configured public URL, else the request's origin. */
export function publicBase(config: Config, origin?: string): string {
  return (config.publicUrl ?? origin ?? `http://localhost:${config.port}`).replace(/\/+$/, "");
}

/**
 * The activation link handed to the provider. It points at the *info* endpoint, which is safe
 * to open (mail scanners and chat previews fetch links); the download is a separate call.
 */
export function activationUrl(ctx: RequestContext, code: string, origin?: string): string {
  return `${publicBase(ctx.services.config, origin)}${ACTIVATION_INFO_PATH}/${code}`;
}

/** Expiry of a new token: the requested time, else now + the configured lifetime (or never). */
export function tokenExpiry(ctx: RequestContext, now: number, requested: number | null | undefined): number | null {
  if (requested !== undefined && requested !== null) {
    if (!Number.isInteger(requested) || requested <= now) throw invalidArgument("expiration_time must be a future time in epoch milliseconds.", { field: "expiration_time" });
    return requested;
  }
  const lifetime = ctx.services.config.sharing.tokenLifetimeSeconds;
  return lifetime === null ? null : now + lifetime * 1000;
}
