"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { checkInAction } from "@/lib/rewards/operations-actions";
import { CheckinResultPanel } from "./checkin-result";

/** The Shape Detection API is not in TypeScript's DOM types yet; only what is used here. */
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = { new (options?: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats?: () => Promise<string[]> };

const detectorClass = (): BarcodeDetectorClass | null => (typeof window !== "undefined" && "BarcodeDetector" in window ? (window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector : null);
const noSubscribe = () => () => {};

/** A QR code may hold the bare code or a link ending in it (…/tickets/7KQ4XM2P or ?code=…). */
function codeFromScan(raw: string): string {
  try {
    const url = new URL(raw);
    return url.searchParams.get("code") ?? url.pathname.split("/").filter(Boolean).pop() ?? raw;
  } catch {
    return raw;
  }
}

/**
 * Check-in at the door, made for a phone: type the code, or scan it with the camera where the browser
 * has BarcodeDetector (feature-detected; elsewhere typing is the way, and the page says so).
 */
export function CheckinScanner({ action }: { action: typeof checkInAction }) {
  const [state, formAction] = useActionState(action, null);
  const canScan = useSyncExternalStore(noSubscribe, () => detectorClass() !== null, () => false);
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After each answer the field is emptied and focused again, ready for the next person in line.
  useEffect(() => {
    if (!state) return;
    formRef.current?.reset();
    inputRef.current?.focus();
  }, [state]);

  useEffect(() => {
    if (!scanning) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    (async () => {
      try {
        const supported = (await Detector.getSupportedFormats?.()) ?? ["qr_code"];
        const detector = new Detector({ formats: ["qr_code", "code_128", "code_39"].filter((f) => supported.includes(f)) });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped || !videoRef.current) return stop();
        videoRef.current.srcObject = stream;
        await videoRef.current.play();
        const tick = async () => {
          if (stopped || !videoRef.current) return;
          const found = await detector.detect(videoRef.current).catch(() => []);
          if (found[0]?.rawValue) {
            // Submitted through the form, so a scan and a typed code take the same path.
            if (inputRef.current) inputRef.current.value = codeFromScan(found[0].rawValue);
            setScanning(false);
            formRef.current?.requestSubmit();
            return;
          }
          timer = setTimeout(tick, 200);
        };
        void tick();
      } catch (error) {
        setCameraError(error instanceof Error && error.name === "NotAllowedError" ? "Camera permission was refused: type the code instead." : "The camera couldn't start: type the code instead.");
        setScanning(false);
      }
    })();
    return stop;
  }, [scanning]);

  const failure = state && !state.ok ? state : null;
  return (
    <div className="space-y-5">
      <form ref={formRef} action={formAction} className="space-y-3" autoComplete="off">
        <Field label="Ticket code" name="code" hint="Upper or lower case; spaces don't matter." error={failure?.fieldErrors?.code?.[0]}>
          <Input ref={inputRef} autoFocus autoCapitalize="characters" autoCorrect="off" spellCheck={false} inputMode="text" className="font-mono text-lg tracking-widest" placeholder="7KQ4 XM2P" />
        </Field>
        <div className="flex flex-wrap gap-3">
          <SubmitButton size="lg" pendingLabel="Checking…">
            Check in
          </SubmitButton>
          {canScan ? (
            <Button type="button" size="lg" variant="secondary" onClick={() => {
                setCameraError(null);
                setScanning((on) => !on);
              }} aria-pressed={scanning}>
              {scanning ? "Stop camera" : "Scan with camera"}
            </Button>
          ) : null}
        </div>
        {!canScan ? <p className="text-sm text-neutral-600">Scanning with the camera isn&apos;t available in this browser: type the code printed under the QR code.</p> : null}
      </form>
      {scanning ? (
        <div className="overflow-hidden rounded-lg border border-neutral-300 bg-black">
          <video ref={videoRef} className="aspect-[4/3] w-full object-cover" muted playsInline aria-label="Camera view: point it at the ticket's QR code" />
        </div>
      ) : null}
      {cameraError ? <Alert tone="warning">{cameraError}</Alert> : null}
      {failure && !failure.fieldErrors?.code ? <Alert tone="error">{failure.error}</Alert> : null}
      <div aria-live="polite">{state?.ok ? <CheckinResultPanel result={state.data} /> : null}</div>
    </div>
  );
}
