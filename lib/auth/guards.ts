import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/db/schema";
import { auth } from "./auth";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The signed-in user, read from the database session on every call (a revoked role takes effect at once). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role };
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
