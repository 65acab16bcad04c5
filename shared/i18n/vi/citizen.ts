// Citizen screens. Polite counter register: the citizen is "Ông/Bà", the office "chúng tôi".
export const citizen = {
  question: 'Ông/Bà có hài lòng với sự phục vụ của chúng tôi?',
  hint: 'Chạm vào một biểu tượng để đánh giá',
  levels: {
    very_satisfied: 'Rất hài lòng',
    satisfied: 'Hài lòng',
    neutral: 'Bình thường',
    not_satisfied: 'Không hài lòng',
    very_dissatisfied: 'Rất không hài lòng',
  },
  followUp: {
    question: 'Ông/Bà chưa hài lòng về điều gì?',
    // After "Bình thường" (neutral): nothing was called unsatisfactory, so ask what to improve.
    questionNeutral: 'Theo Ông/Bà, chúng tôi cần cải thiện điều gì?',
    questionHint: '(có thể chọn nhiều ý)',
    send: 'Gửi',
    skip: 'Bỏ qua',
    feesHint: 'Nếu Ông/Bà bị thu phí sai quy định, xin phản ánh qua đường dây nóng hoặc hộp thư góp ý của đơn vị.',
    comment: 'Ý kiến khác (không ghi số CCCD)',
  },
  reasons: {
    late: 'Trả kết quả trễ hẹn',
    repeat_visits: 'Phải đi lại, bổ sung hồ sơ nhiều lần',
    staff_attitude: 'Thái độ, cách hướng dẫn của cán bộ',
    paperwork: 'Thủ tục, giấy tờ phức tạp hoặc ngoài quy định',
    fees: 'Phí, lệ phí không đúng quy định',
    result_error: 'Kết quả có sai sót',
    waiting_facilities: 'Chờ lâu, nơi chờ, biển chỉ dẫn',
    other: 'Lý do khác',
  },
  thanks: 'Cảm ơn Ông/Bà đã đánh giá!',
  thanksLow: 'Chúng tôi xin tiếp thu và sẽ cải thiện.',
  saveFailed: 'Xin lỗi, chưa lưu được đánh giá. Ông/Bà vui lòng chạm lại.',
  storageFull: 'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được đánh giá. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.',
  // After a stored rating: its reasons or comment could not be added (a full disk).
  storageFullFeedback:
    'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được ý kiến. Đánh giá của Ông/Bà đã được ghi nhận. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.',
  saving: 'Đang lưu đánh giá…',
  unavailable: {
    title: 'Máy đánh giá tạm thời chưa sẵn sàng',
    apology: 'Xin lỗi Ông/Bà vì sự bất tiện. Cán bộ của chúng tôi sẽ khắc phục sớm.',
  },
  recovering: 'Xin Ông/Bà vui lòng chờ trong giây lát…',
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  loading: 'Đang khởi động…',
  counter: '{{counter}}',
  onDuty: 'Cán bộ tiếp nhận: {{name}}',
  dossier: {
    code: 'Hồ sơ số {{code}}',
    officer: 'Cán bộ {{name}}',
    question: 'Ông/Bà vui lòng đánh giá mức độ hài lòng',
    cancel: 'Không đánh giá',
    alreadyRated: 'Hồ sơ này đã được đánh giá. Xin cảm ơn Ông/Bà!',
  },
  comment: {
    title: 'Ý kiến khác',
    hint: 'Ông/Bà vui lòng không ghi số CCCD hay thông tin cá nhân.',
    placeholder: 'Chạm vào các phím bên dưới để viết ý kiến',
    open: 'Ý kiến khác',
    send: 'Gửi ý kiến',
    skip: 'Bỏ qua',
  },
  contact: {
    open: 'Để lại số điện thoại cho khảo sát của thành phố',
    title: 'Tham gia khảo sát mức độ hài lòng',
    notice:
      'Nếu Ông/Bà đồng ý, số điện thoại sẽ được dùng duy nhất để {{unit}} và cơ quan được UBND giao khảo sát liên hệ hỏi ý kiến về dịch vụ hành chính công. Số điện thoại được lưu riêng, không gắn với đánh giá của Ông/Bà, và được xóa sau {{days}} ngày. Ông/Bà có thể yêu cầu xem hoặc xóa số điện thoại bất cứ lúc nào.',
    contactPoint: 'Liên hệ: {{contact}}',
    consent: 'Tôi đồng ý cung cấp số điện thoại cho mục đích khảo sát nêu trên',
    phone: 'Số điện thoại',
    phoneInvalid: 'Số điện thoại chưa đúng. Ông/Bà vui lòng kiểm tra lại.',
    send: 'Gửi',
    skip: 'Bỏ qua',
    thanks: 'Cảm ơn Ông/Bà đã đồng ý tham gia khảo sát!',
    saveFailed: 'Xin lỗi, chưa lưu được số điện thoại. Ông/Bà vui lòng chạm Gửi lại.',
    storageFull: 'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được số điện thoại. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.',
    delete: 'Xóa',
  },
  // The idle screen's help for citizens who see poorly or cannot read (issue #15).
  aids: {
    label: 'Hỗ trợ đọc và nghe',
    listen: 'Nghe hướng dẫn',
    largeText: 'Chữ lớn',
  },
  // The dark layer over the idle screen outside office hours (burn-in care).
  screenCare: {
    wake: 'Mời Ông/Bà chạm vào màn hình để đánh giá',
  },
} as const;
