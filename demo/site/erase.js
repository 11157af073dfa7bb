// The "your data" page the erasure link opens. The link carries the receipt id and its token in the
// fragment (#receipt=…&token=…), which browsers never send: they reach the server only in the POST
// bodies below, never in a URL it would log.

// Links issued before that change carried them in the query. Move them into the fragment before
// anything else, so a reload or a copied address no longer sends them (the request that opened the
// page already did; the server never reads that query).
const query = new URLSearchParams(location.search);
if (query.has('receipt') || query.has('token')) {
  const moved = new URLSearchParams();
  for (const name of ['receipt', 'token']) {
    if (query.has(name)) moved.set(name, query.get(name));
    query.delete(name);
  }
  const rest = query.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}#${moved.toString()}`);
}

const fragment = new URLSearchParams(location.hash.slice(1));
const credentials = { receipt: fragment.get('receipt') ?? '', token: fragment.get('token') ?? '' };
const $ = (id) => document.getElementById(id);

const LIVENESS = {
  passed: 'Passed',
  'passed-lower-assurance': 'Passed on the check without flashes and head movements (lower assurance)',
  failed: 'Failed',
};

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

function kilobytes(bytes) {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function post(path) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body = await response.json();
  return { ok: response.ok, body };
}

function row(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

function showHeld(d) {
  const list = $('held');
  const template = d.mode === 'embedding';
  row(list, 'Receipt', d.receiptId);
  row(list, 'What is held', template
    ? `A sealed face template (${d.held.payloadBytes} bytes, 128 numbers made on your device; no image or video) with the numeric summary of the check: ${kilobytes(d.held.sealedBytes)} in all`
    : `A sealed video of ${kilobytes(d.held.payloadBytes)} with the numeric summary of the check: ${kilobytes(d.held.sealedBytes)} in all`);
  if (d.held.faceTemplate) row(list, 'For duplicate-account checks', 'The face template itself, compared with other seller accounts\' templates');
  row(list, 'Received', when(d.receivedAt));
  row(list, 'Kept until', `${when(d.retentionUntil)} (then erased automatically)`);
  row(list, 'You agreed to', `Notice version ${d.consent.noticeVersion}, on ${when(d.consent.agreedAt)}`);
  row(list, 'Purpose', d.consent.purpose);
  row(list, 'Liveness check', LIVENESS[d.liveness.level] ?? d.liveness.level);
  if (d.duplicateMatch) {
    row(list, 'Duplicate-account check', d.duplicateMatch.matched
      ? `Your template matches another seller account's (checked ${when(d.duplicateMatch.checkedAt)}); a person reviews such matches`
      : `No other seller account matches (checked ${when(d.duplicateMatch.checkedAt)})`);
  }
  list.classList.remove('hidden');
  $('held-note').classList.remove('hidden');
  $('held-status').textContent = '';
}

const REMOVED = {
  'sealed-payload': (mode) => (mode === 'embedding' ? 'the sealed face template and the numeric summary of the check' : 'the sealed video and the numeric summary of the check'),
  'face-template': () => 'the face template used for duplicate-account checks (and its search-index entry)',
  'consent-receipt': () => 'the record of your consent',
  'submission-record': () => 'the receipt record (when it arrived, sizes, fingerprints, the liveness decision)',
};

function showErased(s) {
  $('result').textContent = 'Erased, and your consent is withdrawn. We deleted:';
  const list = $('removed');
  for (const part of s.removed) {
    const item = document.createElement('li');
    item.textContent = REMOVED[part]?.(s.mode) ?? part;
    list.append(item);
  }
  if (s.auditLinesUnlinked > 0) {
    const item = document.createElement('li');
    item.textContent = `your receipt number from ${s.auditLinesUnlinked} line(s) of our staff access log (the lines still record that staff looked, and when)`;
    list.append(item);
  }
  list.classList.remove('hidden');
  if (s.nonceKeptUntil) {
    $('kept').textContent = `Kept until ${when(s.nonceKeptUntil)}: one random number from the check, so the erased data cannot be sent again. It says nothing about you.`;
    $('kept').classList.remove('hidden');
  }
  $('held').replaceChildren();
  $('held').classList.add('hidden');
  $('held-note').classList.add('hidden');
  $('held-status').textContent = 'Nothing from this face check is held any more.';
  $('erase').disabled = true;
}

$('erase').addEventListener('click', async () => {
  $('erase').disabled = true;
  const { ok, body } = await post('/api/erase');
  if (ok) showErased(body);
  else {
    $('result').textContent = `Not erased: ${body.error.message}`;
    $('erase').disabled = false;
  }
});

$('receipt').textContent = credentials.receipt || '(missing)';
if (!credentials.receipt || !credentials.token) {
  $('missing').classList.remove('hidden');
  $('held-section').classList.add('hidden');
  $('erase').disabled = true;
} else {
  const held = await post('/api/your-data');
  if (held.ok) showHeld(held.body);
  else $('held-status').textContent = `Not found: ${held.body.error.message}`;
}
