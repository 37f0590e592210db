import { grants, groupMembers, principals, securables } from "../../schema/index";
import type { Db } from "../../src/db/types";
import { ACCOUNT_USERS } from "../../src/authz/cache";
import type { World } from "./case-file";

export interface BuiltWorld {
  /** Principal name → id and kind. */
  principals: Map<string, { id: string; kind: "user" | "group" | "service_principal" }>;
  /** Securable full name ("metastore" for the metastore) → id. */
  securables: Map<string, string>;
}

/** Containers come before what they contain, so parent ids exist when children are inserted. */
const DEPTH: Record<string, number> = { schema: 1, table: 2, volume: 2, function: 2, registered_model: 2 };

/**
 * Writes a case world straight into the tables authorization reads (principals, group_members,
 * securables, grants), the way the verbs would have left them. The built-in `account users`
 * group exists in every world, as bootstrap creates it.
 */
export async function buildWorld(db: Db, world: World, now: number): Promise<BuiltWorld> {
  const built: BuiltWorld = { principals: new Map(), securables: new Map() };
  const principalRows = [
    ...world.users.map((name) => ({ name, kind: "user" as const })),
    ...world.servicePrincipals.map((name) => ({ name, kind: "service_principal" as const })),
    { name: ACCOUNT_USERS, kind: "group" as const },
    ...Object.keys(world.groups).map((name) => ({ name, kind: "group" as const })),
  ].map((p) => ({ ...p, id: crypto.randomUUID(), createdAt: now, updatedAt: now }));
  for (const p of principalRows) built.principals.set(p.name, { id: p.id, kind: p.kind });
  await db.insert(principals).values(principalRows);

  const principalId = (name: string) => built.principals.get(name)!.id;
  const memberships = Object.entries(world.groups).flatMap(([group, members]) =>
    members.map((m) => ({ groupId: principalId(group), memberId: principalId(m) })),
  );
  if (memberships.length > 0) await db.insert(groupMembers).values(memberships);

  const metastoreId = crypto.randomUUID();
  built.securables.set("metastore", metastoreId);
  const row = (id: string, type: string, parentId: string | null, fullName: string, owner: string) => ({
    id, type, parentId, name: fullName.split(".").at(-1)!, fullName, ownerId: principalId(owner), createdAt: now, createdBy: owner,
  });
  await db.insert(securables).values(row(metastoreId, "metastore", null, "metastore", world.metastoreOwner));
  const ordered = [...world.securables].sort((a, b) => (DEPTH[a.type] ?? 0) - (DEPTH[b.type] ?? 0));
  for (const s of ordered) {
    const parentName = DEPTH[s.type] === undefined ? "metastore" : s.name.split(".").slice(0, -1).join(".");
    const parentId = built.securables.get(parentName);
    if (!parentId) throw new Error(`${s.type} '${s.name}' needs its parent '${parentName}' declared`);
    const id = crypto.randomUUID();
    built.securables.set(s.name, id);
    await db.insert(securables).values(row(id, s.type, parentId, s.name, s.owner));
  }

  const grantRows = world.grants.flatMap((g) =>
    g.privileges.map((privilege) => ({
      securableId: built.securables.get(g.on)!,
      principalId: principalId(g.to),
      privilege,
      createdAt: now,
      createdBy: "policy-cases",
    })),
  );
  if (grantRows.length > 0) await db.insert(grants).values(grantRows);
  return built;
}
