import "server-only";
import { sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/db";
import type { Role } from "@/db/schema";
import { auth } from "./auth";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** Auth.js's session cookie: `authjs.session-token`, `__Secure-` prefixed over https. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token$/;

/** The signed-in user, read from the database session on every call (a revoked role takes effect at once). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const user = session?.user;
  if (user?.id && user.email) return { id: user.id, email: user.email, name: user.name ?? null, role: user.role };
  // Auth.js answers "no session" when reading it from the database fails (it only logs a
  // SessionTokenError), so during a database outage a signed-in member would be told to sign in.
  // With a session cookie present, make sure the database answers: an outage then surfaces as
  // the error it is (503 / "unavailable", docs/decisions/0013-resilience.md). A cookie without a
  // session is rare (expired, signed out elsewhere), so this costs one query only then.
  if ((await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name))) await db.execute(sql`select 1`);
  return null;
}

/** For pages: sends a visitor to sign-in and back here afterwards. */
export async function requireUser(returnTo = "/dashboard"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
  return user;
}

/** For pages: members get a 403 page; visitors are sent to sign in. */
export async function requireAdmin(returnTo = "/admin"): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (user.role !== "admin") forbidden();
  return user;
}
