// A refusal the dashboard shows as a page in the reader's language: the key names the
// message under dashboard.errors in shared/i18n, never a raw detail from the request.

export class DashboardError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${status} dashboard.errors.${key}`);
  }
}
