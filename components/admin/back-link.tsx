import Link from "next/link";

/** The "← Admin" (or "← Rewards", …) line above an admin page's heading. */
export function BackLink({ href = "/admin", label = "Admin" }: { href?: string; label?: string }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-brand-700 underline-offset-2 hover:underline">
        ← {label}
      </Link>
    </p>
  );
}
