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
  /** One per SYNC_ERROR_CODES entry in shared/upload-protocol.ts. */
  errors: {
    network: 'Không kết nối được máy chủ',
    timeout: 'Máy chủ không trả lời kịp',
    server_error: 'Máy chủ đang gặp lỗi',
    bad_response: 'Máy chủ trả lời không đúng giao thức',
    auth_failed: 'Sai thông tin xác thực (mã truy cập của kiosk)',
    throttled: 'Máy chủ đang quá tải, sẽ gửi lại sau',
    too_large: 'Gói dữ liệu quá lớn, đang chia nhỏ',
    bad_request: 'Máy chủ từ chối dữ liệu',
    no_progress: 'Máy chủ không xác nhận lượt nào',
    internal: 'Lỗi nội bộ khi gửi dữ liệu',
  },
} as const;
