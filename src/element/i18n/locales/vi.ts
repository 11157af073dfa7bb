import type { Translation } from '../translation.js';

/*
 * Vietnamese. Register: "bạn" for the reader and "chúng tôi" for the service throughout; requests are
 * "Hãy …", "Vui lòng …" where the English says "please". The notice strings say exactly what the
 * English says: nothing softened, nothing added. "Sealed" is "niêm phong"; "face template" is "mẫu
 * khuôn mặt"; "capture" is "thu thập" (the word of Vietnam's personal-data rules); "level of
 * assurance" is "mức độ đảm bảo"; the SHA-256 hash is "mã băm". Vietnamese nouns do not inflect for
 * number (Intl.PluralRules('vi') has only "other"), so no function here chooses a plural form.
 */

/** Vietnamese digit grouping (1.500) and decimal comma. */
const num = (n: number): string => n.toLocaleString('vi');

export const vi: Translation = {
  stepTitle: {
    consent: 'Kiểm tra khuôn mặt: hãy đọc trước khi đồng ý',
    camera: 'Đang khởi động camera',
    guidance: 'Đặt khuôn mặt vào đúng vị trí',
    capture: 'Đang ghi hình',
    review: 'Xem lại đoạn ghi hình của bạn',
    sending: 'Đang gửi',
    done: 'Đã gửi',
    declined: 'Không thực hiện kiểm tra khuôn mặt',
    error: 'Đã xảy ra lỗi',
  },
  embeddingStepTitle: {
    capture: 'Đang kiểm tra',
    review: 'Xem lại những gì sẽ được gửi',
  },
  consent: {
    loading: 'Đang tải thông báo…',
    biometricNotice: {
      clip: 'Bước kiểm tra này sử dụng dữ liệu sinh trắc học: hình ảnh khuôn mặt của bạn.',
      embedding: 'Bước kiểm tra này sử dụng dữ liệu sinh trắc học: khuôn mặt của bạn, được phân tích trên thiết bị này.',
    },
    modeDescription: {
      clip: 'Một đoạn video ngắn về khuôn mặt của bạn (khoảng 10 giây, trong lúc màn hình đổi màu và bạn làm theo một vài hướng dẫn) được ghi lại trong trình duyệt này và gửi đi ở dạng niêm phong, kèm theo bản tóm tắt bằng số của bước kiểm tra (khuôn mặt bạn đã chuyển động và phản chiếu màu sắc như thế nào, cùng tên và các thiết lập camera của bạn), để chỉ tổ chức nêu dưới đây mới mở được chúng.',
      embedding: 'Khuôn mặt của bạn được phân tích trong trình duyệt này trong lúc màn hình đổi màu và bạn làm theo một vài hướng dẫn. Chỉ có một mẫu khuôn mặt (128 con số được tính từ khuôn mặt của bạn) và bản tóm tắt bằng số của bước kiểm tra (khuôn mặt bạn đã chuyển động và phản chiếu màu sắc như thế nào, cùng tên và các thiết lập camera của bạn) được gửi đi ở dạng niêm phong, để chỉ tổ chức nêu dưới đây mới mở được chúng. Không có hình ảnh hay video nào rời khỏi thiết bị của bạn.',
    },
    controller: 'Ai chịu trách nhiệm',
    processors: 'Ai xử lý dữ liệu thay mặt họ',
    purpose: 'Vì sao',
    captured: 'Những gì được thu thập',
    retention: (days) => `Lưu giữ trong ${num(days)} ngày`,
    recipients: 'Ai nhận dữ liệu',
    notSold: 'Không bán dữ liệu',
    rights: 'Quyền của bạn',
    policy: 'Chính sách quyền riêng tư',
    erasure: 'Sau khi gửi, bạn sẽ nhận được biên nhận kèm đường liên kết để xóa dữ liệu của bạn bất cứ lúc nào.',
    outbox: 'Nếu mất kết nối trong lúc gửi, dữ liệu đã niêm phong sẽ chờ trong trình duyệt này (không ai mở được nó ở đó) và được gửi khi bạn có mạng trở lại hoặc vào lần tới bạn mở trang này, trong tối đa khoảng 20 phút; sau đó, nó sẽ bị xóa khỏi trình duyệt này.',
    pendingExpired: 'Một lần kiểm tra khuôn mặt bạn đã gửi trước đó không thể được chuyển đến kịp thời và đã bị xóa khỏi trình duyệt này. Không có gì từ lần đó được giữ lại ở đây. Bạn có thể thực hiện một lần kiểm tra mới ở bên dưới.',
    alternative: 'Bạn không muốn thực hiện?',
    agreeLabel: (controller) =>
      `Tôi đồng ý để ${controller} thu thập và sử dụng dữ liệu khuôn mặt của tôi như mô tả ở trên.`,
    continue: 'Tiếp tục',
    decline: 'Không, cảm ơn. Dùng cách khác',
  },
  camera: {
    starting: 'Đang khởi động camera và tải bộ dò khuôn mặt…',
    cancel: 'Hủy',
    chooseCamera: 'Camera',
    unnamed: (n: number) => `Camera ${n}`,
    virtual: 'camera ảo',
    preview: 'Xem trước camera',
  },
  guidance: {
    searching: 'Hãy nhìn vào camera và giữ khuôn mặt trong khung bầu dục.',
    holdStill: 'Tốt, hãy giữ yên…',
    'no-face': 'Không tìm thấy khuôn mặt. Hãy nhìn vào camera và giữ khuôn mặt trong khung bầu dục.',
    'multiple-faces': 'Vui lòng chỉ một người: hãy đảm bảo không có ai khác trong khung hình.',
    'move-closer': 'Hãy lại gần camera hơn.',
    'move-back': 'Hãy lùi ra xa một chút.',
    'move-left': 'Hãy dịch sang bên trái của bạn một chút.',
    'move-right': 'Hãy dịch sang bên phải của bạn một chút.',
    'move-up': 'Hãy dịch lên trên một chút.',
    'move-down': 'Hãy dịch xuống dưới một chút.',
    'too-dark': 'Quá tối. Hãy quay mặt về phía đèn hoặc cửa sổ.',
    'too-bright': 'Quá nhiều ánh sáng phía sau hoặc chiếu vào bạn. Hãy quay tránh khỏi nguồn sáng.',
    'face-camera': 'Hãy nhìn thẳng vào camera.',
    'open-eyes': 'Hãy mở mắt và nhìn vào màn hình.',
    'too-blurry': 'Hình ảnh bị mờ. Hãy giữ yên thiết bị hoặc lau ống kính camera.',
  },
  capture: {
    recording: 'Đang ghi hình… hãy tiếp tục nhìn vào camera.',
    checking: 'Đang kiểm tra… hãy tiếp tục nhìn vào camera.',
    lost: 'Hãy giữ khuôn mặt trong khung bầu dục.',
  },
  templateProblem: {
    'too-few-frames': 'Chúng tôi không thể nhìn đủ rõ khuôn mặt của bạn. Hãy nhìn thẳng vào camera, mở mắt, ở nơi có ánh sáng đều, rồi thử lại.',
    'frames-disagree': 'Khuôn mặt đã thay đổi trong lúc kiểm tra. Chỉ người đang được xác minh mới được ở trong khung hình; hãy thử lại.',
    'not-finite': 'Không thể tạo mẫu khuôn mặt của bạn. Hãy thử lại.',
  },
  liveness: {
    holdStill: 'Hãy giữ yên và nhìn vào màn hình.',
    colours: 'Hãy giữ yên: màn hình đang đổi màu.',
    flashWarning: (count, seconds) =>
      `Khi bạn giữ yên, màn hình sẽ hiển thị ${num(count)} màu trong khoảng ${num(seconds)} giây (không có màu đỏ, tối đa 3 lần đổi mỗi giây), sau đó yêu cầu bạn thực hiện một vài cử động đầu.`,
    reducedOffer: 'Màu nhấp nháy hoặc cử động đầu gây khó khăn cho bạn? Hãy dùng cách kiểm tra không có chúng.',
    reducedOn: 'Bạn đang dùng cách kiểm tra không có màu nhấp nháy, chỉ cần chớp mắt. Cách này được tính là mức độ đảm bảo thấp hơn.',
    reducedUndo: 'Dùng cách kiểm tra tiêu chuẩn',
    prompts: {
      'turn-left': 'Hãy quay đầu sang bên trái của bạn, rồi quay lại.',
      'turn-right': 'Hãy quay đầu sang bên phải của bạn, rồi quay lại.',
      'look-up': 'Hãy nhìn lên, rồi nhìn lại vào màn hình.',
      nod: 'Hãy gật đầu: nhìn xuống, rồi nhìn lại vào màn hình.',
      blink: 'Hãy chớp mắt chậm.',
      smile: 'Hãy mỉm cười, rồi thả lỏng.',
    },
    actionNames: {
      'turn-left': 'động tác quay đầu sang bên trái của bạn',
      'turn-right': 'động tác quay đầu sang bên phải của bạn',
      'look-up': 'động tác nhìn lên',
      nod: 'động tác gật đầu',
      blink: 'động tác chớp mắt',
      smile: 'động tác mỉm cười',
    },
    step: (index, total) => `Bước ${num(index)} trên ${num(total)}`,
    passed: 'Đã vượt qua các bước kiểm tra: bạn đã cử động như được yêu cầu, và ánh sáng của màn hình đã được ghi nhận trên khuôn mặt bạn.',
    passedLower: 'Đã vượt qua các bước kiểm tra ở mức độ đảm bảo thấp hơn (cách kiểm tra không có màu nhấp nháy).',
    failed: {
      'report-mismatch': 'Đã có sự cố làm gián đoạn bước kiểm tra. Hãy thử lại.',
      'trace-unusable': 'Chúng tôi không còn nhìn thấy khuôn mặt của bạn. Hãy giữ khuôn mặt trong khung bầu dục, ở nơi đủ sáng.',
      'not-steady': 'Hãy giữ yên đầu trong lúc màu sắc thay đổi.',
      'action-missed': 'Chúng tôi không thấy cử động được yêu cầu. Hãy cử động xa hơn một chút, rồi quay lại vị trí chính giữa.',
      'action-wrong': 'Đó là một cử động khác với cử động được yêu cầu. Hãy lần lượt làm theo từng hướng dẫn.',
      'no-return': 'Hãy nhìn lại vào màn hình sau mỗi cử động.',
      'action-timing': 'Đã có sự cố làm gián đoạn bước kiểm tra. Hãy thử lại.',
      'colour-timing': 'Đã có sự cố làm gián đoạn bước kiểm tra. Hãy để thẻ này luôn hiển thị ở phía trước và thử lại.',
      'colour-no-response': 'Chúng tôi không thấy ánh sáng của màn hình trên khuôn mặt bạn. Hãy lại gần màn hình hơn, tăng độ sáng màn hình, hoặc quay tránh nguồn sáng mạnh phía sau bạn.',
      'reduced-path': 'Bước kiểm tra này đã được thực hiện mà không có màu nhấp nháy.',
      signal: 'Camera này có vẻ là camera ảo hoặc camera phần mềm. Hãy chọn camera của chính thiết bị bạn.',
    },
    wrongAction: (asked, seen) => `Chúng tôi đã yêu cầu ${asked}, nhưng lại thấy ${seen}.`,
    missedAction: (asked) =>
      `Chúng tôi không thấy ${asked}. Hãy cử động xa hơn một chút, rồi quay lại vị trí chính giữa.`,
    attemptsLeft: (count) => `Còn ${num(count)} lần thử.`,
  },
  review: {
    intro: 'Hãy xem đoạn ghi hình của bạn. Chưa có gì được gửi đi.',
    whatIsSent: (kb, type, seconds, frames, controller) =>
      `Nếu bạn gửi: đoạn video dài ${num(seconds)} giây này (${num(kb)}\u00a0KB, ${type}), được niêm phong để chỉ ${controller} mới mở được; kèm bản tóm tắt bằng số (không có hình ảnh) của ${num(frames)} khung hình (vị trí khuôn mặt, góc nghiêng của đầu, các lần chớp mắt và màu da của bạn); các màu và hướng dẫn đã hiển thị cùng thời điểm hiển thị; và tên cùng các thiết lập camera của bạn.`,
    send: 'Gửi',
    retake: 'Ghi hình lại',
    cancel: 'Hủy, không gửi gì',
    videoLabel: 'Đoạn ghi hình của bạn',
    templateIntro: 'Chưa có gì được gửi đi. Đây là các ảnh cắt khuôn mặt của bạn được dùng để tạo mẫu; chúng ở lại trên thiết bị này và không bao giờ được gửi đi.',
    cropsLabel: 'Ảnh cắt khuôn mặt dùng để tạo mẫu (không được gửi)',
    templateWhatIsSent: (numbers, frames, controller) =>
      `Nếu bạn gửi: ${num(numbers)} con số được tính từ các ảnh cắt này (một mẫu khuôn mặt, không phải hình ảnh), được niêm phong để chỉ ${controller} mới mở được; kèm bản tóm tắt bằng số (không có hình ảnh) của ${num(frames)} khung hình (vị trí khuôn mặt, góc nghiêng của đầu, các lần chớp mắt và màu da của bạn); các màu và hướng dẫn đã hiển thị cùng thời điểm hiển thị; và tên cùng các thiết lập camera của bạn. Không có hình ảnh hay video nào được gửi đi.`,
  },
  sending: {
    message: 'Đang gửi an toàn…',
    cancel: 'Dừng gửi',
    resumed: (sealedAt) =>
      `Đang gửi lần kiểm tra khuôn mặt bạn đã niêm phong lúc ${sealedAt}: lần kiểm tra đó chưa được gửi đến nơi.`,
    waiting: (seconds) =>
      `Đang chờ mạng. Lần kiểm tra vẫn được niêm phong trong trình duyệt này; lần thử tiếp theo sẽ diễn ra sau ${num(seconds)} giây.`,
    offline: 'Bạn đang ngoại tuyến. Lần kiểm tra khuôn mặt của bạn vẫn được niêm phong trong trình duyệt này và sẽ được gửi ngay khi bạn có mạng trở lại.',
    tryNow: 'Thử ngay',
    cancelResumed: 'Dừng và xóa khỏi trình duyệt này',
  },
  done: {
    thanks: 'Cảm ơn bạn. Lần kiểm tra khuôn mặt của bạn đã được gửi.',
    receiptId: 'Biên nhận',
    sent: 'Đã gửi',
    sentValue: (kb) => `một video đã niêm phong kèm bản tóm tắt (${num(kb)}\u00a0KB)`,
    sentTemplate: (kb) => `một mẫu khuôn mặt đã niêm phong kèm bản tóm tắt (${num(kb)}\u00a0KB, không có hình ảnh)`,
    hash: 'Mã băm (SHA-256)',
    keptUntil: 'Tự động xóa vào ngày',
    erase: 'Xóa dữ liệu của tôi ngay',
    eraseHint: 'Hãy giữ đường liên kết này: đây là cách duy nhất để xóa đoạn ghi hình này trước ngày đó.',
    download: 'Tải biên nhận xuống',
    downloadHint: 'Lưu biên nhận này, bản ghi sự đồng ý của bạn và đường liên kết xóa dữ liệu thành một tệp, để không bị mất đường liên kết.',
  },
  declined: {
    declined: 'Bạn đã chọn không thực hiện kiểm tra khuôn mặt. Không có gì được ghi lại.',
    cancelled: 'Bạn đã hủy. Không có gì được gửi đi, và đoạn ghi hình đã bị loại bỏ.',
    checkingCancelled: 'Đang kiểm tra xem đoạn ghi hình của bạn đã được gửi đi trước khi bạn hủy hay chưa…',
    storedDespiteCancel: (controller) =>
      `Đoạn ghi hình của bạn đã được gửi đến ${controller} trước khi bạn hủy, nên nó được lưu trữ ở dạng niêm phong. Bạn có thể xóa nó ngay bằng đường liên kết bên dưới; nếu không, nó sẽ tự động bị xóa vào ngày được hiển thị.`,
    unknownCancelled: (controller, contact) =>
      `Bạn đã hủy trong lúc đoạn ghi hình đang được gửi, và không thể hỏi ${controller} xem nó đã đến nơi hay chưa. Nếu đã đến, nó sẽ bị xóa khi hết thời hạn lưu giữ; để yêu cầu xóa sớm hơn, hãy gửi thư đến ${contact}.`,
    alternative: 'Dùng cách khác',
  },
  error: {
    retry: 'Thử lại',
    cancel: 'Hủy',
    configuration: 'Trang này chưa được thiết lập đúng. Chủ sở hữu trang web đã được thông báo; vui lòng dùng cách khác.',
    generic: 'Đã xảy ra lỗi. Hãy thử lại, hoặc dùng cách khác.',
    codes: {
      'camera-denied': 'Quyền truy cập camera đã bị từ chối. Hãy cho phép trang web này dùng camera trong phần cài đặt của trình duyệt, rồi thử lại.',
      'camera-not-found': 'Không tìm thấy camera. Hãy kết nối camera, rồi thử lại.',
      'camera-busy': 'Camera đang được ứng dụng khác sử dụng hoặc không thể khởi động. Hãy đóng ứng dụng đó, rồi thử lại.',
      'camera-overconstrained': 'Camera này không thể cung cấp hình ảnh cần thiết. Hãy thử camera khác.',
      'camera-unsupported': 'Trình duyệt này không thể dùng camera ở đây. Hãy dùng trình duyệt phiên bản mới.',
      'camera-ended': 'Camera đã dừng (bị rút ra hoặc bị ứng dụng khác chiếm). Không có gì được giữ lại; hãy kiểm tra camera, rồi thử lại.',
      'camera-timeout': 'Camera không hiển thị hình ảnh. Hãy đóng các ứng dụng khác có thể đang dùng camera, rồi thử lại.',
      'session-unavailable': 'Không thể bắt đầu kiểm tra: trang web không phản hồi. Hãy kiểm tra kết nối mạng, rồi thử lại.',
      'session-invalid': 'Thông báo đã thay đổi kể từ khi bạn đọc, hoặc không thể bắt đầu kiểm tra. Hãy đọc lại thông báo trước khi tiếp tục.',
      'upload-failed': 'Không thể gửi đoạn ghi hình của bạn; nó vẫn được giữ lại. Hãy kiểm tra kết nối mạng, rồi thử lại.',
      'challenge-expired': 'Quá trình này đã vượt quá thời gian cho phép. Hãy ghi hình lại.',
      'upload-rejected': 'Không thể chấp nhận lần kiểm tra này. Vui lòng ghi hình lại.',
      'seal-failed': 'Không thể chuẩn bị đoạn ghi hình của bạn để gửi. Hãy thử lại.',
      'model-missing': 'Không thể tải bộ dò khuôn mặt. Hãy kiểm tra kết nối mạng, rồi thử lại.',
      'vision-failed': 'Bộ dò khuôn mặt đã ngừng hoạt động. Hãy thử lại.',
      'embedding-failed': 'Không thể tạo mẫu khuôn mặt của bạn từ đoạn ghi hình này. Hãy ghi hình lại, nhìn thẳng vào camera ở nơi có ánh sáng đều.',
      'liveness-failed': 'Sau tất cả các lần thử được phép, bước kiểm tra vẫn không thể xác nhận rằng bạn đang có mặt. Bạn vẫn có thể tiếp tục bằng cách khác.',
    },
  },
};
