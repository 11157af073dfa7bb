import type { Translation } from '../translation.js';

/*
 * German. Register: "Sie" throughout (formal, as for a consent notice). The notice strings say exactly
 * what the English says: nothing softened, nothing added. "Face template" is "Gesichtsvorlage";
 * "level of assurance" is "Vertrauensniveau" (the eID term); the SHA-256 hash is "Hashwert", not
 * "Fingerabdruck", which next to biometric data would read as a fingerprint.
 * `actionNames` are in the accusative: every slot of `wrongAction` and `missedAction` takes that case.
 */

const plural = new Intl.PluralRules('de');
/** German digit grouping and decimal comma (1.500; 9,5). */
const num = (n: number): string => n.toLocaleString('de');

export const de: Translation = {
  stepTitle: {
    consent: 'Gesichtsprüfung: Lesen Sie dies, bevor Sie zustimmen',
    camera: 'Kamera wird gestartet',
    guidance: 'Positionieren Sie Ihr Gesicht',
    capture: 'Aufnahme läuft',
    review: 'Prüfen Sie Ihre Aufnahme',
    sending: 'Wird gesendet',
    done: 'Gesendet',
    declined: 'Gesichtsprüfung nicht durchgeführt',
    error: 'Etwas ist schiefgelaufen',
  },
  embeddingStepTitle: {
    capture: 'Prüfung läuft',
    review: 'Prüfen Sie, was gesendet wird',
  },
  consent: {
    loading: 'Datenschutzhinweis wird geladen…',
    biometricNotice: {
      clip: 'Diese Prüfung verwendet biometrische Daten: ein Bild Ihres Gesichts.',
      embedding: 'Diese Prüfung verwendet biometrische Daten: Ihr Gesicht, analysiert auf diesem Gerät.',
    },
    modeDescription: {
      clip: 'Ein kurzes Video Ihres Gesichts (etwa 10 Sekunden, während der Bildschirm die Farbe wechselt und Sie einigen Aufforderungen folgen) wird in diesem Browser aufgenommen und versiegelt gesendet, zusammen mit einer Zusammenfassung der Prüfung in Zahlen (wie sich Ihr Gesicht bewegt und die Farben reflektiert hat sowie Name und Einstellungen Ihrer Kamera), sodass nur die unten genannte Organisation sie öffnen kann.',
      embedding: 'Ihr Gesicht wird in diesem Browser analysiert, während der Bildschirm die Farbe wechselt und Sie einigen Aufforderungen folgen. Nur eine Gesichtsvorlage (128 aus Ihrem Gesicht berechnete Zahlen) und eine Zusammenfassung der Prüfung in Zahlen (wie sich Ihr Gesicht bewegt und die Farben reflektiert hat sowie Name und Einstellungen Ihrer Kamera) werden gesendet, versiegelt, sodass nur die unten genannte Organisation sie öffnen kann. Kein Bild und kein Video verlässt Ihr Gerät.',
    },
    controller: 'Wer verantwortlich ist',
    processors: 'Wer die Daten im Auftrag verarbeitet',
    purpose: 'Warum',
    captured: 'Was erfasst wird',
    retention: (days) => `Aufbewahrt für ${num(days)} ${plural.select(days) === 'one' ? 'Tag' : 'Tage'}`,
    recipients: 'Wer die Daten erhält',
    notSold: 'Kein Verkauf',
    rights: 'Ihre Rechte',
    policy: 'Datenschutzerklärung',
    erasure: 'Nach dem Senden erhalten Sie eine Empfangsbestätigung mit einem Link, mit dem Sie Ihre Daten jederzeit löschen können.',
    outbox: 'Bricht die Verbindung beim Senden ab, wartet die versiegelte Übermittlung in diesem Browser (dort kann niemand sie öffnen) und wird gesendet, sobald Sie wieder online sind oder diese Seite das nächste Mal öffnen, höchstens etwa 20 Minuten lang; danach wird sie aus diesem Browser gelöscht.',
    pendingExpired: 'Eine Gesichtsprüfung, die Sie früher gesendet haben, konnte nicht rechtzeitig zugestellt werden und wurde aus diesem Browser gelöscht. Nichts davon wurde hier aufbewahrt. Unten können Sie eine neue Prüfung durchführen.',
    alternative: 'Lieber nicht?',
    agreeLabel: (controller) =>
      `Ich bin damit einverstanden, dass ${controller} meine Gesichtsdaten wie oben beschrieben erfassen und verwenden darf.`,
    continue: 'Weiter',
    decline: 'Nein danke, anderen Weg nutzen',
  },
  camera: {
    starting: 'Kamera wird gestartet und Gesichtsfinder wird geladen…',
    cancel: 'Abbrechen',
    chooseCamera: 'Kamera',
    unnamed: (n: number) => `Kamera ${n}`,
    virtual: 'virtuelle Kamera',
    preview: 'Kameravorschau',
  },
  guidance: {
    searching: 'Schauen Sie in die Kamera, mit Ihrem Gesicht im Oval.',
    holdStill: 'Gut, halten Sie still…',
    'no-face': 'Kein Gesicht gefunden. Schauen Sie in die Kamera, mit Ihrem Gesicht im Oval.',
    'multiple-faces': 'Bitte nur eine Person: Achten Sie darauf, dass niemand sonst im Bild ist.',
    'move-closer': 'Kommen Sie näher an die Kamera.',
    'move-back': 'Gehen Sie etwas zurück.',
    'move-left': 'Bewegen Sie sich etwas zu Ihrer linken Seite.',
    'move-right': 'Bewegen Sie sich etwas zu Ihrer rechten Seite.',
    'move-up': 'Bewegen Sie sich etwas nach oben.',
    'move-down': 'Bewegen Sie sich etwas nach unten.',
    'too-dark': 'Es ist zu dunkel. Wenden Sie sich einer Lampe oder einem Fenster zu.',
    'too-bright': 'Zu viel Licht hinter Ihnen oder auf Ihnen. Wenden Sie sich vom Licht ab.',
    'face-camera': 'Schauen Sie direkt in die Kamera.',
    'open-eyes': 'Öffnen Sie die Augen und schauen Sie auf den Bildschirm.',
    'too-blurry': 'Das Bild ist unscharf. Halten Sie das Gerät still oder wischen Sie die Kameralinse ab.',
  },
  capture: {
    recording: 'Aufnahme läuft… schauen Sie weiter in die Kamera.',
    checking: 'Prüfung läuft… schauen Sie weiter in die Kamera.',
    lost: 'Halten Sie Ihr Gesicht im Oval.',
  },
  templateProblem: {
    'too-few-frames': 'Wir konnten Ihr Gesicht nicht deutlich genug sehen. Schauen Sie mit offenen Augen und bei gleichmäßigem Licht direkt in die Kamera und versuchen Sie es erneut.',
    'frames-disagree': 'Das Gesicht hat sich während der Prüfung verändert. Nur die zu prüfende Person sollte im Bild sein; versuchen Sie es erneut.',
    'not-finite': 'Ihre Gesichtsvorlage konnte nicht erstellt werden. Versuchen Sie es erneut.',
  },
  liveness: {
    holdStill: 'Halten Sie still und schauen Sie auf den Bildschirm.',
    colours: 'Halten Sie still: Der Bildschirm wechselt die Farbe.',
    flashWarning: (count, seconds) =>
      `Sobald Sie stillhalten, zeigt der Bildschirm etwa ${num(seconds)} Sekunden lang ${num(count)} Farben (kein Rot, höchstens 3 Wechsel pro Sekunde) und bittet Sie dann um einige Kopfbewegungen.`,
    reducedOffer: 'Sind blinkende Farben oder Kopfbewegungen für Sie ein Problem? Nutzen Sie die Prüfung ohne sie.',
    reducedOn: 'Sie nutzen die Prüfung ohne blinkende Farben, nur mit Blinzeln. Sie gilt als niedrigeres Vertrauensniveau.',
    reducedUndo: 'Standardprüfung verwenden',
    prompts: {
      'turn-left': 'Drehen Sie den Kopf zu Ihrer linken Seite, dann zurück.',
      'turn-right': 'Drehen Sie den Kopf zu Ihrer rechten Seite, dann zurück.',
      'look-up': 'Schauen Sie nach oben, dann zurück auf den Bildschirm.',
      nod: 'Nicken Sie: Schauen Sie nach unten, dann zurück auf den Bildschirm.',
      blink: 'Blinzeln Sie langsam.',
      smile: 'Lächeln Sie, dann entspannen Sie sich.',
    },
    actionNames: {
      'turn-left': 'eine Drehung zu Ihrer linken Seite',
      'turn-right': 'eine Drehung zu Ihrer rechten Seite',
      'look-up': 'einen Blick nach oben',
      nod: 'ein Nicken',
      blink: 'ein Blinzeln',
      smile: 'ein Lächeln',
    },
    step: (index, total) => `Schritt ${num(index)} von ${num(total)}`,
    passed: 'Prüfungen bestanden: Sie haben sich wie erbeten bewegt, und das Licht des Bildschirms war auf Ihrem Gesicht zu sehen.',
    passedLower: 'Prüfungen mit niedrigerem Vertrauensniveau bestanden (die Prüfung ohne blinkende Farben).',
    failed: {
      'report-mismatch': 'Etwas hat die Prüfung unterbrochen. Versuchen Sie es erneut.',
      'trace-unusable': 'Wir haben Ihr Gesicht aus dem Blick verloren. Halten Sie es im Oval, bei gutem Licht.',
      'not-steady': 'Halten Sie den Kopf still, während die Farben wechseln.',
      'action-missed': 'Wir haben die erbetene Bewegung nicht gesehen. Bewegen Sie sich etwas weiter und kehren Sie dann zur Mitte zurück.',
      'action-wrong': 'Das war eine andere Bewegung als die erbetene. Folgen Sie den Aufforderungen der Reihe nach.',
      'no-return': 'Schauen Sie nach jeder Bewegung wieder auf den Bildschirm.',
      'action-timing': 'Etwas hat die Prüfung unterbrochen. Versuchen Sie es erneut.',
      'colour-timing': 'Etwas hat die Prüfung unterbrochen. Lassen Sie diesen Tab im Vordergrund und versuchen Sie es erneut.',
      'colour-no-response': 'Wir konnten das Licht des Bildschirms auf Ihrem Gesicht nicht sehen. Gehen Sie näher an den Bildschirm, erhöhen Sie seine Helligkeit oder wenden Sie sich von einem hellen Licht hinter Ihnen ab.',
      'reduced-path': 'Diese Prüfung lief ohne blinkende Farben.',
      signal: 'Diese Kamera scheint eine virtuelle oder Software-Kamera zu sein. Wählen Sie die eigene Kamera Ihres Geräts.',
    },
    wrongAction: (asked, seen) => `Wir haben um ${asked} gebeten, aber ${seen} gesehen.`,
    missedAction: (asked) =>
      `Wir haben die erbetene Bewegung (${asked}) nicht gesehen. Bewegen Sie sich etwas weiter und kehren Sie dann zur Mitte zurück.`,
    // German "one" is exactly the integer 1, so the word "ein" is right wherever the rule picks it.
    attemptsLeft: (count) => (plural.select(count) === 'one' ? 'Noch ein Versuch.' : `Noch ${num(count)} Versuche.`),
  },
  review: {
    intro: 'Sehen Sie sich Ihre Aufnahme an. Es wurde noch nichts gesendet.',
    whatIsSent: (kb, type, seconds, frames, controller) =>
      `Wenn Sie senden: dieses ${num(seconds)}-Sekunden-Video (${num(kb)}\u00a0KB, ${type}), versiegelt, sodass nur ${controller} es öffnen kann, mit einer Zusammenfassung in Zahlen (keine Bilder) von ${num(frames)} Einzelbildern – Position Ihres Gesichts, Kopfwinkel, Blinzeln und Hautfarbe –, die gezeigten Farben und Aufforderungen samt Zeitpunkt sowie Name und Einstellungen Ihrer Kamera.`,
    send: 'Senden',
    retake: 'Neu aufnehmen',
    cancel: 'Abbrechen, nichts senden',
    videoLabel: 'Ihre Aufnahme',
    templateIntro: 'Es wurde noch nichts gesendet. Dies sind die Ausschnitte Ihres Gesichts, aus denen die Vorlage erstellt wurde; sie bleiben auf diesem Gerät und werden nie gesendet.',
    cropsLabel: 'Für die Vorlage verwendete Gesichtsausschnitte (nicht gesendet)',
    templateWhatIsSent: (numbers, frames, controller) =>
      `Wenn Sie senden: ${num(numbers)} aus diesen Ausschnitten berechnete Zahlen (eine Gesichtsvorlage, kein Bild), versiegelt, sodass nur ${controller} sie öffnen kann, mit einer Zusammenfassung in Zahlen (keine Bilder) von ${num(frames)} Einzelbildern – Position Ihres Gesichts, Kopfwinkel, Blinzeln und Hautfarbe –, die gezeigten Farben und Aufforderungen samt Zeitpunkt sowie Name und Einstellungen Ihrer Kamera. Es wird kein Bild und kein Video gesendet.`,
  },
  sending: {
    message: 'Wird sicher gesendet…',
    cancel: 'Senden stoppen',
    resumed: (sealedAt) =>
      `Die Gesichtsprüfung, die Sie um ${sealedAt} versiegelt haben, wird jetzt gesendet: Sie war noch nicht angekommen.`,
    waiting: (seconds) =>
      `Warten auf das Netzwerk. Die Gesichtsprüfung bleibt versiegelt in diesem Browser; der nächste Versuch folgt in ${num(seconds)}\u00a0s.`,
    offline: 'Sie sind offline. Ihre Gesichtsprüfung bleibt versiegelt in diesem Browser und wird gesendet, sobald Sie wieder online sind.',
    tryNow: 'Jetzt versuchen',
    cancelResumed: 'Stoppen und aus diesem Browser löschen',
  },
  done: {
    thanks: 'Vielen Dank. Ihre Gesichtsprüfung wurde gesendet.',
    receiptId: 'Empfangsbestätigung',
    sent: 'Gesendet',
    sentValue: (kb) => `ein versiegeltes Video mit seiner Zusammenfassung (${num(kb)}\u00a0KB)`,
    sentTemplate: (kb) => `eine versiegelte Gesichtsvorlage mit ihrer Zusammenfassung (${num(kb)}\u00a0KB, kein Bild)`,
    hash: 'Hashwert (SHA-256)',
    keptUntil: 'Automatisch gelöscht am',
    erase: 'Meine Daten jetzt löschen',
    eraseHint: 'Bewahren Sie diesen Link auf: Er ist die einzige Möglichkeit, diese Aufnahme vor diesem Datum zu löschen.',
    download: 'Empfangsbestätigung herunterladen',
    downloadHint: 'Speichert diese Empfangsbestätigung, Ihren Einwilligungsnachweis und den Löschlink als Datei, damit der Link nicht verloren geht.',
  },
  declined: {
    declined: 'Sie haben sich gegen die Gesichtsprüfung entschieden. Es wurde nichts aufgenommen.',
    cancelled: 'Sie haben abgebrochen. Es wurde nichts gesendet, und die Aufnahme wurde verworfen.',
    checkingCancelled: 'Es wird geprüft, ob Ihre Aufnahme schon gesendet worden war, bevor Sie abgebrochen haben…',
    storedDespiteCancel: (controller) =>
      `Ihre Aufnahme hatte ${controller} bereits erreicht, bevor Sie abgebrochen haben; sie ist daher versiegelt gespeichert. Sie können sie jetzt über den Link unten löschen; andernfalls wird sie am angegebenen Datum automatisch gelöscht.`,
    unknownCancelled: (controller, contact) =>
      `Sie haben abgebrochen, während Ihre Aufnahme gesendet wurde, und ${controller} konnte nicht gefragt werden, ob sie angekommen ist. Falls ja, wird sie am Ende ihrer Aufbewahrungsfrist gelöscht; wenn Sie sie früher löschen lassen möchten, schreiben Sie an ${contact}.`,
    alternative: 'Alternative nutzen',
  },
  error: {
    retry: 'Erneut versuchen',
    cancel: 'Abbrechen',
    configuration: 'Diese Seite ist nicht richtig eingerichtet. Der Betreiber der Website wurde informiert; bitte nutzen Sie die Alternative.',
    generic: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut oder nutzen Sie die Alternative.',
    codes: {
      'camera-denied': 'Der Kamerazugriff wurde verweigert. Erlauben Sie die Kamera für diese Website in Ihren Browsereinstellungen und versuchen Sie es dann erneut.',
      'camera-not-found': 'Es wurde keine Kamera gefunden. Schließen Sie eine Kamera an und versuchen Sie es dann erneut.',
      'camera-busy': 'Die Kamera wird von einer anderen App verwendet oder konnte nicht starten. Schließen Sie diese App und versuchen Sie es dann erneut.',
      'camera-overconstrained': 'Diese Kamera kann das benötigte Bild nicht liefern. Versuchen Sie es mit einer anderen Kamera.',
      'camera-unsupported': 'Dieser Browser kann die Kamera hier nicht verwenden. Nutzen Sie einen aktuellen Browser.',
      'camera-ended': 'Die Kamera wurde beendet (getrennt oder von einer anderen App übernommen). Es wurde nichts aufbewahrt; prüfen Sie die Kamera und versuchen Sie es dann erneut.',
      'camera-timeout': 'Die Kamera hat kein Bild gezeigt. Schließen Sie andere Apps, die sie verwenden könnten, und versuchen Sie es dann erneut.',
      'session-unavailable': 'Die Prüfung konnte nicht gestartet werden: Die Website hat nicht geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.',
      'session-invalid': 'Der Datenschutzhinweis hat sich geändert, seit Sie ihn gelesen haben, oder die Prüfung konnte nicht starten. Lesen Sie ihn erneut, bevor Sie fortfahren.',
      'upload-failed': 'Ihre Aufnahme konnte nicht gesendet werden; sie bleibt erhalten. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.',
      'challenge-expired': 'Das hat länger gedauert als erlaubt. Nehmen Sie erneut auf.',
      'upload-rejected': 'Die Prüfung konnte nicht angenommen werden. Bitte nehmen Sie erneut auf.',
      'seal-failed': 'Ihre Aufnahme konnte nicht für das Senden vorbereitet werden. Versuchen Sie es erneut.',
      'model-missing': 'Der Gesichtsfinder konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.',
      'vision-failed': 'Der Gesichtsfinder funktioniert nicht mehr. Versuchen Sie es erneut.',
      'embedding-failed': 'Aus dieser Aufnahme konnte keine Gesichtsvorlage erstellt werden. Nehmen Sie erneut auf, mit dem Gesicht zur Kamera und bei gleichmäßigem Licht.',
      'liveness-failed': 'Die Prüfung konnte auch nach allen erlaubten Versuchen nicht bestätigen, dass Sie anwesend sind. Sie können trotzdem auf anderem Weg fortfahren.',
    },
  },
};
