/** Limits both sides must agree on: the widget records within them, the server sizes its caps by them. */

/** The bitrate the widget's recorder is capped at, in bits per second: a 5-s clip is 150–330 KB. */
export const CLIP_BITS_PER_SECOND = 500_000;

/**
 * How long after `exp` an identical retry of a stored submission is still answered: long enough for
 * a widget whose first answer was lost to try again, short enough that a copy of the stored bytes
 * (a database backup, a body-logging proxy) cannot be replayed later to collect the receipt and its
 * erasure link.
 */
export const RETRY_GRACE_MS = 10 * 60_000;
