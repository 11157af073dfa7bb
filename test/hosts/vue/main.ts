// A Vue 3 host: <face-verify> straight in a render function, no wrapper. A render function, not a
// template string: compiling templates in the page needs 'unsafe-eval', which the host's CSP refuses.
// Vue turns `onFaceVerifySubmitted` into a listener for face-verify-submitted.
import type {} from '../../../src/vue.js';
import type { SubmittedDetail } from '../../../src/element/events.js';
import { createApp, defineComponent, h, ref } from 'vue';

// The element as the host's origin serves the built package (not bundled into this page).
const element = '/face-verify/define.js';
void import(/* @vite-ignore */ element);

const Checkout = defineComponent(() => {
  const receiptId = ref<string | null>(null);
  return () =>
    h('main', [
      h('face-verify', {
        'session-url': '/api/face-verify/session',
        onFaceVerifySubmitted: (event: CustomEvent<SubmittedDetail>) => (receiptId.value = event.detail.receipt.receiptId),
      }),
      h('p', { id: 'receipt', role: 'status' }, receiptId.value ? `receipt ${receiptId.value}` : ''),
    ]);
});

createApp(Checkout).mount('#app');
