import { canonicalHash } from '../shared/canonical-json.js';
import type { ConsentManifest } from '../shared/manifest.js';
import { WIDGET_VERSION } from '../shared/version.js';
import type { ConsentReceipt } from '../shared/wire.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The record of what the person agreed to, made at the moment they agree. It names the exact notice
 * by hash so the operator can prove which text was shown, and holds no biometric data.
 */
export function buildConsentReceipt(args: {
  manifest: ConsentManifest;
  sessionId: string;
  agreedAt: Date;
  receiptId: string;
}): ConsentReceipt {
  const { manifest, sessionId, agreedAt, receiptId } = args;
  return {
    receiptId,
    timestamp: agreedAt.toISOString(),
    controller: { name: manifest.controller.name, contact: manifest.controller.contact },
    policyUrl: manifest.policyUrl,
    purpose: manifest.purpose,
    consentType: 'explicit',
    sensitive: 'biometric',
    noticeHash: canonicalHash(manifest),
    noticeVersion: manifest.version,
    locale: manifest.locale,
    widgetVersion: WIDGET_VERSION,
    mode: manifest.mode,
    sessionId,
    destructionDeadline: new Date(agreedAt.getTime() + manifest.retention.days * DAY_MS).toISOString(),
  };
}
