/** Limits both sides must agree on: the widget records within them, the server sizes its caps by them. */

/** The bitrate the widget's recorder is capped at, in bits per second: a 5-s clip is 150–330 KB. */
export const CLIP_BITS_PER_SECOND = 500_000;
