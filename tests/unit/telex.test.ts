// Telex as citizens type it on the kiosk's on-screen keyboard. Expected words are written
// out by hand (NFC), never built with the engine's own composition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTelexState, telexBackspace, telexKey, typeTelex, type TelexState, type TonePlacement } from '../../shared/telex';

const type = (state: TelexState, keys: string, placement: TonePlacement = 'old') => Array.from(keys).reduce((s, k) => telexKey(s, k, placement), state);
const backspace = (state: TelexState, times = 1) => Array.from({ length: times }).reduce<TelexState>((s) => telexBackspace(s), state);

// Keys for each vowel, then its five tones in the order s f r x j.
const VOWELS: Array<[string, string, string]> = [
  ['a', 'a', 'á à ả ã ạ'],
  ['aw', 'ă', 'ắ ằ ẳ ẵ ặ'],
  ['aa', 'â', 'ấ ầ ẩ ẫ ậ'],
  ['e', 'e', 'é è ẻ ẽ ẹ'],
  ['ee', 'ê', 'ế ề ể ễ ệ'],
  ['i', 'i', 'í ì ỉ ĩ ị'],
  ['o', 'o', 'ó ò ỏ õ ọ'],
  ['oo', 'ô', 'ố ồ ổ ỗ ộ'],
  ['ow', 'ơ', 'ớ ờ ở ỡ ợ'],
  ['u', 'u', 'ú ù ủ ũ ụ'],
  ['uw', 'ư', 'ứ ừ ử ữ ự'],
  ['y', 'y', 'ý ỳ ỷ ỹ ỵ'],
];

describe('typeTelex: tones and marks on every vowel', () => {
  for (const [keys, bare, toned] of VOWELS) {
    const forms = toned.split(' ');
    it(`${keys} → ${bare}, with s f r x j → ${toned}, z removes the tone`, () => {
      expect(typeTelex(keys, 'old')).toBe(bare);
      [...'sfrxj'].forEach((tone, i) => {
        expect(typeTelex(keys + tone, 'old')).toBe(forms[i]);
        expect(typeTelex(`b${keys}${tone}`, 'new')).toBe(`b${forms[i]}`);
        expect(typeTelex(keys.toUpperCase() + tone.toUpperCase(), 'old')).toBe(forms[i]!.toUpperCase());
        expect(typeTelex(`${keys}${tone}z`, 'old')).toBe(bare);
      });
    });
  }

  it('dd → đ at the start of a word, in either case', () => {
    expect(typeTelex('dd', 'old')).toBe('đ');
    expect(typeTelex('DD', 'old')).toBe('Đ');
    expect(typeTelex('Dd', 'old')).toBe('Đ');
    expect(typeTelex('ddi', 'old')).toBe('đi');
    expect(typeTelex('did', 'old')).toBe('đi');
    expect(typeTelex('add', 'old')).toBe('add');
  });

  it('turns a w with no vowel to mark into ư', () => {
    expect(typeTelex('w', 'old')).toBe('ư');
    expect(typeTelex('W', 'old')).toBe('Ư');
    expect(typeTelex('tw', 'old')).toBe('tư');
    expect(typeTelex('nhw', 'old')).toBe('như');
    expect(typeTelex('mwa', 'old')).toBe('mưa');
    expect(typeTelex('giwx', 'old')).toBe('giữ');
  });
});

