// Compiled by test/unit/hosts/host-types.test.ts: <face-verify>'s props as Vue's GlobalComponents
// gives them to template type-checking; each @ts-expect-error fails the compile if the mistake is accepted.
import type { GlobalComponents } from 'vue';
import type {} from '../../../src/define.js';
import type {} from '../../../src/vue.js';

type Props = InstanceType<GlobalComponents['face-verify']>['$props'];

export const ok: Props = {
  'session-url': '/api/face-verify/session',
  'max-attempts': 5,
  onFaceVerifySubmitted: (event) => console.log(event.detail.receipt.receiptId),
};
// @ts-expect-error session-url is required
export const missingSession: Props = { 'max-attempts': 2 };
// @ts-expect-error max-attempts is a number
export const wrongAttempts: Props = { 'session-url': '/s', 'max-attempts': true };
// @ts-expect-error the error event's detail has a code, not a status
export const wrongDetail: Props = { 'session-url': '/s', onFaceVerifyError: (event) => event.detail.status };
// The global event map types addEventListener's detail on the element itself.
document.querySelector('face-verify')?.addEventListener('face-verify-submitted', (event) => event.detail.receipt.receiptId);
