const key = new URLSearchParams(location.search).get('key') ?? '';
const rows = document.getElementById('rows');
const error = document.getElementById('error');

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function openClip(id) {
  const response = await fetch(`/api/operator/submissions/${id}/clip?key=${encodeURIComponent(key)}`);
  if (!response.ok) {
    error.textContent = (await response.json()).error.message;
    return;
  }
  const blob = await response.blob();
  const video = document.getElementById('video');
  if (video.src) URL.revokeObjectURL(video.src);
  video.src = URL.createObjectURL(blob);
  document.getElementById('hash').textContent = response.headers.get('x-payload-sha256');
  document.getElementById('player').classList.remove('hidden');
}

async function load() {
  const response = await fetch(`/api/operator/submissions?key=${encodeURIComponent(key)}`);
  const body = await response.json();
  if (!response.ok) {
    error.textContent = body.error.message;
    return;
  }
  rows.replaceChildren();
  if (body.length === 0) {
    const tr = document.createElement('tr');
    tr.append(cell('No submissions yet.'));
    rows.append(tr);
  }
  for (const s of body) {
    const tr = document.createElement('tr');
    tr.dataset.id = s.id;
    const button = document.createElement('button');
    button.textContent = 'Open clip';
    button.addEventListener('click', () => openClip(s.id));
    const action = document.createElement('td');
    action.append(button);
    tr.append(
      cell(new Date(s.receivedAt).toLocaleString()),
      cell(s.receiptId),
      cell(`${s.mimeType}, ${Math.round(s.payloadBytes / 1024)} KB`),
      cell(String(s.capture.traceFrames)),
      cell(new Date(s.retentionUntil).toLocaleDateString()),
      action,
    );
    rows.append(tr);
  }
}

load();
