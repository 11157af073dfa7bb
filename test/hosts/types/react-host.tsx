// Compiled by test/unit/hosts/host-types.test.ts: how a React 19 host writes <face-verify>, and
// mistakes the types must catch (each @ts-expect-error fails the compile if the mistake is accepted).
import type {} from '../../../src/react.js';

export function Verified({ onReceipt }: { onReceipt: (id: string) => void }) {
  return (
    <face-verify
      session-url="/api/face-verify/session"
      max-attempts={5}
      timeouts={{ uploadMs: 90_000 }}
      onface-verify-submitted={(event) => onReceipt(event.detail.receipt.receiptId)}
      onface-verify-error={(event) => console.warn(event.detail.code)}
    />
  );
}

// @ts-expect-error session-url is required
export const missingSession = <face-verify />;
// @ts-expect-error max-attempts is a number, not a boolean
export const wrongAttempts = <face-verify session-url="/s" max-attempts={true} />;
// @ts-expect-error delegate is "cpu" or "gpu"
export const wrongDelegate = <face-verify session-url="/s" delegate="npu" />;
// @ts-expect-error the submitted event's detail has a receipt, not an id
export const wrongDetail = <face-verify session-url="/s" onface-verify-submitted={(e) => e.detail.id} />;
