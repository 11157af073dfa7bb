import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAMERA_CHOICE_KEY, rememberCamera, rememberedCamera, type ChoiceStorage } from '../../../src/capture/camera-choice.js';

function memoryStorage(): ChoiceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

const refusing: ChoiceStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('camera choice', () => {
  it('stores the picked deviceId under face-verify:camera', () => {
    const s = memoryStorage();
    rememberCamera(s, 'back-cam');
    assert.equal(s.items.get(CAMERA_CHOICE_KEY), 'back-cam');
  });

  it('returns the remembered camera when it is still connected', () => {
    const s = memoryStorage();
    rememberCamera(s, 'back-cam');
    assert.equal(rememberedCamera(s, [{ deviceId: 'front-cam' }, { deviceId: 'back-cam' }]), 'back-cam');
  });

  it('returns null when the remembered camera is gone (unplugged), so the front camera is used', () => {
    const s = memoryStorage();
    rememberCamera(s, 'usb-cam');
    assert.equal(rememberedCamera(s, [{ deviceId: 'front-cam' }]), null);
  });

  it('returns null before permission, when the browser lists cameras with empty deviceIds', () => {
    const s = memoryStorage();
    rememberCamera(s, 'usb-cam');
    assert.equal(rememberedCamera(s, [{ deviceId: '' }]), null);
  });

  it('returns null with nothing remembered', () => {
    assert.equal(rememberedCamera(memoryStorage(), [{ deviceId: 'front-cam' }]), null);
  });

  it('never stores an empty deviceId', () => {
    const s = memoryStorage();
    rememberCamera(s, '');
    assert.equal(s.items.size, 0);
  });

  it('a storage that throws (private mode) neither throws nor remembers', () => {
    assert.doesNotThrow(() => rememberCamera(refusing, 'back-cam'));
    assert.equal(rememberedCamera(refusing, [{ deviceId: 'back-cam' }]), null);
    assert.equal(rememberedCamera(null, [{ deviceId: 'back-cam' }]), null);
  });
});
