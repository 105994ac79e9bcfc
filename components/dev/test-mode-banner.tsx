export function TestModeBanner({ children }: { children?: React.ReactNode }) {
  return (
    <div className="border-b border-warning-200 bg-warning-50 px-4 py-2 text-center text-sm font-medium text-warning-900">
      TEST MODE — Cairn&apos;s offline Stripe emulator. No real money moves. {children}
    </div>
  );
}
