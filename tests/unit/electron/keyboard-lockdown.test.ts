import { describe, expect, it } from 'vitest';
import { blockedShortcut, type KeyInput } from '../../../electron/main/keyboard-lockdown';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('blockedShortcut', () => {
  it.each([
    ['F5', key('F5'), 'reload'],
    ['Ctrl+R', key('r', { control: true }), 'reload'],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true }), 'reload'],
    ['Cmd+R', key('r', { meta: true }), 'reload'],
    ['Ctrl+F5', key('F5', { control: true }), 'reload'],
    ['F12', key('F12'), 'devtools'],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true }), 'devtools'],
    ['Alt+F4', key('F4', { alt: true }), 'quit'],
    ['Ctrl+W', key('w', { control: true }), 'quit'],
    ['Ctrl+Q', key('q', { control: true }), 'quit'],
    ['Ctrl+F4', key('F4', { control: true }), 'quit'],
    ['Ctrl+=', key('=', { control: true }), 'zoom'],
    ['Ctrl++', key('+', { control: true, shift: true }), 'zoom'],
    ['Ctrl+-', key('-', { control: true }), 'zoom'],
    ['Ctrl+0', key('0', { control: true }), 'zoom'],
    ['Ctrl+NumpadAdd', key('+', { control: true, code: 'NumpadAdd' }), 'zoom'],
    ['F11', key('F11'), 'fullscreen'],
    ['Alt+Left', key('ArrowLeft', { alt: true }), 'navigation'],
    ['BrowserBack', key('BrowserBack'), 'navigation'],
    ['Ctrl+P', key('p', { control: true }), 'browser'],
    ['Ctrl+U', key('u', { control: true }), 'browser'],
    ['Ctrl+R as rawKeyDown', { ...key('r', { control: true }), type: 'rawKeyDown' }, 'reload'],
  ])('blocks %s', (_name, input, reason) => {
    expect(blockedShortcut(input)).toBe(reason);
  });

  it.each([
    ['plain letters', key('r')],
    ['Vietnamese letters', key('ư')],
    ['Shift+letter', key('R', { shift: true })],
    ['digits for the PIN', key('0')],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Ctrl+A (select all in the comment box)', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Alt alone', key('Alt', { alt: true })],
    ['F4 alone', key('F4')],
    ['key up of F5', { ...key('F5'), type: 'keyUp' }],
  ])('lets through %s', (_name, input) => {
    expect(blockedShortcut(input)).toBeNull();
  });
});
