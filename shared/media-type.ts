// The one media-type rule of both HTTP servers (the web host's API and the city receiver):
// exactly application/json, with at most a UTF-8 charset, so that look-alikes such as
// application/jsonp or text/json are refused rather than parsed.

export function isJsonMediaType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.length <= 1 && params.every((p) => /^charset=(utf-8|"utf-8")$/.test(p));
}
