import Link from "next/link";
import type { ReactNode } from "react";
import { PlanCard } from "@/components/billing/pricing-view";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Container } from "@/components/ui/container";
import { earnRateLabel, pointValueLabel } from "@/lib/brand/point-value";
import type { ProgramFacts } from "@/lib/brand/program-facts";
import { offerForFriend, offerForYou, type RefereeOffer } from "@/lib/referrals/offer";

// The landing page's promises (name, earn rate, point value, tier names, referral discount, plans) come from
// the program settings admins edit (lib/brand/program-facts.ts), so it never advertises a rate the
// program stopped paying. It reads no session: a visitor gets it from its static copy (app/visitor),
// re-rendered when those settings change (lib/site/refresh-visitor-pages.ts), a member with their own
// header (app/page.tsx).

type Step = { title: string; body: string; icon: ReactNode };

const iconProps = {
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 1.75,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
  className: "size-5",
} as const;

function stepsFor(
  lowestTier: string,
  earnRate: string | null,
  pointValue: string | null,
  offer: RefereeOffer,
): Step[] {
  const forFriend = offerForFriend(offer);
  return [
    {
      title: "Join",
      body: `Sign up free with just your email address — no password, no card. You start at ${lowestTier} straight away.`,
      icon: (
        <svg {...iconProps}>
          <circle cx="9" cy="8" r="3.5" />
          <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
          <path d="M18 8v6M15 11h6" />
        </svg>
      ),
    },
    {
      title: "Earn",
      body: `${earnRate ? `Get ${earnRate} you spend` : "Earn points on what you buy"}, in store or online. Higher tiers and paid memberships earn even faster.`,
      icon: (
        <svg {...iconProps}>
          <ellipse cx="12" cy="6" rx="7" ry="3" />
          <path d="M5 6v6c0 1.66 3.13 3 7 3s7-1.34 7-3V6" />
          <path d="M5 12v6c0 1.66 3.13 3 7 3s7-1.34 7-3v-6" />
        </svg>
      ),
    },
    {
      title: "Redeem",
      body: `Spend points on rewards, discounts and bookable experiences — classes, trips, behind-the-scenes tours.${pointValue ? ` ${pointValue}.` : ""}`,
      icon: (
        <svg {...iconProps}>
          <rect x="3" y="8" width="18" height="4" rx="1" />
          <path d="M5 12v8h14v-8M12 8v12" />
          <path d="M12 8c-1.5-3-5-3.5-5-1.25S10 8 12 8Zm0 0c1.5-3 5-3.5 5-1.25S14 8 12 8Z" />
        </svg>
      ),
    },
    {
      title: "Refer",
      body: `Share your link: ${forFriend ? `your friend gets ${forFriend}, and ` : ""}you get points when they buy it.`,
      icon: (
        <svg {...iconProps}>
          <circle cx="18" cy="5" r="2.5" />
          <circle cx="6" cy="12" r="2.5" />
          <circle cx="18" cy="19" r="2.5" />
          <path d="m8.2 10.9 7.6-4.3M8.2 13.1l7.6 4.3" />
        </svg>
      ),
    },
  ];
}

const tiers = [
  {
    id: "bronze",
    name: "Bronze",
    swatch: "bg-tier-bronze",
    text: "Where every member starts, with points from your very first purchase.",
  },
  {
    id: "silver",
    name: "Silver",
    swatch: "bg-tier-silver",
    text: "Reached as your points add up — and every dollar earns a little more.",
  },
  {
    id: "gold",
    name: "Gold",
    swatch: "bg-tier-gold",
    text: "A bigger points boost, so rewards and experiences come round sooner.",
  },
  {
    id: "platinum",
    name: "Platinum",
    swatch: "bg-tier-platinum",
    text: "Our top tier: the most points on everything you buy.",
  },
] as const;


/** Four stones in the tier colours: the program in one picture. */
function TierCairn({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 240 240" aria-hidden="true" focusable="false" className={className}>
      <ellipse cx="120" cy="222" rx="100" ry="10" fill="var(--color-neutral-200)" />
      <ellipse cx="120" cy="190" rx="92" ry="30" fill="var(--color-tier-bronze)" />
      <ellipse cx="120" cy="136" rx="70" ry="25" fill="var(--color-tier-silver)" />
      <ellipse cx="120" cy="91" rx="50" ry="20" fill="var(--color-tier-gold)" />
      <ellipse cx="120" cy="55" rx="32" ry="15" fill="var(--color-tier-platinum)" />
    </svg>
  );
}

/** The tiers as the admin named them; the built-in names if a tier is missing. */
/** A landing section's heading and its one-line lead. */
function SectionHeading({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <>
      <h2 id={id} className="text-2xl font-semibold tracking-tight text-neutral-900 sm:text-3xl">
        {title}
      </h2>
      <p className="mt-3 max-w-2xl text-pretty text-neutral-700">{children}</p>
    </>
  );
}

function tiersFor(facts: ProgramFacts) {
  return tiers.map((tier) => ({ ...tier, name: facts.tierNames[tier.id] ?? tier.name }));
}

