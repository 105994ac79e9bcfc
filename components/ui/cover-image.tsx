import { getImageProps } from "next/image";
import { cn } from "./cn";

/**
 * An image that covers its box: uploaded reward images (already resized and cached by the app) or
 * an admin's external URL. `unoptimized` serves the URL as it is, so no image host needs configuring;
 * the box (className: size or aspect ratio) reserves the space, so nothing shifts while it loads.
 *
 * getImageProps computes the attributes <Image> renders (lazy loading, async decoding, the fill
 * styles) without its client component: an unoptimized image needs no script, and <Image>'s was the
 * largest piece of JavaScript on the public catalog (decision 0012). In a <picture>, as Next's docs
 * use it.
 */
export function CoverImage({ src, alt, className, sizes = "(min-width: 1024px) 33vw, 100vw" }: { src: string; alt: string; className?: string; sizes?: string }) {
  const { props } = getImageProps({ src, alt, fill: true, unoptimized: true, sizes, className: "object-cover" });
  return (
    <span className={cn("relative block overflow-hidden", className)}>
      <picture>
        <img {...props} alt={alt} />
      </picture>
    </span>
  );
}
