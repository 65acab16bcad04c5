// The few log calls services make. pino (web host, CLI, server) and electron-log (Electron
// main) both fit, so services never pick a logging library themselves.
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A log line as a worker thread sends it to the main thread's logger. */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields: object;
}

/** A logger for a worker thread: its lines are posted to, and written by, the main thread's logger. */
export function forwardingLogger(post: (m: LogMessage) => void): Logger {
  const send = (level: LogMessage['level']) => (obj: object | string, msg?: string) => {
    const [fields, text] = typeof obj === 'string' ? [{}, obj] : [obj, msg ?? ''];
    try {
      post({ type: 'log', level, msg: text, fields });
    } catch {
      // A field that cannot be cloned must not cost the line itself.
      post({ type: 'log', level, msg: text, fields: { fields: String(JSON.stringify(fields)) } });
    }
  };
  return { info: send('info'), warn: send('warn'), error: send('error') };
}
