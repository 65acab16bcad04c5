// The route rule (server.proxy, else the system's PAC answer, else direct), read as a table,
// and the one classification of transport failures every route shares.
import { describe, expect, it } from 'vitest';
import { chooseRoute, parsePacAnswer, redactProxyUrl } from '../../../electron/services/sync/proxy-route';
import { classifyRequestError, isTransportFailure, scrubCredentials } from '../../../electron/services/sync/upload-client';

describe('PAC answers from the system (Chromium resolveProxy)', () => {
  it.each([
    ['DIRECT', { via: 'direct' }, []],
    ['', { via: 'direct' }, []],
    ['PROXY proxy.local:3128', { via: 'proxy', url: 'http://proxy.local:3128' }, []],
    ['PROXY proxy.local:3128; DIRECT', { via: 'proxy', url: 'http://proxy.local:3128' }, []],
    ['proxy 10.0.0.5:8080;DIRECT', { via: 'proxy', url: 'http://10.0.0.5:8080' }, []],
    ['PROXY proxy.local', { via: 'proxy', url: 'http://proxy.local:80' }, []],
    ['HTTPS p:443', { via: 'proxy', url: 'https://p:443' }, []],
    ['HTTPS secure.proxy', { via: 'proxy', url: 'https://secure.proxy:443' }, []],
    ['PROXY [fd00::1]:3128', { via: 'proxy', url: 'http://[fd00::1]:3128' }, []],
    ['  PROXY   a:1 ;  PROXY b:2 ', { via: 'proxy', url: 'http://a:1' }, []],
    ['DIRECT; PROXY a:1', { via: 'direct' }, []],
    [
      'SOCKS5 socks.local:1080; PROXY proxy.local:3128; DIRECT',
      { via: 'proxy', url: 'http://proxy.local:3128' },
      [{ entry: 'SOCKS5 socks.local:1080', reason: 'unsupported' }],
    ],
    [
      'SOCKS s:1080; SOCKS4 t:1080; DIRECT',
      { via: 'direct' },
      [
        { entry: 'SOCKS s:1080', reason: 'unsupported' },
        { entry: 'SOCKS4 t:1080', reason: 'unsupported' },
      ],
    ],
    ['QUIC q:443; HTTPS p:443', { via: 'proxy', url: 'https://p:443' }, [{ entry: 'QUIC q:443', reason: 'unsupported' }]],
    ['SOCKS5 s:1080', null, [{ entry: 'SOCKS5 s:1080', reason: 'unsupported' }]],
    ['PROXY; DIRECT', { via: 'direct' }, [{ entry: 'PROXY', reason: 'malformed' }]],
    ['PROXY user:pw@p:3128; DIRECT', { via: 'direct' }, [{ entry: 'PROXY user:pw@p:3128', reason: 'malformed' }]],
    [
      'PROXY p:3128/path; PROXY a b',
      null,
      [
        { entry: 'PROXY p:3128/path', reason: 'malformed' },
        { entry: 'PROXY a b', reason: 'malformed' },
      ],
    ],
    ['GOPHER g:70', null, [{ entry: 'GOPHER g:70', reason: 'malformed' }]],
  ])('%j', (answer, route, skipped) => {
    expect(parsePacAnswer(answer)).toEqual({ route, skipped });
  });
});

describe('the route rule', () => {
  it('server.proxy wins over everything, in every shell', () => {
    expect(chooseRoute('http://u:p@proxy.city:3128', 'DIRECT').route).toEqual({ via: 'proxy', url: 'http://u:p@proxy.city:3128', source: 'config' });
    expect(chooseRoute('http://proxy.city:3128', null).route).toEqual({ via: 'proxy', url: 'http://proxy.city:3128', source: 'config' });
  });

  it('without server.proxy: the system answer where there is one (Electron), else direct (web host, CLI)', () => {
    expect(chooseRoute('', null).route).toEqual({ via: 'direct', source: 'none' });
    expect(chooseRoute('', 'DIRECT').route).toEqual({ via: 'direct', source: 'system' });
    expect(chooseRoute('', 'PROXY proxy.local:3128; DIRECT').route).toEqual({ via: 'proxy', url: 'http://proxy.local:3128', source: 'system' });
  });

  it('a system answer with only SOCKS is unusable, not a silent direct connection', () => {
    const { route, skipped } = chooseRoute('', 'SOCKS5 s:1080; SOCKS s:1081');
    expect(route).toEqual({ via: 'unusable', source: 'system', detail: 'no usable entry in the system proxy settings (SOCKS5 s:1080; SOCKS s:1081)' });
    expect(skipped).toHaveLength(2);
  });
});

