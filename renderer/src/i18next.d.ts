// Types every t('…') call against the Vietnamese source: a misspelt key fails
// `tsc -p tsconfig.web.json`.
import 'i18next';
import type { vi } from '../../shared/i18n/vi';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
