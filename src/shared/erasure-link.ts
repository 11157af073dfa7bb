/**
 * The erasure link's fragment (README "Erasure link"): `#receipt=<receiptId>&token=<token>`. Both
 * travel in the fragment because browsers never send it, so neither reaches an access log or a
 * Referer; the page the link opens reads them and posts them in a request body.
 */

/** The fragment member holding the receipt id. */
export const ERASURE_RECEIPT_PARAM = 'receipt';
/** The fragment member holding the erasure token. */
export const ERASURE_TOKEN_PARAM = 'token';

/**
 * The receipt id and token of an erasure link, read from its fragment only (a query is ignored:
 * links carry nothing there).
 * @returns null when the fragment lacks either member.
 */
export function erasureLinkParts(link: string): { receipt: string; token: string } | null {
  const hash = link.indexOf('#');
  if (hash < 0) return null;
  const fragment = new URLSearchParams(link.slice(hash + 1));
  const receipt = fragment.get(ERASURE_RECEIPT_PARAM);
  const token = fragment.get(ERASURE_TOKEN_PARAM);
  return receipt && token ? { receipt, token } : null;
}
