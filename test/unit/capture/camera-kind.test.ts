import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isVirtualCamera } from '../../../src/capture/camera-kind.js';

describe('isVirtualCamera', () => {
  for (const label of [
    'OBS Virtual Camera',
    'ManyCam Virtual Webcam',
    'Snap Camera',
    'XSplit VCam',
    'DroidCam Source 3',
    'e2eSoft VCam',
    'Virtual Camera (Logi Capture)',
    'fake_device_0',
    'CamTwist',
    'NVIDIA Broadcast',
  ]) {
    it(`marks "${label}" as virtual`, () => assert.equal(isVirtualCamera(label), true));
  }

  for (const label of [
    'FaceTime HD Camera',
    'Integrated Camera (04f2:b6dd)',
    'HD Pro Webcam C920 (046d:082d)',
    'camera2 1, facing front',
    'Front Camera',
  ]) {
    it(`does not mark the physical camera "${label}"`, () => assert.equal(isVirtualCamera(label), false));
  }

  it('does not mark an empty label (the list before permission has none)', () => assert.equal(isVirtualCamera(''), false));

  it('matches regardless of case ("MANYCAM")', () => assert.equal(isVirtualCamera('MANYCAM'), true));
});