describe('typeTelex: where the tone goes', () => {
  const BOTH: Array<[string, string]> = [
    ['quys', 'quý'],
    ['giuwx', 'giữ'],
    ['gif', 'gì'],
    ['gias', 'giá'],
    ['thuowr', 'thuở'],
    ['huow', 'huơ'],
    ['thuowng', 'thương'],
    ['khuyeets', 'khuyết'],
    ['nghieeng', 'nghiêng'],
    ['tieengs', 'tiếng'],
    ['nguowif', 'người'],
    ['dduowngf', 'đường'],
    ['cuwus', 'cứu'],
    ['cuuws', 'cứu'],
    ['cuwar', 'cửa'],
    ['muowif', 'mười'],
    ['ruouwj', 'rượu'],
    ['tuooir', 'tuổi'],
    ['hoafn', 'hoàn'],
    ['toans', 'toán'],
    ['hoawcj', 'hoặc'],
    ['tuaanf', 'tuần'],
    ['ngoais', 'ngoái'],
    ['khuyur', 'khuỷu'],
    ['khuaays', 'khuấy'],
    ['hais', 'hái'],
    ['muas', 'múa'],
    ['kiaf', 'kìa'],
    ['gois', 'gói'],
    ['cuar', 'của'],
    ['quoocs', 'quốc'],
    ['huyts', 'huýt'],
    ['Nguyeenx', 'Nguyễn'],
    ['yeeus', 'yếu'],
  ];
  for (const [keys, word] of BOTH)
    it(`${keys} → ${word} in both styles`, () => {
      expect(typeTelex(keys, 'old')).toBe(word);
      expect(typeTelex(keys, 'new')).toBe(word);
    });

  const STYLED: Array<[string, string, string]> = [
    ['hoaf', 'hòa', 'hoà'],
    ['khoer', 'khỏe', 'khoẻ'],
    ['thuyr', 'thủy', 'thuỷ'],
    ['hoas', 'hóa', 'hoá'],
  ];
  for (const [keys, old, modern] of STYLED)
    it(`${keys} → ${old} (old) / ${modern} (new)`, () => {
      expect(typeTelex(keys, 'old')).toBe(old);
      expect(typeTelex(keys, 'new')).toBe(modern);
    });

  it('moves the tone when later keys change the syllable', () => {
    let state = type(emptyTelexState(), 'hoaf', 'new');
    expect(state.text).toBe('hoà');
    state = type(state, 'n', 'new');
    expect(state.text).toBe('hoàn');
    expect(type(emptyTelexState(), 'hoafi', 'old').text).toBe('hoài');
    expect(type(emptyTelexState(), 'thuowr', 'old').text).toBe('thuở');
    expect(type(emptyTelexState(), 'thuowrng', 'old').text).toBe('thưởng');
  });

  it('types a whole sentence exactly', () => {
    expect(typeTelex('Cans booj raats nhieejt tinhf', 'old')).toBe('Cán bộ rất nhiệt tình');
    expect(typeTelex('Vieejt Nam, DDaf Nawngx.', 'new')).toBe('Việt Nam, Đà Nẵng.');
  });
});

describe('typeTelex: undo, case and words that are not Vietnamese', () => {
  const UNDO: Array<[string, string]> = [
    ['ass', 'as'],
    ['aff', 'af'],
    ['arr', 'ar'],
    ['axx', 'ax'],
    ['ajj', 'aj'],
    ['aaa', 'aa'],
    ['eee', 'ee'],
    ['ooo', 'oo'],
    ['aww', 'aw'],
    ['oww', 'ow'],
    ['uww', 'uw'],
    ['uoww', 'uow'],
    ['ww', 'w'],
    ['ddd', 'dd'],
    // After an undo the literal letter stays literal, and so do the keys after it.
    ['classe', 'clase'],
    ['tassf', 'tasf'],
    ['aaas', 'aas'],
    ['booos', 'boos'],
  ];
  for (const [keys, text] of UNDO) it(`${keys} → ${text}`, () => expect(typeTelex(keys, 'old')).toBe(text));

  it('changes or removes a tone without undoing', () => {
    expect(typeTelex('asf', 'old')).toBe('à');
    expect(typeTelex('asz', 'old')).toBe('a');
    expect(typeTelex('z', 'old')).toBe('z');
    expect(typeTelex('aaw', 'old')).toBe('ă');
    expect(typeTelex('owo', 'old')).toBe('ô');
  });

  it('accepts marks typed after the final consonant', () => {
    expect(typeTelex('tiengse', 'old')).toBe('tiếng');
    expect(typeTelex('muaw', 'old')).toBe('mưa');
    expect(typeTelex('bana', 'old')).toBe('bân');
  });

  it('keeps upper case, and a mark key matches its vowel in either case', () => {
    expect(typeTelex('Cans', 'old')).toBe('Cán');
    expect(typeTelex('DDaf', 'old')).toBe('Đà');
    expect(typeTelex('Aa', 'old')).toBe('Â');
    expect(typeTelex('aA', 'old')).toBe('â');
    expect(typeTelex('NGUOWIF', 'old')).toBe('NGƯỜI');
    expect(typeTelex('AAA', 'old')).toBe('AA');
  });

  it('ends the word at spaces, digits and punctuation, which pass through', () => {
    expect(typeTelex('as as', 'old')).toBe('á á');
    expect(typeTelex('a.s', 'old')).toBe('a.s');
    expect(typeTelex('a1s', 'old')).toBe('a1s');
    expect(typeTelex('thanks, email 123.', 'old')).toBe('thanks, email 123.');
    expect(typeTelex('', 'old')).toBe('');
  });
});

