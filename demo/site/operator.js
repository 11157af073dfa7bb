// The operator page: sign in with the key (the server answers with an HttpOnly session cookie),
// then list submissions, play clips and list a face template's look-alike accounts. Every request is same-origin and carries the cookie; the
// key itself is sent once, in the sign-in body, and never put in a URL.
const rows = document.getElementById('rows');
const error = document.getElementById('error');
const loginForm = document.getElementById('login');
const logoutForm = document.getElementById('logout');
const review = document.getElementById('review');

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function show(signedIn) {
  loginForm.classList.toggle('hidden', signedIn);
  review.classList.toggle('hidden', !signedIn);
}

async function messageOf(response) {
  try {
    return (await response.json()).error.message;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

function openClip(submission) {
  // A same-origin URL: the browser sends the session cookie with the media request, and the
  // server writes the audit line before it sends the clip.
  const video = document.getElementById('video');
  video.src = `/api/operator/submissions/${encodeURIComponent(submission.id)}/clip`;
  document.getElementById('hash').textContent = submission.payloadSha256;
  document.getElementById('player').classList.remove('hidden');
}

async function openLookalikes(submission) {
  const section = document.getElementById('lookalikes');
  const summary = document.getElementById('lookalikes-summary');
  const list = document.getElementById('lookalike-rows');
  document.getElementById('lookalikes-of').textContent = submission.receiptId;
  list.replaceChildren();
  summary.textContent = 'Searching…';
  section.classList.remove('hidden');
  const response = await fetch(`/api/operator/submissions/${encodeURIComponent(submission.id)}/matches`, { credentials: 'same-origin' });
  if (!response.ok) {
    summary.textContent = await messageOf(response);
    return;
  }
  const { threshold, matches } = await response.json();
  summary.textContent = matches.length === 0
    ? `No other account's template is within the match threshold (${threshold}).`
    : `${matches.length} other account(s) within the match threshold (${threshold}), nearest first:`;
  for (const m of matches) {
    const tr = document.createElement('tr');
    tr.append(cell(m.receiptId), cell(m.distance.toFixed(3)));
    list.append(tr);
  }
}

function matchesOf(s) {
  if (s.mode !== 'embedding') return '—';
  if (s.lookalikes.length === 0) return 'No';
  const [nearest] = s.lookalikes;
  return `Yes, ${s.lookalikes.length}: nearest ${nearest.receiptId} at ${nearest.distance.toFixed(3)}`;
}

function sentOf(s) {
  return s.mode === 'embedding' ? `Face template, ${s.payloadBytes} bytes (no image)` : `Clip: ${s.mimeType}, ${Math.round(s.payloadBytes / 1024)} KB, ${s.capture.frames} frames`;
}

async function load() {
  const response = await fetch('/api/operator/submissions', { credentials: 'same-origin' });
  if (response.status === 401) {
    show(false);
    return;
  }
  if (!response.ok) {
    error.textContent = await messageOf(response);
    return;
  }
  const body = await response.json();
  show(true);
  rows.replaceChildren();
  if (body.length === 0) {
    const tr = document.createElement('tr');
    tr.append(cell('No submissions yet.'));
    rows.append(tr);
  }
  for (const s of body) {
    const tr = document.createElement('tr');
    tr.dataset.id = s.id;
    tr.dataset.mode = s.mode;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = s.mode === 'embedding' ? 'Look-alikes' : 'Open clip';
    button.addEventListener('click', () => (s.mode === 'embedding' ? openLookalikes(s) : openClip(s)));
    const action = document.createElement('td');
    action.append(button);
    const flags = s.liveness.flags.length ? ` (flagged: ${s.liveness.flags.join(', ')})` : '';
    tr.append(
      cell(new Date(s.receivedAt).toLocaleString()),
      cell(s.receiptId),
      cell(sentOf(s)),
      cell(`${s.liveness.level}${flags}`),
      cell(matchesOf(s)),
      cell(new Date(s.retentionUntil).toLocaleDateString()),
      action,
    );
    rows.append(tr);
  }
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const key = new FormData(loginForm).get('key');
  const response = await fetch('/operator/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  loginForm.reset();
  if (!response.ok) {
    error.textContent = await messageOf(response);
    return;
  }
  await load();
});

logoutForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  await fetch('/operator/logout', { method: 'POST', credentials: 'same-origin' });
  const video = document.getElementById('video');
  video.removeAttribute('src');
  video.load();
  document.getElementById('player').classList.add('hidden');
  document.getElementById('lookalikes').classList.add('hidden');
  document.getElementById('lookalike-rows').replaceChildren();
  rows.replaceChildren();
  show(false);
});

if (location.hash === '#login-failed') {
  error.textContent = 'That is not the operator key.';
  history.replaceState(null, '', location.pathname);
}
load();
