/**
 * When two unit face templates are taken to be one person: Euclidean distance at or under
 * DEFAULT_MATCH_THRESHOLD (0…2; dlib's own 0.6 is on its raw descriptors, whose length is about
 * 1.4, so it reads about 0.42 here).
 *
 * Set from the spread of `npm run eval:embedding` on the shared photos (one photo per template;
 * a live capture averages several frames and is tighter): one person's photos, years apart, lie
 * 0.15…0.395 apart (95 % under 0.357); unrelated people 0.398…0.79 (95 % over 0.487); relatives
 * overlap both (the Williams sisters 0.31…0.41, a brother and sister 0.33…0.42). 0.40 is where the
 * two tails meet: no one's own photos are split, and the pairs it joins are relatives and one
 * unrelated pair at 0.398. A match is evidence for a human to review, never a verdict: a person
 * and their sibling can look alike to this model.
 *
 * At scale, a per-pair false-match rate of about 1 in 6000 (unrelated pairs here) means a new
 * seller compared with N stored templates meets about N/6000 look-alikes; a duplicate search
 * therefore returns its nearest few candidates with their distances, for review.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.4;
