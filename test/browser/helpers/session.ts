/** Per-test resources that afterEach must release, so no worker or camera outlives its test. */
import type { FaceLandmarkerClient } from '../../../src/vision/landmarker-client.js';
import { openCamera, type OpenCamera } from './camera.js';
import { FaceLandmarkerClient as Client } from '../../../src/vision/landmarker-client.js';

/** The assets layout web-test-runner.config.mjs serves. */
export const ASSETS = '/fv-assets/';

let clients: FaceLandmarkerClient[] = [];
let cameras: OpenCamera[] = [];

/** Creates a client on the real assets and registers it for {@link releaseAll}. */
export async function createClient(): Promise<FaceLandmarkerClient> {
  const client = await Client.create({ assetsBase: ASSETS });
  clients.push(client);
  return client;
}

/** Opens the fake camera and registers it for {@link releaseAll}. */
export async function startCamera(): Promise<OpenCamera> {
  const camera = await openCamera();
  cameras.push(camera);
  return camera;
}

/** Closes every client and stops every camera opened since the last call. */
export function releaseAll(): void {
  for (const client of clients) client.close();
  for (const camera of cameras) camera.stop();
  clients = [];
  cameras = [];
}
