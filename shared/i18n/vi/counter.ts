// Staff screens of the counter workflow: signing in for a shift, the officer on duty,
// typing a dossier code.
export const counter = {
  signIn: {
    whoTitle: 'Ai đang đăng nhập?',
    head: 'Trưởng bộ phận',
    officerHint: 'Cán bộ nhập mã PIN của mình để nhận ca tại quầy này.',
    pinFor: 'Nhập mã PIN của {{name}}',
  },
  tabs: {
    tally: 'Thống kê',
    duty: 'Ca trực và mã hồ sơ',
  },
  duty: {
    title: 'Cán bộ trực tại quầy',
    current: 'Đang trực: {{name}}',
    nobody: 'Chưa có cán bộ nhận ca. Các lượt đánh giá chỉ ghi nhận quầy.',
    choose: 'Chọn cán bộ nhận ca',
    otherCounters: 'Cán bộ quầy khác',
    signOut: 'Kết thúc ca',
    signedIn: 'Đã nhận ca: {{name}}',
    endsAtMidnight: 'Ca trực tự kết thúc vào cuối ngày.',
    close: 'Đóng',
  },
  typed: {
    open: 'Nhập mã hồ sơ',
    title: 'Nhập mã hồ sơ',
    hint: 'Nhập mã trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.31.H21-261201-0042.',
    submit: 'Mời công dân đánh giá',
    cancel: 'Trở lại',
  },
  scan: {
    invalid: 'Mã hồ sơ không hợp lệ, chưa ghi nhận. Vui lòng quét lại.',
    queued: 'Đã nhận mã hồ sơ {{code}}. Màn hình đánh giá sẽ mở sau lượt hiện tại.',
    failed: 'Chưa đọc được mã hồ sơ. Vui lòng quét lại.',
  },
} as const;