describe('redaction', () => {
  it('keeps scheme, host and port of a proxy address, never the credentials', () => {
    expect(redactProxyUrl('http://kiosk:S3cret%21@proxy.city:3128')).toBe('http://proxy.city:3128');
    expect(redactProxyUrl('https://proxy.city')).toBe('https://proxy.city');
    expect(redactProxyUrl('not a url')).toBe('(invalid proxy address)');
  });

  it('scrubs credentials from any address quoted in an error message', () => {
    expect(scrubCredentials('connect to http://kiosk:S3cret@proxy.city:3128 failed; see https://a@b.c/x')).toBe(
      'connect to http://proxy.city:3128 failed; see https://b.c/x',
    );
  });
});

/**
 * A transport failure wrapped as undici's fetch wraps it: TypeError('fetch failed') with the
 * real failure as a cause, sometimes two deep. The uploader's request() throws the real
 * failure itself (the bare rows below); the classification reads the whole chain either way.
 */
function fetchFailed(cause: { code?: string; message: string; name?: string }, wrapped = false): Error {
  const inner = Object.assign(new Error(cause.message), cause);
  return new TypeError('fetch failed', { cause: wrapped ? new Error('Request was cancelled.', { cause: inner }) : inner });
}

describe('transport failures, the same classification for every route', () => {
  const proxy = 'http://proxy.city:3128';
  it.each([
    ['refused, direct', fetchFailed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.9:443' }), null, 'network'],
    ['refused, through a proxy', fetchFailed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.5:3128' }), proxy, 'proxy_unreachable'],
    ['unknown proxy host', fetchFailed({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND proxy.city' }), proxy, 'proxy_unreachable'],
    ['proxy closed before answering CONNECT', fetchFailed({ code: 'UND_ERR_PRX_CONN', message: 'Proxy connection failed' }), proxy, 'proxy_unreachable'],
    ['407 to CONNECT', fetchFailed({ code: 'UND_ERR_ABORTED', message: 'Proxy response (407) !== 200 when HTTP Tunneling' }, true), proxy, 'proxy_auth'],
    ['407 untunnelled', fetchFailed({ code: 'UND_ERR_INVALID_ARG', message: 'Proxy Authentication Required (407)' }), proxy, 'proxy_auth'],
    ['502 to CONNECT', fetchFailed({ code: 'UND_ERR_ABORTED', message: 'Proxy response (502) !== 200 when HTTP Tunneling' }, true), proxy, 'proxy_refused'],
    ['503 to CONNECT', fetchFailed({ code: 'UND_ERR_ABORTED', message: 'Proxy response (503) !== 200 when HTTP Tunneling' }, true), proxy, 'proxy_refused'],
    ['self-signed certificate, direct', fetchFailed({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), null, 'tls'],
    [
      'office TLS inspection, through a proxy',
      fetchFailed({ code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', message: 'unable to get local issuer certificate' }),
      proxy,
      'tls',
    ],
    ['wrong host name', fetchFailed({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }), null, 'tls'],
    ['TLS to a plain port', fetchFailed({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }), proxy, 'tls'],
    ['reset after the tunnel opened', fetchFailed({ code: 'ECONNRESET', message: 'read ECONNRESET' }), proxy, 'network'],
    [
      'self-signed certificate, bare as request() throws it',
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      null,
      'tls',
    ],
    ['unknown proxy host, bare', Object.assign(new Error('getaddrinfo ENOTFOUND proxy.city'), { code: 'ENOTFOUND' }), proxy, 'proxy_unreachable'],
    ['something else', new Error('boom'), null, 'network'],
  ])('%s', (_name, error, via, code) => {
    const c = classifyRequestError(error, via);
    expect(c.code).toBe(code);
    expect(isTransportFailure(c.code)).toBe(true);
    if (via) expect(c.detail).toContain(via);
  });

  it('keeps the status the proxy answered to CONNECT', () => {
    expect(classifyRequestError(fetchFailed({ message: 'Proxy response (503) !== 200 when HTTP Tunneling' }, true), 'http://p:1')).toMatchObject({
      code: 'proxy_refused',
      status: 503,
    });
  });

  it('server answers are not transport failures', () => {
    for (const code of ['auth_failed', 'server_error', 'throttled', 'bad_response', 'internal']) expect(isTransportFailure(code)).toBe(false);
  });
});
