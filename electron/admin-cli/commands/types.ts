export interface AdminCommand {
  name: string;
  summary: string;
  /** Returns the process exit code. Writes results to stdout, diagnostics to stderr. */
  run(argv: string[]): Promise<number>;
}
