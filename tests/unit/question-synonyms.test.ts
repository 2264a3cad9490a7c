// content/search/synonyms.yaml is edited by the docs team and read in the browser without a YAML
// library: it must read the same as real YAML, and every group must be usable.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseSynonyms, synonyms } from '../../src/lib/question-synonyms.ts';
import { fold, isStopWord, words } from '../../src/lib/question-terms.ts';

const source = readFileSync('content/search/synonyms.yaml', 'utf8');

describe('synonyms.yaml', () => {
	it('reads the same as YAML does', () => {
		const yaml = parse(source) as Record<string, string[][]>;
		expect(synonyms).toEqual(Object.fromEntries(Object.entries(yaml).map(([lang, groups]) => [lang, groups.map((g) => g.map(String))])));
	});

	it('has Spanish and English groups of two or more distinct expressions, in lower case', () => {
		expect(Object.keys(synonyms).sort()).toEqual(['en', 'es']);
		for (const [lang, groups] of Object.entries(synonyms)) {
			for (const group of groups) {
				expect(group.length, group.join(', ')).toBeGreaterThanOrEqual(2);
				expect(new Set(group.map(fold)).size, group.join(', ')).toBe(group.length);
				for (const expression of group) {
					expect(expression, `${lang}: ${expression}`).toBe(expression.toLocaleLowerCase());
					// An expression made only of stop words would never be looked for.
					expect(words(expression).some((w) => !isStopWord(w, lang)), `${lang}: ${expression}`).toBe(true);
				}
			}
		}
	});

	it('says where a line it cannot read is', () => {
		expect(() => parseSynonyms('es:\n  - lento, despacio\n')).toThrow(/cannot read "- lento, despacio"/);
		expect(parseSynonyms('# c\nes:\n  - [a b, c]  # d\n')).toEqual({ es: [['a b', 'c']] });
	});
});
