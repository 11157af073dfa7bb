// The host page's side of the integration: listen to the widget's events, nothing more.
const fv = document.getElementById('fv');
const status = document.getElementById('fv-status');
const create = document.getElementById('create');
const form = document.getElementById('signup');
let receiptId = null;

fv.addEventListener('face-verify-submitted', (event) => {
  receiptId = event.detail.receipt.receiptId;
  status.textContent = 'Face check sent. You can finish your signup.';
  create.disabled = false;
});
fv.addEventListener('face-verify-declined', () => {
  status.innerHTML = '';
  const link = document.createElement('a');
  link.href = '/alternative';
  link.textContent = 'Verify with an identity document instead';
  status.append('No problem. ', link, '.');
});
fv.addEventListener('face-verify-error', (event) => {
  console.warn('face-verify error', event.detail.code, event.detail.message);
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  // Same-origin, with cookies: the server checks that the receipt belongs to the face-check
  // session this browser started (the HttpOnly cookie the session endpoint set).
  const response = await fetch('/api/signup', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ shop: data.get('shop'), email: data.get('email'), receiptId }),
  });
  const body = await response.json().catch(() => null);
  document.getElementById('result').textContent = response.ok
    ? `Welcome, ${body.shop}! Your seller account is being set up.`
    : body?.error?.message ?? `The server answered ${response.status}; try again.`;
  if (response.ok) create.disabled = true;
});
