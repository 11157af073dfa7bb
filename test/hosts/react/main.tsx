// A React 19 host: <face-verify> straight in JSX, no wrapper. React 19 passes session-url as an
// attribute and adds `onface-verify-submitted` as a listener for that event by itself.
import type {} from '../../../src/react.js';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

// The element as the host's origin serves the built package (not bundled into this page).
const element = '/face-verify/define.js';
void import(/* @vite-ignore */ element);

function Checkout() {
  const [receiptId, setReceiptId] = useState<string | null>(null);
  return (
    <main>
      <face-verify session-url="/api/face-verify/session" onface-verify-submitted={(event) => setReceiptId(event.detail.receipt.receiptId)} />
      <p id="receipt" role="status">{receiptId ? `receipt ${receiptId}` : ''}</p>
    </main>
  );
}

createRoot(document.getElementById('app')!).render(<Checkout />);
