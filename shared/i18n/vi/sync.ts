// Staff status line and IT diagnostics for uploads (issue 3 extends this).
export const sync = {
  title: 'Đồng bộ dữ liệu',
  pending: 'Chưa gửi: {{n}}',
  rejected: 'Bị từ chối: {{n}}',
  lastSuccess: 'Gửi lần cuối: {{time}}',
  never: 'chưa gửi lần nào',
  disabled: 'Chưa cấu hình máy chủ (lưu tại máy)',
  states: {
    disabled: 'Chưa cấu hình máy chủ',
    idle: 'Sẵn sàng',
    syncing: 'Đang gửi…',
    backoff: 'Lỗi kết nối máy chủ',
    auth_failed: 'Sai thông tin xác thực',
  },
} as const;
