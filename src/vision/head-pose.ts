/**
 * Head pose from MediaPipe's facial transformation matrix.
 *
 * The matrix maps the canonical face model into MediaPipe's metric camera space: right-handed,
 * x towards the right of the raw (unmirrored) image, y up, z towards the viewer, camera at the origin
 * looking down -z. The canonical face looks along +z, so for a frontal face the rotation part is
 * close to the identity. We read the rotation as R = Ry(yaw) · Rx(pitch) · Rz(roll):
 *   - yaw   (about y): > 0 when the nose points to image right, i.e. the person turns to their OWN
 *     LEFT (the camera sees them mirrored-left-right relative to their own body);
 *   - pitch (about x): > 0 when the nose points down (looking down), < 0 when looking up;
 *   - roll  (about z): > 0 when the head tilts counter-clockwise in the raw image, i.e. the top of
 *     the head moves towards the person's own right shoulder.
 * These are the signs ../shared/media/PROVENANCE.md measured the test clips with.
 */

/** Head pose in degrees; see the module comment for the signs. */
export interface HeadPose {
  yaw: number;
  pitch: number;
  roll: number;
}

const DEG = 180 / Math.PI;

/**
 * Converts a 4×4 column-major transformation matrix (`Matrix.data` from MediaPipe) to yaw/pitch/roll.
 * Columns are normalised first, because the pose solver may leave a uniform scale in the matrix.
 * Returns null when the matrix is missing, short, not finite or degenerate.
 */
export function headPoseFromMatrix(data: ArrayLike<number> | null | undefined): HeadPose | null {
  if (!data || data.length < 16) return null;
  // r(row, col) in column-major storage is data[col * 4 + row].
  const col = (c: number): [number, number, number] => [data[c * 4]!, data[c * 4 + 1]!, data[c * 4 + 2]!];
  const cols = [col(0), col(1), col(2)].map((v) => {
    const n = Math.hypot(v[0], v[1], v[2]);
    return n > 1e-9 && Number.isFinite(n) ? [v[0] / n, v[1] / n, v[2] / n] : null;
  });
  if (cols.some((c) => c === null)) return null;
  const [c0, c1, c2] = cols as [number[], number[], number[]];
  const r = (row: number, column: number): number => [c0, c1, c2][column]![row]!;

  // For R = Ry(y)·Rx(p)·Rz(r): third column = (sin y cos p, -sin p, cos y cos p);
  // second row = (cos p sin r, cos p cos r, -sin p).
  const pitch = Math.asin(Math.max(-1, Math.min(1, -r(1, 2))));
  let yaw: number;
  let roll: number;
  if (Math.abs(r(1, 2)) < 1 - 1e-6) {
    yaw = Math.atan2(r(0, 2), r(2, 2));
    roll = Math.atan2(r(1, 0), r(1, 1));
  } else {
    // Gimbal lock (looking straight up or down): yaw and roll share one axis; put it all in yaw.
    yaw = Math.atan2(-r(2, 0), r(0, 0));
    roll = 0;
  }
  const pose = { yaw: yaw * DEG, pitch: pitch * DEG, roll: roll * DEG };
  return Number.isFinite(pose.yaw) && Number.isFinite(pose.pitch) && Number.isFinite(pose.roll) ? pose : null;
}

/**
 * Builds the 4×4 column-major matrix for a pose (and optional translation). The inverse of
 * {@link headPoseFromMatrix}; used by tests and tools to make synthetic poses.
 */
export function matrixFromHeadPose(pose: HeadPose, translation: [number, number, number] = [0, 0, -36]): number[] {
  const [y, p, r] = [pose.yaw / DEG, pose.pitch / DEG, pose.roll / DEG];
  const ry = [
    [Math.cos(y), 0, Math.sin(y)],
    [0, 1, 0],
    [-Math.sin(y), 0, Math.cos(y)],
  ];
  const rx = [
    [1, 0, 0],
    [0, Math.cos(p), -Math.sin(p)],
    [0, Math.sin(p), Math.cos(p)],
  ];
  const rz = [
    [Math.cos(r), -Math.sin(r), 0],
    [Math.sin(r), Math.cos(r), 0],
    [0, 0, 1],
  ];
  const m = multiply(multiply(ry, rx), rz);
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 3; c++) for (let row = 0; row < 3; row++) out[c * 4 + row] = m[row]![c]!;
  out[12] = translation[0];
  out[13] = translation[1];
  out[14] = translation[2];
  out[15] = 1;
  return out;
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, c) => row.reduce((sum, v, k) => sum + v * b[k]![c]!, 0)));
}
