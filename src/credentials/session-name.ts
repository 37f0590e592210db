/**
 * RoleSessionName for STS: it shows up in CloudTrail as the assumed-role session, so it names
 * the Lakeward principal the credentials were vended to. STS allows 2–64 characters from
 * `[A-Za-z0-9_+=,.@-]`; anything else becomes `-`.
 */
const PREFIX = "lakeward-";
const MAX = 64;

/**
 * `lakeward-<principal name>`, sanitised. A name too long to fit is cut and ends with the
 * first 8 characters of the principal id, so two long names that share a prefix stay apart.
 */
export function roleSessionName(principalName: string, principalId: string): string {
  const clean = principalName.replace(/[^\w+=,.@-]/g, "-");
  const full = PREFIX + clean;
  if (full.length <= MAX) return full;
  const suffix = "-" + principalId.replace(/[^\w]/g, "").slice(0, 8);
  return full.slice(0, MAX - suffix.length) + suffix;
}

/** Whether a name is one STS accepts (used by tests and the STS protocol server). */
export function isValidRoleSessionName(name: string): boolean {
  return /^[\w+=,.@-]{2,64}$/.test(name);
}