export function Landing({ facts }: { facts: ProgramFacts }) {
  const { programName, currency, pointValueCents } = facts.brand;
  const earnRate = earnRateLabel(facts.purchasePoints, currency);
  const ladder = tiersFor(facts);
  const steps = stepsFor(
    ladder[0].name,
    earnRate,
    pointValueLabel(pointValueCents, currency),
    facts.referralOffer,
  );
  const forYou = offerForYou(facts.referralOffer);
  // "Lifetime, Plus monthly or Plus annual": the paid plans on sale, by name.
  const paidPlans = new Intl.ListFormat("en-US", { type: "disjunction" }).format(facts.plans.filter((p) => p.kind !== "free").map((p) => p.name));
  return (
    <>
      <section aria-labelledby="hero-title" className="border-b border-neutral-200 bg-white">
        <Container className="grid items-center gap-10 py-14 sm:py-20 md:grid-cols-[1fr_auto] md:gap-16">
          <div className="max-w-2xl">
            <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
              The {programName} loyalty program
            </p>
            <h1
              id="hero-title"
              className="mt-3 text-3xl font-semibold tracking-tight text-balance text-neutral-900 sm:text-5xl"
            >
              Earn points. Unlock rewards and real experiences.
            </h1>
            <p className="mt-5 text-lg text-pretty text-neutral-700">
              Join free, earn points on every purchase, redeem them for rewards and real experiences, and invite
              friends.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Link href="/sign-in" className={buttonClasses("primary", "lg")}>
                Join free
              </Link>
              <a href="#how-it-works" className={buttonClasses("secondary", "lg")}>
                How it works
              </a>
            </div>
            <p className="mt-4 text-sm text-neutral-600">Free to join — all you need is an email address.</p>
          </div>
          <TierCairn className="hidden w-56 md:block lg:w-64" />
        </Container>
      </section>

      <section id="how-it-works" aria-labelledby="how-title" className="scroll-mt-4 py-16 sm:py-20">
        <Container>
          <SectionHeading id="how-title" title="How it works">
            Four steps, from your first purchase to your first trip.
          </SectionHeading>
          <ol className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {steps.map((step, index) => (
              <li key={step.title} className="rounded-lg border border-neutral-200 bg-white p-6 shadow-xs">
                <div className="flex items-center gap-3">
                  <span className="inline-flex size-10 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
                    {step.icon}
                  </span>
                  <span className="text-sm font-medium text-neutral-600">Step {index + 1}</span>
                </div>
                <h3 className="mt-4 text-lg font-semibold text-neutral-900">{step.title}</h3>
                <p className="mt-2 text-pretty text-neutral-700">{step.body}</p>
              </li>
            ))}
          </ol>
        </Container>
      </section>

      <section aria-labelledby="tiers-title" className="border-y border-neutral-200 bg-white py-16 sm:py-20">
        <Container>
          <SectionHeading id="tiers-title" title={`Climb from ${ladder[0].name} to ${ladder[ladder.length - 1].name}`}>
            Your tier rises as you earn, and each tier earns more points on every dollar.
          </SectionHeading>
          <div aria-hidden="true" className="mt-10 hidden h-2 overflow-hidden rounded-full lg:flex">
            {ladder.map((tier) => (
              <span key={tier.id} className={cn("flex-1", tier.swatch)} />
            ))}
          </div>
          <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {ladder.map((tier) => (
              <li key={tier.id} className="rounded-lg border border-neutral-200 p-5">
                <h3 className="flex items-center gap-2 text-base font-semibold text-neutral-900">
                  <span aria-hidden="true" className={cn("size-3 rounded-full", tier.swatch)} />
                  {tier.name}
                </h3>
                <p className="mt-2 text-sm text-pretty text-neutral-700">{tier.text}</p>
              </li>
            ))}
          </ol>
        </Container>
      </section>

      <section aria-labelledby="memberships-title" className="py-16 sm:py-20">
        <Container>
          <SectionHeading id="memberships-title" title="Memberships">
            Start free. When you want to earn faster, choose a paid membership that suits you.
          </SectionHeading>
          <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {facts.plans.map((plan) => (
              <li key={plan.id} className="flex">
                <PlanCard plan={plan} facts={facts} />
              </li>
            ))}
          </ul>
          <div className="mt-8 flex flex-col gap-4 rounded-lg border border-brand-200 bg-brand-50 p-6 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-pretty text-brand-900">
              Start free with your email{paidPlans ? `, then choose ${paidPlans} from your account whenever you like` : ""}.
              {forYou ? ` Joining through a friend's link? You get ${forYou}.` : ""}
            </p>
            <Link href="/sign-in" className={buttonClasses("primary", "lg", "shrink-0")}>
              Join free
            </Link>
          </div>
        </Container>
      </section>

      <section aria-labelledby="cta-title" className="bg-brand-800 py-14 text-white sm:py-16">
        <Container className="flex flex-col items-start gap-6 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 id="cta-title" className="text-2xl font-semibold tracking-tight">
              Ready to start earning?
            </h2>
            <p className="mt-2 text-brand-100">It takes a minute, and your first points are one purchase away.</p>
          </div>
          {/* On the dark band the default brand focus ring would vanish, so this one is white. */}
          <Link
            href="/sign-in"
            className={buttonClasses("secondary", "lg", "border-white focus-visible:outline-white w-full sm:w-auto")}
          >
            Join free
          </Link>
        </Container>
      </section>
    </>
  );
}
