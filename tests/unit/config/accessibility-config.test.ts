// accessibility.speech: spoken prompts off by default at -6 dB, a 30 dB range, and each
// mistake reported the way IT reads it and the way the start-up screen says it in Vietnamese.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/services/config-loader';
import { configErrorLines, partsText } from '../../../renderer/src/screens/config-error-lines';
import { toPublicConfig } from '../../../shared/config-schema';
import { resources } from '../../../shared/i18n';

const minimal = { unit: { code: 'PKU', name: 'Phường Pleiku' }, kiosk: { id: 'k-01' } };

let viT: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
  viT = instance.t;
});

function screenLines(accessibility: unknown): string[] {
  const r = parseConfig({ ...minimal, accessibility });
  if (r.ok) throw new Error('the configuration was accepted');
  return configErrorLines(viT, 'vi', r.error)!.map(partsText);
}

describe('accessibility.speech', () => {
  it('is off by default at -6 dB, and reaches the renderer as it is', () => {
    const r = parseConfig(minimal);
    expect(r.ok && toPublicConfig(r.value).speech).toEqual({ onByDefault: false, volumeDb: -6 });
    const on = parseConfig({ ...minimal, accessibility: { speech: { onByDefault: true, volumeDb: -30 } } });
    expect(on.ok && toPublicConfig(on.value).speech).toEqual({ onByDefault: true, volumeDb: -30 });
    const partial = parseConfig({ ...minimal, accessibility: { speech: { volumeDb: 0 } } });
    expect(partial.ok && partial.value.accessibility.speech).toEqual({ onByDefault: false, volumeDb: 0 });
  });

  it('refuses a volume outside -30…0 dB, a wrong type and an unknown key, in Vietnamese', () => {
    expect(screenLines({ speech: { volumeDb: 6 } })).toEqual(['Trường accessibility.speech.volumeDb không được lớn hơn 0.']);
    expect(screenLines({ speech: { volumeDb: -31 } })).toEqual(['Trường accessibility.speech.volumeDb phải từ -30 trở lên.']);
    expect(screenLines({ speech: { onByDefault: 'yes' } })).toEqual(['Trường accessibility.speech.onByDefault phải là true hoặc false.']);
    expect(screenLines({ speech: { volume: -6 } })).toEqual(['Không có trường cấu hình nào tên là accessibility.speech.volume, vui lòng kiểm tra chính tả.']);
    expect(screenLines({ largeText: true })).toEqual(['Không có trường cấu hình nào tên là accessibility.largeText, vui lòng kiểm tra chính tả.']);
  });
});
