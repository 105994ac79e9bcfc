"use client";

import type { MouseEvent } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";
import { Spinner } from "./spinner";

export type SubmitButtonProps = Omit<ButtonProps, "asChild" | "type"> & {
  /** Shown instead of the children while the form is submitting, e.g. "Saving…". */
  pendingLabel?: string;
};

/**
 * A submit button for a `<form action={…}>` that shows a spinner while the action runs.
 * While pending it is aria-disabled and swallows clicks rather than being `disabled`: a disabled button
 * drops keyboard focus to <body>, and cancelling the click also cancels Enter-key (implicit) submission,
 * so the form cannot be sent twice.
 */
export function SubmitButton({ pendingLabel, children, disabled, onClick, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();

  function handleClick(event: MouseEvent<HTMLButtonElement>) {
    if (pending) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }

  return (
    <Button
      {...props}
      type="submit"
      disabled={disabled}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      onClick={handleClick}
    >
      {pending ? (
        <>
          <Spinner />
          <span>{pendingLabel ?? children}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
