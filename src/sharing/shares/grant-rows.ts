import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/types";
import { securables, shareRecipientGrants } from "../../../schema/index";

export interface ShareGrantRow {
  shareId: string;
  shareName: string;
  recipientId: string;
  recipientName: string;
  privilege: string;
}

const share = alias(securables, "share");
const recipient = alias(securables, "recipient");

function select(db: Db) {
  return db
    .select({ shareId: shareRecipientGrants.shareId, shareName: share.name, recipientId: shareRecipientGrants.recipientId, recipientName: recipient.name, privilege: shareRecipientGrants.privilege })
    .from(shareRecipientGrants)
    .innerJoin(share, eq(share.id, shareRecipientGrants.shareId))
    .innerJoin(recipient, eq(recipient.id, shareRecipientGrants.recipientId));
}

/** Recipients granted a share, by recipient name. */
export function grantsOfShare(db: Db, shareId: string): Promise<ShareGrantRow[]> {
  return select(db).where(eq(shareRecipientGrants.shareId, shareId)).orderBy(asc(recipient.name));
}

/** Shares granted to a recipient, by share name. */
export function grantsOfRecipient(db: Db, recipientId: string): Promise<ShareGrantRow[]> {
  return select(db).where(eq(shareRecipientGrants.recipientId, recipientId)).orderBy(asc(share.name));
}

/** Whether the recipient holds SELECT on the share: read on every protocol request, never cached. */
export async function hasShareGrant(db: Db, shareId: string, recipientId: string): Promise<boolean> {
  const [row] = await db
    .select({ shareId: shareRecipientGrants.shareId })
    .from(shareRecipientGrants)
    .where(and(eq(shareRecipientGrants.shareId, shareId), eq(shareRecipientGrants.recipientId, recipientId)))
    .limit(1);
  return row !== undefined;
}

/** Grants SELECT (idempotent) in the caller's transaction. */
export async function addShareGrant(tx: Db, shareId: string, recipientId: string, by: string, now: number): Promise<void> {
  await tx.insert(shareRecipientGrants).values({ shareId, recipientId, privilege: "SELECT", createdAt: now, createdBy: by }).onConflictDoNothing();
}

/** Revokes SELECT (absent grants are ignored) in the caller's transaction. */
export async function removeShareGrant(tx: Db, shareId: string, recipientId: string): Promise<void> {
  await tx.delete(shareRecipientGrants).where(and(eq(shareRecipientGrants.shareId, shareId), eq(shareRecipientGrants.recipientId, recipientId)));
}
