import { SubmitButton } from "@/components/ui/submit-button";
import { signOutAction } from "@/lib/auth/actions";

/** Rendered only for a signed-in user, so a visitor's pages never load the form's client code. */
export function SignOutForm() {
  return (
    <form action={signOutAction}>
      <SubmitButton variant="secondary" size="sm" pendingLabel="Signing out…" className="w-full lg:w-auto">
        Sign out
      </SubmitButton>
    </form>
  );
}
