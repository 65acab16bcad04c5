// What is wrong with the configuration file, one sentence per problem (CONFIG_PROBLEMS in
// shared/config-schema.ts), shown on the start-up error screen for IT staff. Never quotes
// the file's content: only the path, a line and column, or a key's name.
export const configErrors = {
  message: 'Cấu hình không hợp lệ: {{problem}}. Vui lòng liên hệ bộ phận CNTT.',
  problems: {
    missing_file: 'không tìm thấy tệp cấu hình {{path}}',
    unreadable: 'không đọc được tệp cấu hình {{path}}',
    empty: 'tệp cấu hình không có nội dung',
    truncated: 'tệp cấu hình bị thiếu phần cuối, nội dung dừng ở dòng {{line}}, cột {{column}}',
    not_json: 'tệp cấu hình không đúng định dạng JSON, lỗi ở dòng {{line}}, cột {{column}}',
    not_object: 'toàn bộ tệp cấu hình phải là một nhóm mục đặt trong dấu { }',
    wrong_type: 'mục “{{field}}” sai kiểu giá trị, cần {{expected}}',
    missing_key: 'thiếu mục bắt buộc “{{field}}”',
    unknown_key: 'mục “{{field}}” không có trong cấu hình, vui lòng kiểm tra chính tả',
    not_allowed: 'mục “{{field}}” chỉ nhận một trong các giá trị {{allowed}}',
    not_https:
      'địa chỉ máy chủ “{{field}}” phải bắt đầu bằng https:// (chỉ được dùng http:// cho chính máy này: localhost, 127.x.x.x, ::1)',
    invalid_value: 'giá trị của mục “{{field}}” không hợp lệ (chi tiết được ghi trong nhật ký của máy)',
  },
  types: {
    string: 'một chuỗi ký tự đặt trong dấu ngoặc kép',
    number: 'một số',
    int: 'một số nguyên',
    boolean: 'true hoặc false',
    object: 'một nhóm mục đặt trong dấu { }',
    array: 'một danh sách đặt trong dấu [ ]',
    other: 'một giá trị khác',
  },
} as const;
