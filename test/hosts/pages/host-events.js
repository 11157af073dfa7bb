// The host's own listener: what reached the page from face-verify-submitted.
document.addEventListener('face-verify-submitted', (event) => {
  document.getElementById('receipt').textContent = `receipt ${event.detail.receipt.receiptId}`;
});
