/** Opens the (fake) camera into a playing, muted <video>, and tears it down again. */

export interface OpenCamera {
  video: HTMLVideoElement;
  stream: MediaStream;
  /** Stops every track and removes the video element. Safe to call twice. */
  stop(): void;
}

export async function openCamera(): Promise<OpenCamera> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  try {
    await video.play();
  } catch (error) {
    stream.getTracks().forEach((track) => track.stop());
    video.remove();
    throw error;
  }
  return {
    video,
    stream,
    stop() {
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
      video.remove();
    },
  };
}
