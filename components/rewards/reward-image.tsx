import { cn } from "@/components/ui/cn";
import { CoverImage } from "@/components/ui/cover-image";

const KIND_ICON: Record<string, string> = {
  discount: "M9 14l6-6M9.5 8.5h.01M14.5 13.5h.01M4 7V5a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v2a3 3 0 0 0 0 6v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-2a3 3 0 0 0 0-6Z",
  product: "M21 8l-9-5-9 5 9 5 9-5Zm-18 0v8l9 5 9-5V8M12 13v8",
  service: "M12 3l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.4 6.8 19.1l1-5.8L3.5 9.2l5.9-.9L12 3Z",
  donation: "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z",
  experience: "M3 20l6-11 4 7 3-4 5 8H3Zm13-14a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z",
};

/** The reward's picture, or a calm placeholder with its kind's icon. Decorative: the title says what it is. */
export function RewardImage({ src, kind, className }: { src: string | null; kind: string; className?: string }) {
  if (src) {
    return <CoverImage src={src} alt="" className={cn("aspect-[4/3] w-full", className)} />;
  }
  return (
    <div aria-hidden="true" className={cn("flex aspect-[4/3] w-full items-center justify-center bg-brand-50 text-brand-700", className)}>
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" className="size-12">
        <path d={KIND_ICON[kind] ?? KIND_ICON.product} />
      </svg>
    </div>
  );
}
