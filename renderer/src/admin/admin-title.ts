// The admin area is one dialog whose content changes (PIN pad, tally, shift, diagnostics):
// the heading of whichever screen is shown carries this id and so names the dialog.
export const ADMIN_TITLE_ID = 'admin-area-title';
