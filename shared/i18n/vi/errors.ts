// One message per error code in shared/errors.ts. Staff-facing where the citizen never sees it.
export const errors = {
  INVALID_INPUT: 'Dữ liệu không hợp lệ: {{field}} — {{detail}}.',
  CONFIG_INVALID: 'Cấu hình không hợp lệ: {{field}} — {{detail}}. Vui lòng liên hệ bộ phận CNTT.',
  DATABASE_TOO_NEW: 'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của ứng dụng. Vui lòng cập nhật ứng dụng hoặc liên hệ bộ phận CNTT.',
  DATABASE_ERROR: 'Không mở được cơ sở dữ liệu đánh giá. Vui lòng liên hệ bộ phận CNTT.',
  RATING_NOT_FOUND: 'Không tìm thấy lượt đánh giá.',
  RATING_LOCKED: 'Lượt đánh giá này đã được gửi lên máy chủ, không thể sửa.',
  FORBIDDEN: 'Yêu cầu không được phép.',
  UNAUTHORIZED: 'Yêu cầu thiếu hoặc sai mã xác thực.',
  PIN_WRONG: 'Sai mã PIN, còn {{n}} lần thử.',
  PIN_LOCKED: 'Tạm khóa trong {{m}} phút.',
  PIN_NOT_SET: 'Chưa cài đặt mã PIN quản trị. Vui lòng liên hệ bộ phận CNTT.',
  ADMIN_SESSION_EXPIRED: 'Phiên quản trị đã hết hạn. Vui lòng nhập lại mã PIN.',
  EXPORT_FAILED: 'Không xuất được báo cáo. Vui lòng thử lại.',
  NOT_FOUND: 'Không tìm thấy chức năng được yêu cầu.',
  INTERNAL: 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại hoặc liên hệ bộ phận CNTT.',
} as const;
