import { getImageProps } from "next/image";
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
 *
 * Through getImageProps, like reward images (components/ui/cover-image.tsx): what <Image> renders
 * without its client component, which would otherwise be loaded on every page (decision 0012).
 */
export function BrandMark({ logoSrc, className }: { logoSrc: string | null; className?: string }) {
  // className sets the height; the built-in mark is square.
  if (!logoSrc) return <CairnMark className={cn("aspect-square w-auto shrink-0 text-brand-700", className)} />;
  // `unoptimized` serves the address as it is, so no image host needs configuring (like reward images).
  const { props } = getImageProps({ src: logoSrc, alt: "", width: 32, height: 32, unoptimized: true, loading: "eager", className: cn("w-auto max-w-24 shrink-0 object-contain sm:max-w-40", className) });
  // `contents`: the <img> stays the flex item it was, beside the name.
  return (
    <picture className="contents">
      <img {...props} alt="" />
    </picture>
  );
}
