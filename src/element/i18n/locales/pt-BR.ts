import type { Translation } from '../translation.js';

/*
 * Brazilian Portuguese. Register: "você" throughout (the polite form of Brazilian interfaces;
 * "o senhor / a senhora" would force a gender on the reader), and no adjective that agrees with the
 * reader's gender ("parado", "obrigado"). The notice strings say exactly what the English says:
 * nothing softened, nothing added. "Sealed" is "lacrado"; "face template" is "modelo facial";
 * "level of assurance" is "nível de garantia"; the SHA-256 hash stays "hash" ("impressão digital"
 * would read as a fingerprint next to biometric data).
 */

const plural = new Intl.PluralRules('pt-BR');
/** Brazilian digit grouping (1.500) and decimal comma. */
const num = (n: number): string => n.toLocaleString('pt-BR');

export const ptBR: Translation = {
  stepTitle: {
    consent: 'Verificação facial: leia antes de concordar',
    camera: 'Iniciando a câmera',
    guidance: 'Posicione seu rosto',
    capture: 'Gravando',
    review: 'Confira sua gravação',
    sending: 'Enviando',
    done: 'Enviado',
    declined: 'Verificação facial não realizada',
    error: 'Algo deu errado',
  },
  embeddingStepTitle: {
    capture: 'Verificando',
    review: 'Confira o que será enviado',
  },
  consent: {
    loading: 'Carregando o aviso…',
    biometricNotice: {
      clip: 'Esta verificação usa dados biométricos: uma imagem do seu rosto.',
      embedding: 'Esta verificação usa dados biométricos: seu rosto, analisado neste dispositivo.',
    },
    modeDescription: {
      clip: 'Um vídeo curto do seu rosto (cerca de 10 segundos, enquanto a tela muda de cor e você segue algumas instruções) é gravado neste navegador e enviado lacrado, com um resumo em números da verificação (como seu rosto se moveu e refletiu as cores, e o nome e as configurações da sua câmera), para que somente a organização indicada abaixo possa abri-los.',
      embedding: 'Seu rosto é analisado neste navegador enquanto a tela muda de cor e você segue algumas instruções. Somente um modelo facial (128 números calculados a partir do seu rosto) e um resumo em números da verificação (como seu rosto se moveu e refletiu as cores, e o nome e as configurações da sua câmera) são enviados, lacrados, para que somente a organização indicada abaixo possa abri-los. Nenhuma imagem ou vídeo sai do seu dispositivo.',
    },
    controller: 'Quem é o responsável',
    processors: 'Quem trata os dados em nome dele',
    purpose: 'Por quê',
    captured: 'O que é capturado',
    retention: (days) => `Guardados por ${num(days)} ${plural.select(days) === 'one' ? 'dia' : 'dias'}`,
    recipients: 'Quem os recebe',
    notSold: 'Não são vendidos',
    rights: 'Seus direitos',
    policy: 'Política de privacidade',
    erasure: 'Depois do envio, você recebe um comprovante com um link para apagar seus dados a qualquer momento.',
    outbox: 'Se a conexão cair durante o envio, os dados lacrados aguardam neste navegador (ninguém pode abri-los ali) e são enviados quando você voltar a ficar on-line ou abrir esta página novamente, por no máximo cerca de 20 minutos; depois, são apagados deste navegador.',
    pendingExpired: 'Uma verificação facial que você enviou antes não pôde ser entregue a tempo e foi apagada deste navegador. Nada dela foi guardado aqui. Você pode fazer uma nova verificação abaixo.',
    alternative: 'Prefere não fazer?',
    agreeLabel: (controller) =>
      `Concordo que ${controller} possa capturar e usar os dados do meu rosto conforme descrito acima.`,
    continue: 'Continuar',
    decline: 'Não, prefiro usar outra forma',
  },
  camera: {
    starting: 'Iniciando a câmera e carregando o detector de rosto…',
    cancel: 'Cancelar',
    chooseCamera: 'Câmera',
    unnamed: (n: number) => `Câmera ${n}`,
    virtual: 'câmera virtual',
    preview: 'Visualização da câmera',
  },
  guidance: {
    searching: 'Olhe para a câmera com o rosto dentro do oval.',
    holdStill: 'Isso, não se mexa…',
    'no-face': 'Nenhum rosto encontrado. Olhe para a câmera com o rosto dentro do oval.',
    'multiple-faces': 'Só uma pessoa, por favor: verifique se não há mais ninguém no enquadramento.',
    'move-closer': 'Aproxime-se da câmera.',
    'move-back': 'Afaste-se um pouco.',
    'move-left': 'Mova-se um pouco para a sua esquerda.',
    'move-right': 'Mova-se um pouco para a sua direita.',
    'move-up': 'Suba um pouco.',
    'move-down': 'Desça um pouco.',
    'too-dark': 'Está escuro demais. Fique de frente para uma luz ou uma janela.',
    'too-bright': 'Luz demais atrás de você ou sobre você. Afaste-se da luz.',
    'face-camera': 'Olhe diretamente para a câmera.',
    'open-eyes': 'Abra os olhos e olhe para a tela.',
    'too-blurry': 'A imagem está desfocada. Mantenha o dispositivo imóvel ou limpe a lente da câmera.',
  },
  capture: {
    recording: 'Gravando… continue olhando para a câmera.',
    checking: 'Verificando… continue olhando para a câmera.',
    lost: 'Mantenha o rosto dentro do oval.',
  },
  templateProblem: {
    'too-few-frames': 'Não conseguimos ver seu rosto com nitidez suficiente. Olhe diretamente para a câmera com os olhos abertos, com luz uniforme, e tente novamente.',
    'frames-disagree': 'O rosto mudou durante a verificação. Somente a pessoa que está sendo verificada deve aparecer; tente novamente.',
    'not-finite': 'Não foi possível criar seu modelo facial. Tente novamente.',
  },
  liveness: {
    holdStill: 'Não se mexa e olhe para a tela.',
    colours: 'Não se mexa: a tela está mudando de cor.',
    flashWarning: (count, seconds) =>
      `Quando você parar de se mexer, a tela mostrará ${num(count)} cores por cerca de ${num(seconds)} segundos (sem vermelho, no máximo 3 mudanças por segundo) e depois pedirá alguns movimentos de cabeça.`,
    reducedOffer: 'Cores piscando ou movimentos de cabeça são um problema para você? Use a verificação sem eles.',
    reducedOn: 'Você está usando a verificação sem cores piscando, apenas com piscadas. Ela conta como um nível de garantia mais baixo.',
    reducedUndo: 'Usar a verificação padrão',
    prompts: {
      'turn-left': 'Vire a cabeça para a sua esquerda e depois volte.',
      'turn-right': 'Vire a cabeça para a sua direita e depois volte.',
      'look-up': 'Olhe para cima e depois volte a olhar para a tela.',
      nod: 'Acene com a cabeça: olhe para baixo e depois volte a olhar para a tela.',
      blink: 'Pisque devagar.',
      smile: 'Sorria e depois relaxe.',
    },
    actionNames: {
      'turn-left': 'um giro para a sua esquerda',
      'turn-right': 'um giro para a sua direita',
      'look-up': 'um olhar para cima',
      nod: 'um aceno com a cabeça',
      blink: 'uma piscada',
      smile: 'um sorriso',
    },
    step: (index, total) => `Etapa ${num(index)} de ${num(total)}`,
    passed: 'Verificações aprovadas: você se moveu conforme pedido, e a luz da tela foi vista no seu rosto.',
    passedLower: 'Verificações aprovadas com um nível de garantia mais baixo (a verificação sem cores piscando).',
    failed: {
      'report-mismatch': 'Algo interrompeu a verificação. Tente novamente.',
      'trace-unusable': 'Perdemos seu rosto de vista. Mantenha-o dentro do oval, com boa luz.',
      'not-steady': 'Mantenha a cabeça imóvel enquanto as cores mudam.',
      'action-missed': 'Não vimos o movimento que pedimos. Mova-se um pouco mais e depois volte ao centro.',
      'action-wrong': 'Esse foi um movimento diferente do que foi pedido. Siga cada instrução, uma de cada vez.',
      'no-return': 'Volte a olhar para a tela depois de cada movimento.',
      'action-timing': 'Algo interrompeu a verificação. Tente novamente.',
      'colour-timing': 'Algo interrompeu a verificação. Mantenha esta aba em primeiro plano e tente novamente.',
      'colour-no-response': 'Não conseguimos ver a luz da tela no seu rosto. Aproxime-se da tela, aumente o brilho dela ou afaste-se de uma luz forte atrás de você.',
      'reduced-path': 'Esta verificação foi feita sem cores piscando.',
      signal: 'Esta câmera parece ser uma câmera virtual ou de software. Escolha a câmera do próprio dispositivo.',
    },
    wrongAction: (asked, seen) => `Pedimos ${asked}, mas vimos ${seen}.`,
    missedAction: (asked) => `Não vimos ${asked}. Mova-se um pouco mais e depois volte ao centro.`,
    // Portuguese "one" covers 0 and 1, so the count is always written as a numeral, never as "uma".
    attemptsLeft: (count) =>
      plural.select(count) === 'one' ? `Resta ${num(count)} tentativa.` : `Restam ${num(count)} tentativas.`,
  },
  review: {
    intro: 'Assista à sua gravação. Nada foi enviado ainda.',
    whatIsSent: (kb, type, seconds, frames, controller) =>
      `Se você enviar: este vídeo de ${num(seconds)} segundos (${num(kb)}\u00a0KB, ${type}), lacrado para que somente ${controller} possa abri-lo, com um resumo em números (sem imagens) de ${num(frames)} quadros — a posição do seu rosto, o ângulo da cabeça, as piscadas e a cor da pele —, as cores e as instruções mostradas e em que momento, e o nome e as configurações da sua câmera.`,
    send: 'Enviar',
    retake: 'Gravar novamente',
    cancel: 'Cancelar, não enviar nada',
    videoLabel: 'Sua gravação',
    templateIntro: 'Nada foi enviado ainda. Estes são os recortes do seu rosto a partir dos quais o modelo foi criado; eles ficam neste dispositivo e nunca são enviados.',
    cropsLabel: 'Recortes do rosto usados para o modelo (não enviados)',
    templateWhatIsSent: (numbers, frames, controller) =>
      `Se você enviar: ${num(numbers)} números calculados a partir destes recortes (um modelo facial, não uma imagem), lacrados para que somente ${controller} possa abri-los, com um resumo em números (sem imagens) de ${num(frames)} quadros — a posição do seu rosto, o ângulo da cabeça, as piscadas e a cor da pele —, as cores e as instruções mostradas e em que momento, e o nome e as configurações da sua câmera. Nenhuma imagem ou vídeo é enviado.`,
  },
  sending: {
    message: 'Enviando com segurança…',
    cancel: 'Parar o envio',
    resumed: (sealedAt) => `Enviando a verificação facial que você lacrou às ${sealedAt}: ela ainda não tinha chegado.`,
    waiting: (seconds) =>
      `Aguardando a rede. A verificação continua lacrada neste navegador; a próxima tentativa será em ${num(seconds)}\u00a0s.`,
    offline: 'Você está off-line. Sua verificação facial continua lacrada neste navegador e será enviada assim que você voltar a ficar on-line.',
    tryNow: 'Tentar agora',
    cancelResumed: 'Parar e apagar deste navegador',
  },
  done: {
    thanks: 'Agradecemos. Sua verificação facial foi enviada.',
    receiptId: 'Comprovante',
    sent: 'Enviado',
    sentValue: (kb) => `um vídeo lacrado com o respectivo resumo (${num(kb)}\u00a0KB)`,
    sentTemplate: (kb) => `um modelo facial lacrado com o respectivo resumo (${num(kb)}\u00a0KB, sem imagem)`,
    hash: 'Hash (SHA-256)',
    keptUntil: 'Apagado automaticamente em',
    erase: 'Apagar meus dados agora',
    eraseHint: 'Guarde este link: é a única forma de apagar esta gravação antes dessa data.',
    download: 'Baixar comprovante',
    downloadHint: 'Salva este comprovante, o registro do seu consentimento e o link de exclusão em um arquivo, para que o link não se perca.',
  },
  declined: {
    declined: 'Você optou por não fazer a verificação facial. Nada foi gravado.',
    cancelled: 'Você cancelou. Nada foi enviado, e a gravação foi descartada.',
    checkingCancelled: 'Verificando se a sua gravação já tinha sido enviada antes de você cancelar…',
    // "até" and a direct object ("consultar") avoid guessing whether the controller's name takes an article (a / à / ao).
    storedDespiteCancel: (controller) =>
      `Sua gravação já tinha chegado até ${controller} antes de você cancelar, por isso está armazenada, lacrada. Você pode apagá-la agora pelo link abaixo; caso contrário, ela será apagada automaticamente na data indicada.`,
    unknownCancelled: (controller, contact) =>
      `Você cancelou enquanto sua gravação estava sendo enviada, e não foi possível consultar ${controller} sobre a chegada dela. Se ela chegou, será apagada ao fim do prazo de retenção; para que seja apagada antes, escreva para ${contact}.`,
    alternative: 'Usar a alternativa',
  },
  error: {
    retry: 'Tentar novamente',
    cancel: 'Cancelar',
    configuration: 'Esta página não está configurada corretamente. O responsável pelo site foi avisado; use a alternativa, por favor.',
    generic: 'Algo deu errado. Tente de novo ou use a alternativa.',
    codes: {
      'camera-denied': 'O acesso à câmera foi negado. Permita a câmera para este site nas configurações do navegador e tente novamente.',
      'camera-not-found': 'Nenhuma câmera foi encontrada. Conecte uma câmera e tente novamente.',
      'camera-busy': 'A câmera está em uso por outro aplicativo ou não pôde ser iniciada. Feche esse aplicativo e tente novamente.',
      'camera-overconstrained': 'Esta câmera não consegue fornecer a imagem necessária. Tente outra câmera.',
      'camera-unsupported': 'Este navegador não consegue usar a câmera aqui. Use um navegador atualizado.',
      'camera-ended': 'A câmera parou (foi desconectada ou passou a ser usada por outro aplicativo). Nada foi guardado; verifique a câmera e tente novamente.',
      'camera-timeout': 'A câmera não mostrou nenhuma imagem. Feche outros aplicativos que possam estar usando a câmera e tente novamente.',
      'session-unavailable': 'Não foi possível iniciar a verificação: o site não respondeu. Verifique sua conexão e tente novamente.',
      'session-invalid': 'O aviso mudou desde que você o leu, ou não foi possível iniciar a verificação. Leia-o novamente antes de continuar.',
      'upload-failed': 'Não foi possível enviar sua gravação; ela continua guardada. Verifique sua conexão e tente novamente.',
      'challenge-expired': 'Isso levou mais tempo do que o permitido. Grave novamente.',
      'upload-rejected': 'Não foi possível aceitar a verificação. Por favor, grave novamente.',
      'seal-failed': 'Não foi possível preparar sua gravação para o envio. Tente novamente.',
      'model-missing': 'Não foi possível carregar o detector de rosto. Verifique sua conexão e tente novamente.',
      'vision-failed': 'O detector de rosto parou de funcionar. Tente novamente.',
      'embedding-failed': 'Não foi possível criar seu modelo facial a partir desta gravação. Grave novamente, de frente para a câmera e com luz uniforme.',
      'liveness-failed': 'A verificação não conseguiu confirmar que você está presente, depois de todas as tentativas permitidas. Você ainda pode continuar de outra forma.',
    },
  },
};
