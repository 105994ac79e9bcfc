import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-classes";

export { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-classes";

export type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the single child element (e.g. a `<Link>`) with the button's props and classes. */
  asChild?: boolean;
};

export function Button({ variant = "primary", size = "md", asChild = false, className, ...props }: ButtonProps) {
  const Comp = asChild ? Slot.Root : "button";
  return <Comp className={buttonClasses(variant, size, className)} {...props} />;
}
