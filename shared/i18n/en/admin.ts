import type { TranslationShape } from '../types';
import type { admin as vi } from '../vi/admin';

export const admin: TranslationShape<typeof vi> = {
  title: 'Satisfaction tally',
  pinTitle: 'Enter PIN',
};
