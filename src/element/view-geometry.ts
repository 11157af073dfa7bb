/**
 * Viewfinder geometry, pure so it is tested in Node: the preview box's shape and size from the
 * viewport and the camera's frame, and the face oval in the frame's own pixels. The <video> is
 * shown with `object-fit: cover` and the oval's <svg> with `preserveAspectRatio="xMidYMid slice"`
 * over the same viewBox, so both crop the frame identically and the oval stays where the guidance
 * (which works in frame coordinates) expects the face.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export interface ViewfinderBox {
  /** width / height of the preview box. */
  aspect: number;
  /** The widest the box may be so its height fits the viewport's share (CSS `max-width`, px). */
  maxWidth: number;
}

/** What the camera gives before its first frame is known: the 640×480 asked for. */
export const DEFAULT_FRAME: Size = { width: 640, height: 480 };

/**
 * The oval in a 640×480 frame, as tuned against the guidance gates (a face about 0.4 of the frame
 * wide is "placed well"). Other frames scale it by their shorter side, so it keeps its proportion
 * and the face keeps the same size in pixels at the same distance.
 */
const OVAL_480 = { cyFraction: 235 / 480, rx: 130, ry: 172 };

/** Share of the viewport's height the preview may take: the message and buttons stay on screen. */
export const MAX_HEIGHT_SHARE = 0.6;
/** A portrait screen shows a portrait box (3:4) even when the camera's frame is landscape. */
export const PORTRAIT_BOX_ASPECT = 3 / 4;
/** Room kept on each side of the oval when the box crops a frame of another shape. */
const OVAL_MARGIN = 1.15;

function validSize(size: Size | null | undefined): Size {
  return size && size.width > 0 && size.height > 0 && Number.isFinite(size.width) && Number.isFinite(size.height)
    ? size
    : DEFAULT_FRAME;
}

/** The face oval in the frame's pixels (the <svg>'s viewBox is the frame). */
export function ovalIn(frame: Size): Oval {
  const { width, height } = validSize(frame);
  const scale = Math.min(width, height) / 480;
  return { cx: width / 2, cy: height * OVAL_480.cyFraction, rx: OVAL_480.rx * scale, ry: OVAL_480.ry * scale };
}

/**
 * The preview box: the frame's own shape, except that a portrait screen gets a portrait box for a
 * landscape frame (the sides are cropped, never the oval); its height never passes
 * {@link MAX_HEIGHT_SHARE} of the viewport.
 */
export function viewfinderBox(viewport: Size, frame: Size): ViewfinderBox {
  const f = validSize(frame);
  const frameAspect = f.width / f.height;
  const portraitScreen = viewport.height > viewport.width;
  let aspect = portraitScreen && frameAspect > PORTRAIT_BOX_ASPECT ? PORTRAIT_BOX_ASPECT : frameAspect;
  // Cover-cropping a wider frame shows only height × aspect of its width: keep the oval inside.
  const oval = ovalIn(f);
  const narrowest = (2 * oval.rx * OVAL_MARGIN) / f.height;
  if (aspect < frameAspect) aspect = Math.min(frameAspect, Math.max(aspect, narrowest));
  const maxWidth = Math.max(0, Math.floor(viewport.height * MAX_HEIGHT_SHARE * aspect));
  return { aspect, maxWidth };
}
