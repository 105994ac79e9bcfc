import Image from "next/image";
import { cn } from "@/components/ui/cn";
import { CairnMark } from "./cairn-mark";

export type SiteBrand = {
  programName: string;
  /** The admin's logo (an upload served by the app, or an https:// link); null: the built-in mark. */
  logoSrc: string | null;
};

/**
 * The program's logo beside its name. Decorative (alt=""): the name next to it says what the link is.
 * An uploaded or linked logo keeps its own proportions at the mark's height (w-auto), capped in width.
 */
export function BrandMark({ logoSrc, className }: { logoSrc: string | null; className?: string }) {
  // className sets the height; the built-in mark is square.
  if (!logoSrc) return <CairnMark className={cn("aspect-square w-auto shrink-0 text-brand-700", className)} />;
  // `unoptimized` serves the address as it is, so no image host needs configuring (like reward images).
  return <Image src={logoSrc} alt="" width={32} height={32} unoptimized loading="eager" className={cn("w-auto max-w-24 shrink-0 object-contain sm:max-w-40", className)} />;
}
