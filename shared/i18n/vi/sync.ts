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
  /** `npm run admin -- status`, when the city server's last comparison found days that differ. */
  reconciliation: {
    heading: 'Đối chiếu với máy chủ lúc {{time}}: số lượt chưa khớp ở {{n}} ngày',
    day: 'máy chủ đã nhận {{server}}/{{kiosk}} lượt ngày {{day}}',
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
    tls: 'Lỗi kết nối bảo mật (TLS, chứng chỉ) với máy chủ',
    proxy_unreachable: 'Không kết nối được máy chủ proxy',
    proxy_auth: 'Máy chủ proxy yêu cầu xác thực: tên đăng nhập hoặc mật khẩu proxy chưa đúng',
    proxy_refused: 'Máy chủ proxy không mở được kết nối tới máy chủ',
    proxy_timeout: 'Không nhận được trả lời kịp thời qua máy chủ proxy',
    proxy_unsupported: 'Thiết lập proxy của hệ thống không dùng được (chưa hỗ trợ SOCKS)',
  },
} as const;
