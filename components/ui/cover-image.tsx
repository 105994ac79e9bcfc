import Image from "next/image";
import { cn } from "./cn";

/**
 * An image that covers its box: uploaded reward images (already resized and cached by the app) or
 * an admin's external URL. `unoptimized` serves the URL as it is, so no image host needs configuring;
 * the box (className: size or aspect ratio) reserves the space, so nothing shifts while it loads.
 */
export function CoverImage({ src, alt, className, sizes = "(min-width: 1024px) 33vw, 100vw" }: { src: string; alt: string; className?: string; sizes?: string }) {
  return (
    <span className={cn("relative block overflow-hidden", className)}>
      <Image src={src} alt={alt} fill unoptimized sizes={sizes} className="object-cover" />
    </span>
  );
}
