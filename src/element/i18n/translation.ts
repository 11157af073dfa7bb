import type { Step, TemplateProblem } from '../../flow/machine.js';
import type { ConsentManifest } from '../../shared/manifest.js';
import type { WidgetErrorCode } from '../../shared/errors.js';
import type { LivenessReasonCode } from '../../shared/liveness-decision.js';
import type { LivenessAction } from '../../shared/liveness-script.js';
import type { GuidanceIssue } from '../../vision/guidance.js';

/** Every string the element shows or announces. A locale must provide all of them. */
export interface Translation {
  stepTitle: Record<Step, string>;
  /** Embedding mode's titles where they differ: it records no video. */
  embeddingStepTitle: Pick<Record<Step, string>, 'capture' | 'review'>;
  consent: {
    loading: string;
    /** The first line of the notice, per mode: what biometric data is used and where. */
    biometricNotice: Record<ConsentManifest['mode'], string>;
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
    /** That a sealed submission waits in this browser until delivered, and for how long at most. */
    outbox: string;
    /** Shown above the notice when a submission of an earlier visit was too old to be accepted and was removed. */
    pendingExpired: string;
    alternative: string;
    agreeLabel: (controller: string) => string;
    continue: string;
    decline: string;
  };
  camera: {
    starting: string; cancel: string; chooseCamera: string; preview: string;
    /** A camera whose label is empty: "Camera 2". */
    unnamed: (n: number) => string;
    /** Marks a virtual camera (OBS, ManyCam…) in the picker, in brackets after its label. */
    virtual: string;
  };
  guidance: Record<GuidanceIssue, string> & { searching: string; holdStill: string };
  /** `checking`: embedding mode's `recording` (nothing is recorded). */
  capture: { recording: string; checking: string; lost: string };
  /** Embedding mode: why the take gave no face template, and what to do differently. */
  templateProblem: Record<TemplateProblem, string>;
  liveness: {
    /** The lead, before the first colour. */
    holdStill: string;
    /** While the colours change. */
    colours: string;
    /** Shown before the recording starts: `count` colours for about `seconds` s. */
    flashWarning: (count: number, seconds: number) => string;
    /** The offer of the path without flashes and head movements. */
    reducedOffer: string;
    reducedOn: string;
    reducedUndo: string;
    /** Each action as a prompt ("Turn your head to your left, then back"). */
    prompts: Record<LivenessAction, string>;
    /** Each action as a noun phrase for failure messages ("turn to your left"). */
    actionNames: Record<LivenessAction, string>;
    step: (index: number, total: number) => string;
    passed: string;
    passedLower: string;
    /** What to redo after a failed check, by reason. */
    failed: Record<LivenessReasonCode, string>;
    /** Asked for one movement, saw another. */
    wrongAction: (asked: string, seen: string) => string;
    /** Asked for a movement that did not come. */
    missedAction: (asked: string) => string;
    attemptsLeft: (count: number) => string;
  };
  review: {
    intro: string;
    whatIsSent: (kb: number, type: string, seconds: number, frames: number, controller: string) => string;
    send: string;
    retake: string;
    cancel: string;
    videoLabel: string;
    /** Embedding mode. */
    templateIntro: string;
    /** The crops the template was made from: shown here only. */
    cropsLabel: string;
    templateWhatIsSent: (numbers: number, frames: number, controller: string) => string;
  };
  sending: {
    message: string;
    cancel: string;
    /** A submission sealed on an earlier visit (`sealedAt` formatted) is being sent now. */
    resumed: (sealedAt: string) => string;
    /** An attempt failed; the next comes in `seconds`. */
    waiting: (seconds: number) => string;
    /** The device is offline; sending resumes by itself when it is back. */
    offline: string;
    tryNow: string;
    /** A resumed submission's Cancel (there is no review to go back to). */
    cancelResumed: string;
  };
  done: {
    thanks: string;
    receiptId: string;
    sent: string;
    sentValue: (kb: number) => string;
    /** Embedding mode's `sentValue`. */
    sentTemplate: (kb: number) => string;
    hash: string;
    keptUntil: string;
    erase: string;
    eraseHint: string;
    /** The link that saves the receipt, the consent receipt and the erasure link as a JSON file. */
    download: string;
    downloadHint: string;
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
  error: {
    retry: string;
    cancel: string;
    codes: Partial<Record<WidgetErrorCode, string>>;
    configuration: string;
    /** Shown for an error code without its own text: the server's message is never shown. */
    generic: string;
  };
}