describe('telexBackspace', () => {
  it('deletes the last displayed character, not the last key', () => {
    const state = type(emptyTelexState(), 'tieengs');
    expect(telexBackspace(state).text).toBe('tiến');
    expect(type(telexBackspace(state), 'g').text).toBe('tiếng');
    expect(telexBackspace(type(emptyTelexState(), 'hoafn', 'new')).text).toBe('hoà');
    expect(backspace(type(emptyTelexState(), 'Cans booj'), 2).text).toBe('Cán ');
    expect(telexBackspace(emptyTelexState()).text).toBe('');
  });

  it('continues the word from what is displayed', () => {
    const thu = telexBackspace(type(emptyTelexState(), 'thuowr'));
    expect(thu.text).toBe('thu');
    expect(type(thu, 'owr').text).toBe('thuở');
    expect(type(telexBackspace(type(emptyTelexState(), 'Tooi ')), 's').text).toBe('Tối');
  });

  it('lets an undone key work again once the literal letter is deleted', () => {
    const as = type(emptyTelexState(), 'ass');
    expect(as.text).toBe('as');
    expect(type(as, 'f').text).toBe('asf');
    expect(type(telexBackspace(as), 's').text).toBe('á');
    expect(type(telexBackspace(type(emptyTelexState(), 'aaa')), 'a').text).toBe('â');
  });
});

describe('emptyTelexState', () => {
  it('starts from existing text, NFC, and keeps its last word editable', () => {
    const decomposed = 'Ca\u0309m ơn. to\u0302i';
    const state = emptyTelexState(decomposed);
    expect(state.text).toBe('Cảm ơn. tôi');
    expect(type(state, 's').text).toBe('Cảm ơn. tối');
    expect(type(emptyTelexState('Xin chào'), ' bacs').text).toBe('Xin chào bác');
    expect(type(emptyTelexState('thuở'), 'ng').text).toBe('thưởng');
    expect(type(emptyTelexState('quơ'), 'f').text).toBe('quờ');
  });
});

describe('properties', () => {
  const anyKey = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,');
  const keys = fc.string({ unit: anyKey, maxLength: 40 });
  const placement = fc.constantFrom<TonePlacement>('old', 'new');

  it('never throws, returns NFC and adds at most one character per key', () => {
    fc.assert(
      fc.property(keys, placement, (k, p) => {
        const text = typeTelex(k, p);
        expect(text.normalize('NFC')).toBe(text);
        expect(Array.from(text).length).toBeLessThanOrEqual(k.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('types keys that are never Telex commands unchanged', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'bcghiklmnpqtuvyBCGHIKLMNPQTUVY0123456789 .,'), maxLength: 40 });
    fc.assert(
      fc.property(plain, placement, (k, p) => {
        expect(typeTelex(k, p)).toBe(k);
      }),
    );
  });

  it('backspace removes exactly the last displayed character', () => {
    fc.assert(
      fc.property(keys, placement, (k, p) => {
        const state = type(emptyTelexState(), k, p);
        const after = telexBackspace(state);
        expect(after.text).toBe(Array.from(state.text).slice(0, -1).join(''));
        expect(() => type(after, k, p)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
