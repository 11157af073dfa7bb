/**
 * `face-verify/vue`: types only. Import it once (`import type {} from 'face-verify/vue'`) and Vue's
 * template type-checking (vue-tsc, Volar) knows `<face-verify>`'s attributes and events. Vue itself
 * must be told the tag is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'face-verify'`.
 */
import type { DefineComponent } from 'vue';
import type { FaceVerifyHostProps } from './host-props.js';
import type { ConsentDetail, DeclinedDetail, DeliveryDetail, ErrorDetail, LivenessDetail, StepDetail, SubmittedDetail } from './element/events.js';

/** `<face-verify>`'s props in a Vue template: attributes, object properties (`:manifest`) and `@face-verify-*` listeners. */
export interface FaceVerifyVueProps extends FaceVerifyHostProps {
  onFaceVerifyStep?: (event: CustomEvent<StepDetail>) => void;
  onFaceVerifyConsent?: (event: CustomEvent<ConsentDetail>) => void;
  onFaceVerifyDeclined?: (event: CustomEvent<DeclinedDetail>) => void;
  onFaceVerifySubmitted?: (event: CustomEvent<SubmittedDetail>) => void;
  onFaceVerifyError?: (event: CustomEvent<ErrorDetail>) => void;
  onFaceVerifyLiveness?: (event: CustomEvent<LivenessDetail>) => void;
  onFaceVerifyDelivery?: (event: CustomEvent<DeliveryDetail>) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    'face-verify': DefineComponent<FaceVerifyVueProps>;
  }
}
