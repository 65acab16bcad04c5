// The single receiving end used by both shells: unknown method or invalid input gets a
// clear error and never reaches a service; a thrown exception becomes INTERNAL.
import type { z } from 'zod';
import { KioskFailure, fail, type Result } from './errors';
import { kioskInputSchemas, type KioskHandlers } from './kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from './kiosk-methods';

export function isKioskMethod(name: unknown): name is KioskMethod {
  return typeof name === 'string' && (KIOSK_METHODS as readonly string[]).includes(name);
}

export function describeZodError(error: z.ZodError): { field: string; detail: string } {
  const issue = error.issues[0];
  // An unknown key (often a typo in a config file) is reported by its own name.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  const field = path.length > 0 ? path.map(String).join('.') : '(input)';
  const detail = issue?.code === 'unrecognized_keys' ? 'unknown key (check the spelling)' : (issue?.message ?? 'invalid');
  return { field, detail };
}

export async function dispatchKioskCall(
  handlers: KioskHandlers,
  method: unknown,
  rawInput: unknown,
  onUnexpected: (method: string, error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  if (!isKioskMethod(method)) return fail('NOT_FOUND', { detail: `unknown method ${String(method).slice(0, 64)}` });
  const parsed = kioskInputSchemas[method].safeParse(rawInput ?? {});
  if (!parsed.success) return fail('INVALID_INPUT', describeZodError(parsed.error));
  try {
    const handler = handlers[method] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    if (error instanceof KioskFailure) return { ok: false, error: error.error };
    onUnexpected(method, error);
    return fail('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  }
}
