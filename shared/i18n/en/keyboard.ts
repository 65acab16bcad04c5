import type { keyboard as vi } from '../vi/keyboard';
import type { TranslationShape } from '../types';

export const keyboard: TranslationShape<typeof vi> = {};
