/**
 * The camera the person picked, remembered for their next visit. Only a choice made in the picker
 * is stored — the picker is shown after consent, so nothing is written before it — under the
 * browser's deviceId, which is already scoped to the host's origin and reset with its site data.
 * A remembered camera is used only while it is still connected; otherwise the front camera is.
 */

/** The localStorage key. */
export const CAMERA_CHOICE_KEY = 'face-verify:camera';

/** The part of `Storage` used; localStorage can be missing or throw (private modes, sandboxed frames). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Stores `deviceId` as the person's camera. A storage that refuses is ignored: the choice is a convenience. */
export function rememberCamera(storage: ChoiceStorage | null, deviceId: string): void {
  if (!deviceId) return;
  try {
    storage?.setItem(CAMERA_CHOICE_KEY, deviceId);
  } catch {
    // Quota or privacy mode: the person picks again next time.
  }
}

/** The remembered camera if it is among `cameras` (the video inputs now connected), else null. */
export function rememberedCamera(storage: ChoiceStorage | null, cameras: readonly Pick<MediaDeviceInfo, 'deviceId'>[]): string | null {
  let id: string | null = null;
  try {
    id = storage?.getItem(CAMERA_CHOICE_KEY) ?? null;
  } catch {
    return null;
  }
  return id && cameras.some((c) => c.deviceId === id) ? id : null;
}

/** The page's localStorage, or null where reading it throws. */
export function pageStorage(): ChoiceStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
