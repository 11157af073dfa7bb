import type { Translation } from '../translation.js';

/*
 * Spanish (neutral, for Spain and Latin America). Register: "usted" throughout, as for a consent
 * notice. The notice strings say exactly what the English says: nothing softened, nothing added.
 * "video" without accent (the form used in Latin America, also accepted by the RAE); "face
 * template" is "plantilla facial"; "level of assurance" is "nivel de seguridad" (eIDAS); the
 * SHA-256 hash is "huella criptográfica", so it is not read as a fingerprint next to biometric data.
 * Questions open with "¿"; the dashes of the review text are rayas set against the enclosed words.
 */

const plural = new Intl.PluralRules('es');
/** Spanish digit grouping (15.000; four-digit numbers are not grouped) and decimal comma. */
const num = (n: number): string => n.toLocaleString('es');

export const es: Translation = {
  stepTitle: {
    consent: 'Verificación facial: lea esto antes de aceptar',
    camera: 'Iniciando la cámara',
    guidance: 'Coloque su rostro',
    capture: 'Grabando',
    review: 'Revise su grabación',
    sending: 'Enviando',
    done: 'Enviado',
    declined: 'Verificación facial no realizada',
    error: 'Algo salió mal',
  },
  embeddingStepTitle: {
    capture: 'Verificando',
    review: 'Revise lo que se enviará',
  },
  consent: {
    loading: 'Cargando el aviso…',
    biometricNotice: {
      clip: 'Esta verificación utiliza datos biométricos: una imagen de su rostro.',
      embedding: 'Esta verificación utiliza datos biométricos: su rostro, analizado en este dispositivo.',
    },
    modeDescription: {
      clip: 'Se graba en este navegador un breve video de su rostro (unos 10 segundos, mientras la pantalla cambia de color y usted sigue algunas indicaciones) y se envía sellado, junto con un resumen en números de la verificación (cómo se movió su rostro y cómo reflejó los colores, y el nombre y los ajustes de su cámara), de modo que solo la organización indicada abajo pueda abrirlos.',
      embedding: 'Su rostro se analiza en este navegador mientras la pantalla cambia de color y usted sigue algunas indicaciones. Solo se envían, sellados, una plantilla facial (128 números calculados a partir de su rostro) y un resumen en números de la verificación (cómo se movió su rostro y cómo reflejó los colores, y el nombre y los ajustes de su cámara), de modo que solo la organización indicada abajo pueda abrirlos. Ninguna imagen ni video sale de su dispositivo.',
    },
    controller: 'Quién es el responsable',
    processors: 'Quién los trata en su nombre',
    purpose: 'Por qué',
    captured: 'Qué se captura',
    retention: (days) => `Se conservan ${num(days)} ${plural.select(days) === 'one' ? 'día' : 'días'}`,
    recipients: 'Quién los recibe',
    notSold: 'No se venden',
    rights: 'Sus derechos',
    policy: 'Política de privacidad',
    erasure: 'Después del envío, recibirá un comprobante con un enlace para borrar sus datos en cualquier momento.',
    outbox: 'Si la conexión se interrumpe durante el envío, los datos sellados esperan en este navegador (nadie puede abrirlos allí) y se envían cuando vuelva a tener conexión o la próxima vez que abra esta página, durante unos 20 minutos como máximo; después se eliminan de este navegador.',
    pendingExpired: 'Una verificación facial que envió anteriormente no pudo entregarse a tiempo y se eliminó de este navegador. No se conservó aquí nada de ella. Puede hacer una nueva verificación a continuación.',
    alternative: '¿Prefiere no hacerlo?',
    agreeLabel: (controller) =>
      `Acepto que ${controller} pueda capturar y utilizar los datos de mi rostro como se describe arriba.`,
    continue: 'Continuar',
    decline: 'No, gracias, usar otra vía',
  },
  camera: {
    starting: 'Iniciando la cámara y cargando el detector de rostros…',
    cancel: 'Cancelar',
    chooseCamera: 'Cámara',
    unnamed: (n: number) => `Cámara ${n}`,
    virtual: 'cámara virtual',
    preview: 'Vista previa de la cámara',
  },
  guidance: {
    searching: 'Mire a la cámara con el rostro dentro del óvalo.',
    holdStill: 'Bien, no se mueva…',
    'no-face': 'No se encontró ningún rostro. Mire a la cámara con el rostro dentro del óvalo.',
    'multiple-faces': 'Solo una persona, por favor: asegúrese de que no haya nadie más a la vista.',
    'move-closer': 'Acérquese a la cámara.',
    'move-back': 'Aléjese un poco.',
    'move-left': 'Muévase un poco hacia su izquierda.',
    'move-right': 'Muévase un poco hacia su derecha.',
    'move-up': 'Suba un poco.',
    'move-down': 'Baje un poco.',
    'too-dark': 'Está demasiado oscuro. Póngase de cara a una luz o a una ventana.',
    'too-bright': 'Hay demasiada luz detrás de usted o sobre usted. Apártese de la luz.',
    'face-camera': 'Mire directamente a la cámara.',
    'open-eyes': 'Abra los ojos y mire la pantalla.',
    'too-blurry': 'La imagen está borrosa. Mantenga quieto el dispositivo o limpie la lente de la cámara.',
  },
  capture: {
    recording: 'Grabando… siga mirando a la cámara.',
    checking: 'Verificando… siga mirando a la cámara.',
    lost: 'Mantenga el rostro dentro del óvalo.',
  },
  templateProblem: {
    'too-few-frames': 'No pudimos ver su rostro con suficiente claridad. Mire directamente a la cámara con los ojos abiertos, con una luz uniforme, e inténtelo de nuevo.',
    'frames-disagree': 'El rostro cambió durante la verificación. Solo la persona que se verifica debe estar a la vista; inténtelo de nuevo.',
    'not-finite': 'No se pudo crear su plantilla facial. Inténtelo de nuevo.',
  },
  liveness: {
    holdStill: 'No se mueva y mire la pantalla.',
    colours: 'No se mueva: la pantalla está cambiando de color.',
    flashWarning: (count, seconds) =>
      `Cuando deje de moverse, la pantalla mostrará ${num(count)} colores durante unos ${num(seconds)} segundos (sin rojo, como máximo 3 cambios por segundo) y luego le pedirá algunos movimientos de cabeza.`,
    reducedOffer: '¿Los colores intermitentes o los movimientos de cabeza son un problema para usted? Use la verificación sin ellos.',
    reducedOn: 'Está usando la verificación sin colores intermitentes, solo con parpadeos. Cuenta como un nivel de seguridad inferior.',
    reducedUndo: 'Usar la verificación estándar',
    prompts: {
      'turn-left': 'Gire la cabeza hacia su izquierda y luego vuelva.',
      'turn-right': 'Gire la cabeza hacia su derecha y luego vuelva.',
      'look-up': 'Mire hacia arriba y luego vuelva a mirar la pantalla.',
      nod: 'Asienta con la cabeza: mire hacia abajo y luego vuelva a mirar la pantalla.',
      blink: 'Parpadee despacio.',
      smile: 'Sonría y luego relájese.',
    },
    actionNames: {
      'turn-left': 'un giro hacia su izquierda',
      'turn-right': 'un giro hacia su derecha',
      'look-up': 'una mirada hacia arriba',
      nod: 'un asentimiento con la cabeza',
      blink: 'un parpadeo',
      smile: 'una sonrisa',
    },
    step: (index, total) => `Paso ${num(index)} de ${num(total)}`,
    passed: 'Verificaciones superadas: se movió como se le pidió y se vio la luz de la pantalla en su rostro.',
    passedLower: 'Verificaciones superadas con un nivel de seguridad inferior (la verificación sin colores intermitentes).',
    failed: {
      'report-mismatch': 'Algo interrumpió la verificación. Inténtelo de nuevo.',
      'trace-unusable': 'Perdimos de vista su rostro. Manténgalo dentro del óvalo, con buena luz.',
      'not-steady': 'Mantenga la cabeza quieta mientras cambian los colores.',
      'action-missed': 'No vimos el movimiento que le pedimos. Muévase un poco más y luego vuelva al centro.',
      'action-wrong': 'Ese fue un movimiento distinto del que se le pidió. Siga cada indicación por orden.',
      'no-return': 'Vuelva a mirar la pantalla después de cada movimiento.',
      'action-timing': 'Algo interrumpió la verificación. Inténtelo de nuevo.',
      'colour-timing': 'Algo interrumpió la verificación. Mantenga esta pestaña en primer plano e inténtelo de nuevo.',
      'colour-no-response': 'No pudimos ver la luz de la pantalla en su rostro. Acérquese a la pantalla, suba su brillo o apártese de una luz intensa que tenga detrás.',
      'reduced-path': 'Esta verificación se hizo sin colores intermitentes.',
      signal: 'Esta cámara parece una cámara virtual o de software. Elija la cámara propia de su dispositivo.',
    },
    wrongAction: (asked, seen) => `Le pedimos ${asked}, pero vimos ${seen}.`,
    missedAction: (asked) => `No vimos ${asked}. Muévase un poco más y luego vuelva al centro.`,
    // Spanish "one" is exactly 1, so the word "un" is right wherever the rule picks it.
    attemptsLeft: (count) =>
      plural.select(count) === 'one' ? 'Le queda un intento.' : `Le quedan ${num(count)} intentos.`,
  },
  review: {
    intro: 'Vea su grabación. Todavía no se ha enviado nada.',
    whatIsSent: (kb, type, seconds, frames, controller) =>
      `Si lo envía: este video de ${num(seconds)} segundos (${num(kb)}\u00a0KB, ${type}), sellado para que solo ${controller} pueda abrirlo, con un resumen en números (sin imágenes) de ${num(frames)} fotogramas —la posición de su rostro, el ángulo de la cabeza, los parpadeos y el color de la piel—, los colores y las indicaciones mostrados y en qué momento, y el nombre y los ajustes de su cámara.`,
    send: 'Enviar',
    retake: 'Grabar de nuevo',
    cancel: 'Cancelar, no enviar nada',
    videoLabel: 'Su grabación',
    templateIntro: 'Todavía no se ha enviado nada. Estos son los recortes de su rostro a partir de los cuales se creó la plantilla; permanecen en este dispositivo y nunca se envían.',
    cropsLabel: 'Recortes del rostro usados para la plantilla (no se envían)',
    templateWhatIsSent: (numbers, frames, controller) =>
      `Si lo envía: ${num(numbers)} números calculados a partir de estos recortes (una plantilla facial, no una imagen), sellados para que solo ${controller} pueda abrirlos, con un resumen en números (sin imágenes) de ${num(frames)} fotogramas —la posición de su rostro, el ángulo de la cabeza, los parpadeos y el color de la piel—, los colores y las indicaciones mostrados y en qué momento, y el nombre y los ajustes de su cámara. No se envía ninguna imagen ni video.`,
  },
  sending: {
    message: 'Enviando de forma segura…',
    cancel: 'Detener el envío',
    resumed: (sealedAt) => `Enviando la verificación facial que selló a las ${sealedAt}: todavía no había llegado.`,
    waiting: (seconds) =>
      `Esperando la red. La verificación se mantiene sellada en este navegador; el próximo intento será en ${num(seconds)}\u00a0s.`,
    offline: 'No tiene conexión. Su verificación facial se mantiene sellada en este navegador y se enviará en cuanto vuelva a estar en línea.',
    tryNow: 'Intentar ahora',
    cancelResumed: 'Detener y eliminarla de este navegador',
  },
  done: {
    thanks: 'Gracias. Se envió su verificación facial.',
    receiptId: 'Comprobante',
    sent: 'Enviado',
    sentValue: (kb) => `un video sellado con su resumen (${num(kb)}\u00a0KB)`,
    sentTemplate: (kb) => `una plantilla facial sellada con su resumen (${num(kb)}\u00a0KB, sin imagen)`,
    hash: 'Huella criptográfica (SHA-256)',
    keptUntil: 'Se borra automáticamente el',
    erase: 'Borrar mis datos ahora',
    eraseHint: 'Guarde este enlace: es la única forma de borrar esta grabación antes de esa fecha.',
    download: 'Descargar comprobante',
    downloadHint: 'Guarda este comprobante, el registro de su consentimiento y el enlace de borrado en un archivo, para que el enlace no se pierda.',
  },
  declined: {
    declined: 'Eligió no hacer la verificación facial. No se grabó nada.',
    cancelled: 'Canceló. No se envió nada y la grabación se descartó.',
    checkingCancelled: 'Comprobando si su grabación ya se había enviado antes de que cancelara…',
    storedDespiteCancel: (controller) =>
      `Su grabación ya había llegado a ${controller} antes de que cancelara, por lo que está almacenada, sellada. Puede borrarla ahora con el enlace de abajo; de lo contrario, se borrará automáticamente en la fecha indicada.`,
    unknownCancelled: (controller, contact) =>
      `Canceló mientras se enviaba su grabación, y no se pudo preguntar a ${controller} si había llegado. Si llegó, se borrará al final de su plazo de conservación; para que se borre antes, escriba a ${contact}.`,
    alternative: 'Usar la alternativa',
  },
  error: {
    retry: 'Intentar de nuevo',
    cancel: 'Cancelar',
    configuration: 'Esta página no está configurada correctamente. Se ha avisado al propietario del sitio; por favor, use la alternativa.',
    generic: 'Algo ha fallado. Inténtelo de nuevo o use la alternativa.',
    codes: {
      'camera-denied': 'Se denegó el acceso a la cámara. Permita la cámara para este sitio en la configuración de su navegador e inténtelo de nuevo.',
      'camera-not-found': 'No se encontró ninguna cámara. Conecte una cámara e inténtelo de nuevo.',
      'camera-busy': 'La cámara está en uso por otra aplicación o no pudo iniciarse. Cierre esa aplicación e inténtelo de nuevo.',
      'camera-overconstrained': 'Esta cámara no puede ofrecer la imagen necesaria. Pruebe con otra cámara.',
      'camera-unsupported': 'Este navegador no puede usar la cámara aquí. Use un navegador actualizado.',
      'camera-ended': 'La cámara se detuvo (se desconectó o la tomó otra aplicación). No se conservó nada; revise la cámara e inténtelo de nuevo.',
      'camera-timeout': 'La cámara no mostró ninguna imagen. Cierre otras aplicaciones que puedan estar usándola e inténtelo de nuevo.',
      'session-unavailable': 'No se pudo iniciar la verificación: el sitio no respondió. Revise su conexión e inténtelo de nuevo.',
      'session-invalid': 'El aviso cambió desde que lo leyó, o no se pudo iniciar la verificación. Vuelva a leerlo antes de continuar.',
      'upload-failed': 'No se pudo enviar su grabación; se conserva. Revise su conexión e inténtelo de nuevo.',
      'challenge-expired': 'Esto tardó más del tiempo permitido. Grabe de nuevo.',
      'upload-rejected': 'No se pudo aceptar la verificación. Por favor, grabe de nuevo.',
      'seal-failed': 'No se pudo preparar su grabación para el envío. Inténtelo de nuevo.',
      'model-missing': 'No se pudo cargar el detector de rostros. Revise su conexión e inténtelo de nuevo.',
      'vision-failed': 'El detector de rostros dejó de funcionar. Inténtelo de nuevo.',
      'embedding-failed': 'No se pudo crear su plantilla facial a partir de esta grabación. Grabe de nuevo, de frente a la cámara y con una luz uniforme.',
      'liveness-failed': 'La verificación no pudo confirmar que usted está presente, tras todos los intentos permitidos. Aún puede continuar por otra vía.',
    },
  },
};
