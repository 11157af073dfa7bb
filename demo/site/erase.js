const params = new URLSearchParams(location.search);
const receipt = params.get('receipt') ?? '';
const token = params.get('token') ?? '';
document.getElementById('receipt').textContent = receipt || '(missing)';
document.getElementById('erase').addEventListener('click', async () => {
  const response = await fetch('/api/erase', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receipt, token }),
  });
  const body = await response.json();
  document.getElementById('result').textContent = response.ok
    ? 'Erased. Nothing of this face check is kept.'
    : `Not erased: ${body.error.message}`;
});
