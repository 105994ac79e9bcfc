import type { ComponentProps } from "react";
import { cn } from "./cn";

export type ContainerProps = ComponentProps<"div">;

/** The page column: centred, max-w-5xl, with mobile-first side padding. */
export function Container({ className, ...props }: ContainerProps) {
  return <div className={cn("mx-auto w-full max-w-5xl px-4 sm:px-6", className)} {...props} />;
}
