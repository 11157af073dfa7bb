/**
 * `face-verify/react`: types only. Import it once (`import type {} from 'face-verify/react'`) and
 * React 19 type-checks `<face-verify>` in JSX with no wrapper component: React 19 passes attributes
 * (`session-url`), sets properties the element has (`manifest`, `timeouts`, …) and listens for
 * `on<event-name>` props (`onface-verify-submitted`) on custom elements by itself.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { FaceVerify } from './element/face-verify.js';
import type { FaceVerifyHostProps } from './host-props.js';
import type { ConsentDetail, DeclinedDetail, DeliveryDetail, ErrorDetail, LivenessDetail, StepDetail, SubmittedDetail } from './element/events.js';

/** `<face-verify>`'s JSX props: its attributes, its object properties and its events. */
export interface FaceVerifyJsxProps extends DetailedHTMLProps<HTMLAttributes<FaceVerify>, FaceVerify>, FaceVerifyHostProps {
  'onface-verify-step'?: (event: CustomEvent<StepDetail>) => void;
  'onface-verify-consent'?: (event: CustomEvent<ConsentDetail>) => void;
  'onface-verify-declined'?: (event: CustomEvent<DeclinedDetail>) => void;
  'onface-verify-submitted'?: (event: CustomEvent<SubmittedDetail>) => void;
  'onface-verify-error'?: (event: CustomEvent<ErrorDetail>) => void;
  'onface-verify-liveness'?: (event: CustomEvent<LivenessDetail>) => void;
  'onface-verify-delivery'?: (event: CustomEvent<DeliveryDetail>) => void;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React 19 reads intrinsic elements from React.JSX.
  namespace JSX {
    interface IntrinsicElements {
      'face-verify': FaceVerifyJsxProps;
    }
  }
}
