import type { Translation } from '../translation.js';

/*
 * French. Register: "vous" throughout (vouvoiement, as for a consent notice). The notice strings say
 * exactly what the English says: nothing softened, nothing added. "Face template" is "gabarit
 * facial" (the CNIL's word); "level of assurance" is "niveau de garantie" (eIDAS); "sealed" is
 * "scellé". Typography: a no-break space (\u00a0) before ":" and between a number and its unit, a
 * narrow no-break space (\u202f) before ";", "?" and "!", typographic apostrophe (’). They are
 * written as escapes so that they can be seen and checked.
 */

const plural = new Intl.PluralRules('fr');
/** French digit grouping (1 500, with a narrow no-break space) and decimal comma. */
const num = (n: number): string => n.toLocaleString('fr');

export const fr: Translation = {
  stepTitle: {
    consent: 'Vérification faciale\u00a0: à lire avant d’accepter',
    camera: 'Démarrage de la caméra',
    guidance: 'Placez votre visage',
    capture: 'Enregistrement',
    review: 'Vérifiez votre enregistrement',
    sending: 'Envoi',
    done: 'Envoyé',
    declined: 'Vérification faciale non effectuée',
    error: 'Un problème est survenu',
  },
  embeddingStepTitle: {
    capture: 'Vérification',
    review: 'Vérifiez ce qui sera envoyé',
  },
  consent: {
    loading: 'Chargement de la notice d’information…',
    biometricNotice: {
      clip: 'Cette vérification utilise des données biométriques\u00a0: une image de votre visage.',
      embedding: 'Cette vérification utilise des données biométriques\u00a0: votre visage, analysé sur cet appareil.',
    },
    modeDescription: {
      clip: 'Une courte vidéo de votre visage (environ 10\u00a0secondes, pendant que l’écran change de couleur et que vous suivez quelques consignes) est enregistrée dans ce navigateur et envoyée scellée, avec un résumé sous forme de nombres de la vérification (comment votre visage a bougé et reflété les couleurs, ainsi que le nom et les réglages de votre caméra), de sorte que seul l’organisme indiqué ci-dessous puisse les ouvrir.',
      embedding: 'Votre visage est analysé dans ce navigateur pendant que l’écran change de couleur et que vous suivez quelques consignes. Seuls un gabarit facial (128\u00a0nombres calculés à partir de votre visage) et un résumé sous forme de nombres de la vérification (comment votre visage a bougé et reflété les couleurs, ainsi que le nom et les réglages de votre caméra) sont envoyés, scellés, de sorte que seul l’organisme indiqué ci-dessous puisse les ouvrir. Aucune image ni vidéo ne quitte votre appareil.',
    },
    controller: 'Qui est responsable',
    processors: 'Qui les traite pour son compte',
    purpose: 'Pourquoi',
    captured: 'Ce qui est capturé',
    retention: (days) => `Conservation\u00a0: ${num(days)}\u00a0${plural.select(days) === 'one' ? 'jour' : 'jours'}`,
    recipients: 'Qui les reçoit',
    notSold: 'Non vendues',
    rights: 'Vos droits',
    policy: 'Politique de confidentialité',
    erasure: 'Après l’envoi, vous recevez un reçu avec un lien pour effacer vos données à tout moment.',
    outbox: 'Si la connexion est coupée pendant l’envoi, la transmission scellée attend dans ce navigateur (personne ne peut l’y ouvrir) et est envoyée dès que vous êtes de nouveau en ligne ou à la prochaine ouverture de cette page, pendant environ 20\u00a0minutes au plus\u202f; elle est ensuite supprimée de ce navigateur.',
    pendingExpired: 'Une vérification faciale que vous avez envoyée précédemment n’a pas pu être remise à temps et a été supprimée de ce navigateur. Rien n’en a été conservé ici. Vous pouvez effectuer une nouvelle vérification ci-dessous.',
    alternative: 'Vous préférez ne pas le faire\u202f?',
    // Passive, so the controller's name never follows "que" (which would have to elide before a vowel: "qu’Acme").
    agreeLabel: (controller) =>
      `J’accepte que mes données faciales soient capturées et utilisées par ${controller} comme décrit ci-dessus.`,
    continue: 'Continuer',
    decline: 'Non merci, utiliser un autre moyen',
  },
  camera: {
    starting: 'Démarrage de la caméra et chargement du détecteur de visage…',
    cancel: 'Annuler',
    chooseCamera: 'Caméra',
    unnamed: (n: number) => `Caméra ${n}`,
    virtual: 'caméra virtuelle',
    preview: 'Aperçu de la caméra',
  },
  guidance: {
    searching: 'Regardez la caméra, le visage à l’intérieur de l’ovale.',
    holdStill: 'Bien, ne bougez plus…',
    'no-face': 'Aucun visage détecté. Regardez la caméra, le visage à l’intérieur de l’ovale.',
    'multiple-faces': 'Une seule personne, s’il vous plaît\u00a0: assurez-vous que personne d’autre n’est dans le champ.',
    'move-closer': 'Rapprochez-vous de la caméra.',
    'move-back': 'Reculez un peu.',
    'move-left': 'Déplacez-vous un peu vers votre gauche.',
    'move-right': 'Déplacez-vous un peu vers votre droite.',
    'move-up': 'Remontez un peu.',
    'move-down': 'Descendez un peu.',
    'too-dark': 'Il fait trop sombre. Tournez-vous vers une lampe ou une fenêtre.',
    'too-bright': 'Trop de lumière derrière vous ou sur vous. Détournez-vous de la lumière.',
    'face-camera': 'Regardez la caméra bien en face.',
    'open-eyes': 'Ouvrez les yeux et regardez l’écran.',
    'too-blurry': 'L’image est floue. Tenez l’appareil immobile ou essuyez l’objectif de la caméra.',
  },
  capture: {
    recording: 'Enregistrement… continuez à regarder la caméra.',
    checking: 'Vérification… continuez à regarder la caméra.',
    lost: 'Gardez votre visage dans l’ovale.',
  },
  templateProblem: {
    'too-few-frames': 'Nous n’avons pas pu voir votre visage assez nettement. Regardez la caméra bien en face, les yeux ouverts, sous un éclairage uniforme, puis réessayez.',
    'frames-disagree': 'Le visage a changé pendant la vérification. Seule la personne vérifiée doit être dans le champ\u202f; réessayez.',
    'not-finite': 'Votre gabarit facial n’a pas pu être créé. Réessayez.',
  },
  liveness: {
    holdStill: 'Ne bougez plus et regardez l’écran.',
    colours: 'Restez immobile\u00a0: l’écran change de couleur.',
    flashWarning: (count, seconds) =>
      `Dès que vous serez immobile, l’écran affichera ${num(count)}\u00a0couleurs pendant environ ${num(seconds)}\u00a0secondes (pas de rouge, au plus 3\u00a0changements par seconde), puis vous demandera quelques mouvements de la tête.`,
    reducedOffer: 'Les couleurs clignotantes ou les mouvements de la tête vous posent problème\u202f? Utilisez la vérification sans eux.',
    reducedOn: 'Vous utilisez la vérification sans couleurs clignotantes, avec des clignements des yeux uniquement. Elle compte comme un niveau de garantie inférieur.',
    reducedUndo: 'Utiliser la vérification standard',
    prompts: {
      'turn-left': 'Tournez la tête vers votre gauche, puis revenez.',
      'turn-right': 'Tournez la tête vers votre droite, puis revenez.',
      'look-up': 'Regardez vers le haut, puis de nouveau l’écran.',
      nod: 'Hochez la tête\u00a0: regardez vers le bas, puis de nouveau l’écran.',
      blink: 'Clignez lentement des yeux.',
      smile: 'Souriez, puis détendez-vous.',
    },
    actionNames: {
      'turn-left': 'une rotation vers votre gauche',
      'turn-right': 'une rotation vers votre droite',
      'look-up': 'un regard vers le haut',
      nod: 'un hochement de tête',
      blink: 'un clignement des yeux',
      smile: 'un sourire',
    },
    step: (index, total) => `Étape ${num(index)} sur ${num(total)}`,
    passed: 'Vérifications réussies\u00a0: vous avez bougé comme demandé, et la lumière de l’écran a été observée sur votre visage.',
    passedLower: 'Vérifications réussies avec un niveau de garantie inférieur (la vérification sans couleurs clignotantes).',
    failed: {
      'report-mismatch': 'Quelque chose a interrompu la vérification. Réessayez.',
      'trace-unusable': 'Nous avons perdu votre visage de vue. Gardez-le dans l’ovale, sous un bon éclairage.',
      'not-steady': 'Gardez la tête immobile pendant que les couleurs changent.',
      'action-missed': 'Nous n’avons pas vu le mouvement demandé. Accentuez un peu le mouvement, puis revenez au centre.',
      'action-wrong': 'Ce mouvement n’était pas celui demandé. Suivez les consignes une à une.',
      'no-return': 'Regardez de nouveau l’écran après chaque mouvement.',
      'action-timing': 'Quelque chose a interrompu la vérification. Réessayez.',
      'colour-timing': 'Quelque chose a interrompu la vérification. Gardez cet onglet au premier plan et réessayez.',
      'colour-no-response': 'Nous n’avons pas pu voir la lumière de l’écran sur votre visage. Rapprochez-vous de l’écran, augmentez sa luminosité ou détournez-vous d’une lumière vive derrière vous.',
      'reduced-path': 'Cette vérification s’est déroulée sans couleurs clignotantes.',
      signal: 'Cette caméra semble être une caméra virtuelle ou logicielle. Choisissez la caméra de votre appareil.',
    },
    wrongAction: (asked, seen) => `Nous avons demandé ${asked}, mais nous avons vu ${seen}.`,
    // After a negation French turns "un" into "de", so the noun phrase goes in parentheses rather than after "pas vu".
    missedAction: (asked) =>
      `Nous n’avons pas vu le mouvement demandé (${asked}). Accentuez un peu le mouvement, puis revenez au centre.`,
    // French "one" covers 0 and 1, so the count is always written as a numeral, never as "un".
    attemptsLeft: (count) =>
      `Encore ${num(count)}\u00a0${plural.select(count) === 'one' ? 'essai' : 'essais'}.`,
  },
  review: {
    intro: 'Regardez votre enregistrement. Rien n’a encore été envoyé.',
    whatIsSent: (kb, type, seconds, frames, controller) =>
      `Si vous l’envoyez\u00a0: cette vidéo de ${num(seconds)}\u00a0secondes (${num(kb)}\u00a0ko, ${type}), scellée de sorte que seul ${controller} puisse l’ouvrir, avec un résumé sous forme de nombres (sans aucune image) de ${num(frames)}\u00a0images de la caméra — la position de votre visage, l’angle de la tête, les clignements des yeux et la couleur de la peau —, les couleurs et consignes affichées et à quel moment, ainsi que le nom et les réglages de votre caméra.`,
    send: 'Envoyer',
    retake: 'Recommencer l’enregistrement',
    cancel: 'Annuler, ne rien envoyer',
    videoLabel: 'Votre enregistrement',
    templateIntro: 'Rien n’a encore été envoyé. Voici les images recadrées de votre visage à partir desquelles le gabarit a été créé\u202f; elles restent sur cet appareil et ne sont jamais envoyées.',
    cropsLabel: 'Images recadrées du visage utilisées pour le gabarit (non envoyées)',
    templateWhatIsSent: (numbers, frames, controller) =>
      `En cas d’envoi\u00a0: ${num(numbers)}\u00a0nombres calculés à partir de ces images recadrées (un gabarit facial, pas une image), scellés de sorte que seul ${controller} puisse les ouvrir, avec un résumé sous forme de nombres (sans aucune image) de ${num(frames)}\u00a0images de la caméra — la position de votre visage, l’angle de la tête, les clignements des yeux et la couleur de la peau —, les couleurs et consignes affichées et à quel moment, ainsi que le nom et les réglages de votre caméra. Aucune image ni vidéo n’est envoyée.`,
  },
  sending: {
    message: 'Envoi sécurisé en cours…',
    cancel: 'Arrêter l’envoi',
    resumed: (sealedAt) =>
      `Envoi de la vérification faciale que vous avez scellée à ${sealedAt}\u00a0: elle n’était pas encore arrivée.`,
    waiting: (seconds) =>
      `En attente du réseau. La vérification reste scellée dans ce navigateur\u202f; prochain essai dans ${num(seconds)}\u00a0s.`,
    offline: 'Vous êtes hors ligne. Votre vérification faciale reste scellée dans ce navigateur et sera envoyée dès que vous serez de nouveau en ligne.',
    tryNow: 'Réessayer maintenant',
    cancelResumed: 'Arrêter et la supprimer de ce navigateur',
  },
  done: {
    thanks: 'Merci. Votre vérification faciale a été envoyée.',
    receiptId: 'Reçu',
    sent: 'Envoyé',
    sentValue: (kb) => `une vidéo scellée avec son résumé (${num(kb)}\u00a0ko)`,
    sentTemplate: (kb) => `un gabarit facial scellé avec son résumé (${num(kb)}\u00a0ko, aucune image)`,
    hash: 'Empreinte numérique (SHA-256)',
    keptUntil: 'Effacement automatique le',
    erase: 'Effacer mes données maintenant',
    eraseHint: 'Conservez ce lien\u00a0: c’est le seul moyen d’effacer cet enregistrement avant cette date.',
    download: 'Télécharger le reçu',
    downloadHint: 'Enregistre ce reçu, la preuve de votre consentement et le lien d’effacement dans un fichier, pour que le lien ne soit pas perdu.',
  },
  declined: {
    declined: 'Vous avez choisi de ne pas effectuer la vérification faciale. Rien n’a été enregistré.',
    cancelled: 'Vous avez annulé. Rien n’a été envoyé et l’enregistrement a été supprimé.',
    checkingCancelled: 'Nous vérifions si votre enregistrement avait déjà été envoyé avant votre annulation…',
    storedDespiteCancel: (controller) =>
      `Votre enregistrement était déjà parvenu à ${controller} avant votre annulation\u202f; il est donc conservé, scellé. Vous pouvez l’effacer maintenant avec le lien ci-dessous\u202f; sinon, il sera effacé automatiquement à la date indiquée.`,
    unknownCancelled: (controller, contact) =>
      `Vous avez annulé pendant l’envoi de votre enregistrement, et il n’a pas été possible de demander à ${controller} s’il était arrivé. Si c’est le cas, il sera effacé à la fin de sa durée de conservation\u202f; pour le faire effacer plus tôt, écrivez à ${contact}.`,
    alternative: 'Utiliser l’autre solution',
  },
  error: {
    retry: 'Réessayer',
    cancel: 'Annuler',
    configuration: 'Cette page n’est pas correctement configurée. Le propriétaire du site a été prévenu\u202f; veuillez utiliser l’autre solution.',
    generic: 'Un problème est survenu. Réessayez, ou utilisez l’autre solution.',
    codes: {
      'camera-denied': 'L’accès à la caméra a été refusé. Autorisez la caméra pour ce site dans les réglages de votre navigateur, puis réessayez.',
      'camera-not-found': 'Aucune caméra n’a été trouvée. Branchez une caméra, puis réessayez.',
      'camera-busy': 'La caméra est utilisée par une autre application ou n’a pas pu démarrer. Fermez cette application, puis réessayez.',
      'camera-overconstrained': 'Cette caméra ne peut pas fournir l’image nécessaire. Essayez une autre caméra.',
      'camera-unsupported': 'Ce navigateur ne peut pas utiliser la caméra ici. Utilisez un navigateur récent.',
      'camera-ended': 'La caméra s’est arrêtée (débranchée ou prise par une autre application). Rien n’a été conservé\u202f; vérifiez la caméra, puis réessayez.',
      'camera-timeout': 'La caméra n’a affiché aucune image. Fermez les autres applications qui pourraient l’utiliser, puis réessayez.',
      'session-unavailable': 'La vérification n’a pas pu démarrer\u00a0: le site n’a pas répondu. Vérifiez votre connexion, puis réessayez.',
      'session-invalid': 'La notice a changé depuis que vous l’avez lue, ou la vérification n’a pas pu démarrer. Relisez-la avant de continuer.',
      'upload-failed': 'Votre enregistrement n’a pas pu être envoyé\u202f; il est conservé. Vérifiez votre connexion, puis réessayez.',
      'challenge-expired': 'Cela a pris plus de temps que le délai autorisé. Recommencez l’enregistrement.',
      'upload-rejected': 'La vérification n’a pas pu être acceptée. Veuillez recommencer l’enregistrement.',
      'seal-failed': 'Votre enregistrement n’a pas pu être préparé pour l’envoi. Réessayez.',
      'model-missing': 'Le détecteur de visage n’a pas pu être chargé. Vérifiez votre connexion, puis réessayez.',
      'vision-failed': 'Le détecteur de visage a cessé de fonctionner. Réessayez.',
      'embedding-failed': 'Votre gabarit facial n’a pas pu être créé à partir de cet enregistrement. Recommencez l’enregistrement, face à la caméra, sous un éclairage uniforme.',
      'liveness-failed': 'La vérification n’a pas pu confirmer votre présence, malgré tous les essais autorisés. Vous pouvez toujours continuer par un autre moyen.',
    },
  },
};
