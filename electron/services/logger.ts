// The few log calls services make. pino (web host, CLI, server) and electron-log (Electron
// main) both fit, so services never pick a logging library themselves.
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
