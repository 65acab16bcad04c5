// The on-screen keyboard used for comments and typed dossier codes.
export const keyboard = {} as const;
