// Reception head's admin area (issue 4 extends this). Official terms belong here.
export const admin = {
  title: 'Thống kê kết quả đánh giá',
  pinTitle: 'Nhập mã PIN',
} as const;
