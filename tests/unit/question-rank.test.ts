// Ranking pages by how much of the question they cover (src/lib/question-rank.ts).
import { describe, expect, it } from 'vitest';
import { rankByCoverage, type RankedSlot } from '../../src/lib/question-rank.ts';

const slot = (...terms: [Record<string, number>, number?][]): RankedSlot => ({
	terms: terms.map(([scores, factor = 1]) => ({ results: new Map(Object.entries(scores)), factor })),
});
const ids = (slots: RankedSlot[], pages = 40) => rankByCoverage(slots, pages).map((r) => r.id);

describe('rankByCoverage', () => {
	it('puts the page that covers more of the question first', () => {
		const sistema = slot([{ a: 9, b: 6, c: 5 }]);
		const lento = slot([{ b: 6, d: 8 }]);
		expect(ids([sistema, lento])[0]).toBe('b');
	});

	it('weighs a rare word above a common one', () => {
		const common = slot([Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, 1]))]);
		const rare = slot([{ kb: 1 }]);
		expect(ids([common, rare])[0]).toBe('kb');
	});

	it('counts a synonym for less than the customer\'s own word', () => {
		expect(ids([slot([{ own: 5 }], [{ synonym: 5 }, 0.7])])).toEqual(['own', 'synonym']);
	});

	it('ignores a slot that matched nothing, and ranks within a slot by score', () => {
		const ranked = rankByCoverage([slot([{}]), slot([{ a: 1, b: 4 }])], 40);
		expect(ranked.map((r) => r.id)).toEqual(['b', 'a']);
		expect(ranked[0].score).toBe(1);
	});

	it('returns nothing for no slots', () => {
		expect(rankByCoverage([], 40)).toEqual([]);
	});
});
