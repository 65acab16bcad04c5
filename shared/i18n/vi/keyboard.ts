// The on-screen keyboard used for comments and typed dossier codes.
export const keyboard = {
  label: 'Bàn phím',
  space: 'Dấu cách',
  backspace: 'Xóa',
  shift: 'Chữ hoa',
  mode: {
    telex: 'Tiếng Việt (Telex)',
    plain: 'ABC',
    // Read out before the current mode, so the key says what it switches.
    name: 'Kiểu gõ: {{mode}}',
  },
  counter: '{{n}}/{{max}} ký tự',
  full: 'Đã đủ số ký tự tối đa',
} as const;
