// The report's number line, "Số:      /BC-<abbreviation>" (Decree 30/2020/NĐ-CP): the
// number is always the clerk's to write; the abbreviation is `unit.abbreviation`, cleaned
// like every name from the configuration, and dots for the clerk when it is not set.
import { describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../shared/config-schema';
import { numberLine } from '../../../electron/services/reports/report-format';
import { testKioskConfig } from '../../support/test-config';

const parse = (abbreviation: unknown) => KioskConfigSchema.safeParse(testKioskConfig({ unit: { abbreviation: abbreviation as string } }));

describe('unit.abbreviation', () => {
  it('is optional, cleaned of control and bidi characters, and at most 30 characters', () => {
    expect(parse(undefined).data?.unit.abbreviation).toBeUndefined();
    expect(parse('TTPVHCC').data?.unit.abbreviation).toBe('TTPVHCC');
    expect(parse('\u202eUBND\u0000').data?.unit.abbreviation).toBe('UBND');
    expect(parse('X'.repeat(31)).success).toBe(false);
    expect(parse('').success).toBe(false);
    expect(parse(12).success).toBe(false);
  });

  it('ends the number line, which leaves the number itself blank', () => {
    expect(numberLine('TTPVHCC')).toBe('Số:          /BC-TTPVHCC');
    expect(numberLine(undefined)).toBe('Số:          /BC-……');
  });
});
