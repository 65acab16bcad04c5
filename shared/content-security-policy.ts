// One policy for both shells (Electron's app:// protocol and the web host): the renderer
// loads only its own scripts, styles, fonts, images and sound, and talks only to its own origin.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The unit's recorded spoken prompts, served by the shell itself (/speech-audio/).
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
