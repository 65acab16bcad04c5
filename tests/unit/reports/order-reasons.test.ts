// The one order of reasons (issue #12): by count, descending, then the reference order of
// the reasons, "Lý do khác" last among equal counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ReasonCode } from '../../../shared/rating-scale';
import { orderedRatingReasons } from '../../../electron/services/reports/detail-rows';
import { orderedReasonCodes, orderReasons } from '../../../shared/tally';

const rows = (...pairs: Array<[ReasonCode, number]>) => pairs.map(([reason, count]) => ({ reason, count }));

describe('orderReasons', () => {
  it('puts the most frequent first', () => {
    expect(orderReasons(rows(['late', 1], ['fees', 5], ['paperwork', 3]))).toEqual(rows(['fees', 5], ['paperwork', 3], ['late', 1]));
  });

  it('breaks ties by the reference order, not by code or by input order', () => {
    // Alphabetically fees < late < staff_attitude; the reference order is late, staff_attitude, fees.
    expect(orderReasons(rows(['fees', 2], ['staff_attitude', 2], ['late', 2])).map((r) => r.reason)).toEqual(['late', 'staff_attitude', 'fees']);
  });

  it('puts "other" last among equal counts, but above anything less frequent', () => {
    expect(orderReasons(rows(['other', 3], ['waiting_facilities', 3], ['late', 1])).map((r) => r.reason)).toEqual(['waiting_facilities', 'other', 'late']);
    expect(orderReasons(rows(['late', 1], ['other', 4])).map((r) => r.reason)).toEqual(['other', 'late']);
  });

  it('keeps the rows whole and leaves its input alone', () => {
    const input = [
      { reason: 'late' as const, count: 1, label: 'Trả kết quả trễ hẹn' },
      { reason: 'fees' as const, count: 2, label: 'Phí, lệ phí không đúng quy định' },
    ];
    const copy = structuredClone(input);
    expect(orderReasons(input)).toEqual([copy[1], copy[0]]);
    expect(input).toEqual(copy);
  });

  it('gives the same order whatever order the rows come in', () => {
    const counts = fc.uniqueArray(fc.tuple(fc.constantFrom(...REASON_CODES), fc.nat(5)), { selector: ([r]) => r });
    const countsAndShuffle = counts.chain((pairs) =>
      fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length })),
    );
    fc.assert(
      fc.property(countsAndShuffle, ([pairs, shuffledPairs]) => {
        const sorted = orderReasons(rows(...pairs));
        expect(orderReasons(rows(...shuffledPairs))).toEqual(sorted);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(a.count).toBeGreaterThanOrEqual(b.count);
          if (a.count === b.count) {
            expect(a.reason).not.toBe('other');
            if (b.reason !== 'other') expect(REASON_CODES.indexOf(a.reason)).toBeLessThan(REASON_CODES.indexOf(b.reason));
          }
        }
      }),
    );
  });
});

describe('orderedReasonCodes', () => {
  it('lists every reason once, counted ones first, the rest in reference order with "other" last', () => {
    expect(orderedReasonCodes(rows(['fees', 1], ['result_error', 4]))).toEqual([
      'result_error',
      'fees',
      'late',
      'repeat_visits',
      'staff_attitude',
      'paperwork',
      'waiting_facilities',
      'other',
    ]);
    expect(orderedReasonCodes([])).toEqual([...REASON_CODES]);
  });
});

describe("a rating's reasons in the exports", () => {
  it('follow the period order, not the order they were tapped in; unknown codes go last', () => {
    const period = orderedReasonCodes(rows(['other', 3], ['fees', 1]));
    expect(orderedRatingReasons(['fees', 'late', 'other'], period)).toEqual(['other', 'fees', 'late']);
    expect(orderedRatingReasons(['gone_code', 'other', 'late'])).toEqual(['late', 'other', 'gone_code']);
  });
});
