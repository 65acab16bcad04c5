// What is wrong with the configuration file, one sentence per problem (CONFIG_PROBLEMS in
// shared/config-schema.ts), shown as a list on the start-up error screen to the citizen and
// the staff. Never quotes the file's content: only the path, a line and column, a key's name
// or a limit from the schema. {{field}} is shown as code; the English detail goes to the log.
export const configErrors = {
  intro: 'Cấu hình của máy không hợp lệ, cần sửa {{n}} lỗi sau:',
  contactIt: 'Vui lòng liên hệ bộ phận CNTT.',
  problems: {
    missing_file: 'Không tìm thấy tệp cấu hình {{path}}.',
    unreadable: 'Không đọc được tệp cấu hình {{path}}.',
    empty: 'Tệp cấu hình không có nội dung.',
    truncated: 'Tệp cấu hình bị thiếu phần cuối, nội dung dừng ở dòng {{line}}, cột {{column}}.',
    not_json: 'Tệp cấu hình bị lỗi ở dòng {{line}}, cột {{column}}.',
    not_object: 'Toàn bộ tệp cấu hình phải là một nhóm trường đặt trong dấu { }.',
    wrong_type: 'Trường {{field}} phải là {{expected}}.',
    missing_key: 'Thiếu trường bắt buộc {{field}}.',
    unknown_key: 'Không có trường cấu hình nào tên là {{field}}, vui lòng kiểm tra chính tả.',
    not_allowed: 'Trường {{field}} phải là {{allowed}}.',
    not_https: 'Trường {{field}} phải bắt đầu bằng https:// (chỉ được dùng http:// cho chính máy này: localhost, 127.x.x.x, ::1).',
    not_identifier: 'Trường {{field}} chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, dấu gạch ngang và dấu gạch dưới, dài từ 1 đến 64 ký tự.',
    too_small: {
      number: 'Trường {{field}} phải từ {{limit}} trở lên.',
      number_exclusive: 'Trường {{field}} phải lớn hơn {{limit}}.',
      string: 'Trường {{field}} phải có ít nhất {{limit}} ký tự.',
      array: 'Trường {{field}} phải có ít nhất {{limit}} mục.',
    },
    too_big: {
      number: 'Trường {{field}} không được lớn hơn {{limit}}.',
      number_exclusive: 'Trường {{field}} phải nhỏ hơn {{limit}}.',
      string: 'Trường {{field}} không được dài quá {{limit}} ký tự.',
      array: 'Trường {{field}} không được có quá {{limit}} mục.',
    },
    invalid_value: 'Giá trị của trường {{field}} không hợp lệ (chi tiết được ghi trong nhật ký của máy).',
    // The follow-up reasons (`reasons`).
    not_reason_key:
      'Trường {{field}} phải bắt đầu bằng một chữ cái thường không dấu, sau đó chỉ gồm chữ cái thường không dấu, chữ số và dấu gạch dưới, dài từ 1 đến 40 ký tự.',
    duplicate_reason_key: 'Trường {{field}} trùng mã với một lý do đã có ở trên; mỗi lý do phải có mã riêng.',
    not_language_code: 'Trường {{field}} không phải là mã ngôn ngữ (ví dụ: en).',
  },
  types: {
    string: 'một chuỗi ký tự đặt trong dấu ngoặc kép',
    number: 'một số',
    int: 'một số nguyên',
    boolean: 'true hoặc false',
    object: 'một nhóm trường đặt trong dấu { }',
    array: 'một danh sách đặt trong dấu [ ]',
    other: 'một giá trị khác',
  },
} as const;
