import type { Db } from "../db/types";
import type { Clock } from "../clock";
import { SharingKeys } from "./files/keys";
import type { S3Access } from "../storage/s3-credentialed";

/** How to reach an S3 bucket with credentials scoped to one location (read-only). */
export type { S3Access };

/**
 * The port to the credentials module (issue 7): scoped credentials for the storage under
 * `url`, or undefined when Lakeward holds none for it. Files of such locations are then
 * served through Lakeward's own signed URLs instead of S3 pre-signed ones.
 */
export type S3AccessResolver = (url: string) => Promise<S3Access | undefined>;

/** What the sharing module keeps per process. */
export interface SharingServices {
  s3Access?: S3AccessResolver;
  keys: SharingKeys;
}

/** Builds the sharing services from the ports (called by createServices). */
export function createSharingServices(db: Db, clock: Clock, s3Access?: S3AccessResolver): SharingServices {
  return { s3Access, keys: new SharingKeys(db, clock) };
}
