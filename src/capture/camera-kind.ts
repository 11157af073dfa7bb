/**
 * Which cameras are virtual: software that feeds the page any video it likes (a recording, a
 * deep-fake), by the label the browser reports. A signal, easily bypassed by renaming the device;
 * the picker marks such cameras so an honest person notices they picked the wrong one.
 */

/** Label fragments of common virtual cameras, lower case; matched anywhere in the label. */
const VIRTUAL_LABELS: readonly string[] = [
  'obs virtual', 'obs-camera', 'obs camera',
  'manycam',
  'virtual',
  'snap camera',
  'xsplit',
  'droidcam',
  'e2esoft', 'vcam',
  'fake_device', // Chromium's --use-fake-device-for-media-stream
  'camtwist',
  'mmhmm',
  'epoccam',
  'iriun',
  'nvidia broadcast',
];

/** Whether a camera's label names a known virtual camera. Empty labels (before permission) are not. */
export function isVirtualCamera(label: string): boolean {
  const l = label.toLowerCase();
  return l.length > 0 && VIRTUAL_LABELS.some((fragment) => l.includes(fragment));
}
