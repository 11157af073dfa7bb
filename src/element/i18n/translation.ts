import type { Step } from '../../flow/machine.js';
import type { ConsentManifest } from '../../shared/manifest.js';
import type { WidgetErrorCode } from '../../shared/errors.js';
import type { GuidanceIssue } from '../../vision/guidance.js';

/** Every string the element shows or announces. A locale must provide all of them. */
export interface Translation {
  stepTitle: Record<Step, string>;
  consent: {
    loading: string;
    biometricNotice: string;
    modeDescription: Record<ConsentManifest['mode'], string>;
    controller: string;
    processors: string;
    purpose: string;
    captured: string;
    retention: (days: number) => string;
    recipients: string;
    notSold: string;
    rights: string;
    policy: string;
    erasure: string;
    alternative: string;
    agreeLabel: (controller: string) => string;
    continue: string;
    decline: string;
  };
  camera: { starting: string; cancel: string; chooseCamera: string; preview: string };
  guidance: Record<GuidanceIssue, string> & { searching: string; holdStill: string };
  capture: { recording: string; lost: string };
  review: {
    intro: string;
    whatIsSent: (kb: number, type: string, seconds: number, frames: number, controller: string) => string;
    send: string;
    retake: string;
    cancel: string;
    videoLabel: string;
  };
  sending: { message: string; cancel: string };
  done: {
    thanks: string;
    receiptId: string;
    sent: string;
    sentValue: (kb: number) => string;
    hash: string;
    keptUntil: string;
    erase: string;
    eraseHint: string;
  };
  declined: {
    declined: string;
    cancelled: string;
    alternative: string;
    /** While the widget asks whether an upload cancelled mid-way had already arrived. */
    checkingCancelled: string;
    /** It had: what is kept, until when, and how to erase it now. */
    storedDespiteCancel: (controller: string) => string;
    /** The server could not be asked whether it arrived. */
    unknownCancelled: (controller: string, contact: string) => string;
  };
  error: { retry: string; cancel: string; codes: Partial<Record<WidgetErrorCode, string>>; configuration: string };
}
