/** Same keys as the Vietnamese source, any string values: a missing English key fails typecheck. */
export type TranslationShape<T> = { [K in keyof T]: T[K] extends string ? string : TranslationShape<T[K]> };
