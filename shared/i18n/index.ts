import { en } from './en';
import { vi } from './vi';

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;
export { en, vi };
export type { TranslationShape } from './types';
