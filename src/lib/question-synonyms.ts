// The docs team's synonyms list (content/search/synonyms.yaml), bundled into the search chunk as text
// and read here without a YAML library: the file keeps to one shape (a language, then one group per
// line in brackets), which tests/unit/question-synonyms.test.ts checks against a real YAML parser.
import text from '../../content/search/synonyms.yaml?raw';
import type { Synonyms } from './question-terms.ts';

/** Reads `lang:` headers and `- [a, b, c]` groups; comments and blank lines are skipped. */
export function parseSynonyms(source: string): Synonyms {
	const out: Synonyms = {};
	let lang: string | undefined;
	for (const raw of source.split(/\r?\n/)) {
		const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
		if (!line.trim()) continue;
		const header = /^([a-z]{2}):$/.exec(line);
		if (header) {
			lang = header[1];
			out[lang] ??= [];
			continue;
		}
		const group = /^\s+-\s*\[(.*)\]$/.exec(line);
		if (!group || !lang) throw new Error(`content/search/synonyms.yaml: cannot read "${raw.trim()}"`);
		out[lang].push(
			group[1]
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean),
		);
	}
	return out;
}

export const synonyms: Synonyms = parseSynonyms(text);
