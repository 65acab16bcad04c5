import type { keyboard as vi } from '../vi/keyboard';
import type { TranslationShape } from '../types';

export const keyboard: TranslationShape<typeof vi> = {
  label: 'Keyboard',
  space: 'Space',
  backspace: 'Delete',
  shift: 'Capital',
  mode: {
    telex: 'Vietnamese (Telex)',
    plain: 'ABC',
    name: 'Typing: {{mode}}',
  },
  counter: '{{n}}/{{max}} characters',
  full: 'Maximum length reached',
};
