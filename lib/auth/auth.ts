import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import Resend from "next-auth/providers/resend";
import { connectDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getBrand } from "@/lib/brand/brand";
import { sendEmail } from "@/lib/email/send-email";
import { SignInEmail } from "@/lib/email/templates/sign-in-email";
import { getEnv } from "@/lib/env";
import { awardSignup } from "@/lib/earning/award-rule";
import { customerForUser } from "@/lib/ledger/customers";
import { recordReferralAtSignIn } from "@/lib/referrals/sign-in";
import { promoteConfiguredAdmin } from "./promote-configured-admin";
import { confirmUrl, MAGIC_LINK_MAX_AGE_SECONDS } from "./magic-link";

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = getEnv();
  const database = await connectDb();
  return {
    adapter: DrizzleAdapter(database, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: env.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    providers: [
      Resend({
        // Delivery goes through sendEmail (outbox first, Resend when configured), not the provider's own fetch.
        apiKey: env.RESEND_API_KEY ?? "outbox",
        from: env.EMAIL_FROM,
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        async sendVerificationRequest({ identifier, url, token }) {
          const callbackUrl = new URL(url).searchParams.get("callbackUrl") ?? "/dashboard";
          const link = confirmUrl({ callbackUrl, token, email: identifier });
          await sendEmail({
            to: identifier,
            subject: `Your sign-in link for ${(await getBrand()).programName}`,
            template: "sign-in",
            react: SignInEmail({ url: link, email: identifier, minutes: MAGIC_LINK_MAX_AGE_SECONDS / 60 }),
          });
        },
      }),
    ],
    logger: {
      // An expired, reused or forged link is a person's mistake, shown to them on /sign-in/error: no stack needed.
      error(error) {
        if ((error as { type?: string }).type === "Verification") console.warn("[auth] refused a sign-in link that is expired, used or forged");
        else console.error("[auth]", error);
      },
    },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in/error" },
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id;
        session.user.role = user.role ?? "member";
        return session;
      },
    },
    events: {
      async signIn({ user, isNewUser }) {
        await promoteConfiguredAdmin(user.id, user.email);
        // Points earned before sign-up (store orders by email) become the member's now; the signup
        // bonus is keyed on the customer, so it is awarded once however often they sign in.
        if (user.id && user.email) {
          const customer = await customerForUser({ id: user.id, email: user.email, name: user.name });
          await awardSignup(customer.id).catch((error) => console.error("[auth] signup bonus failed", error));
          // The referral link's cookie attributes the member at their first sign-in only.
          if (isNewUser) await recordReferralAtSignIn({ id: user.id, email: user.email });
        }
      },
    },
  };
});
