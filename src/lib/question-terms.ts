// Turns a customer's sentence into the terms worth searching for: words that carry no meaning
// ("el", "muy", "no me") are dropped, expressions from the synonyms list (content/search/synonyms.yaml)
// bring their alternatives along, and each remaining word becomes a slot of its own. A page answers
// the question as far as it covers its slots (src/lib/question-rank.ts). Pure functions: no Pagefind
// here, so the unit tests run them in Node.

/** A group of expressions that mean the same thing, per language. */
export type Synonyms = Record<string, string[][]>;

/** Something the question asks about, and the search terms that stand for it. */
export interface Slot {
	/** What the customer wrote. */
	text: string;
	/** Terms for Pagefind, the customer's own first. */
	terms: string[];
}

// Function words, question words and the small talk of a support request. Content words that are
// merely frequent ("documento", "error") are kept: ranking weighs them down by how many pages have them.
const STOP_WORDS: Record<string, string> = {
	es: `a al algo algun despues alguna alguno algunos ante antes asi aun aunque bien buenas buenos cada casi como con contra cual cuales
		cuando cuanto cuanta cuantos cuantas de del desde donde dos e el ella ellos en entre era eres es esa ese eso esta estan estar
		este esto estos estoy fue gracias ha haber hace hacer han has hasta hay hola la las le les lo los mas me mi mis mucho muchos
		mucha muchas muchisimo muy nada ni no nos nuestro o os otra otro para pero poco por porque puede pueden puedo que quiero
		quien se sea ser si sin sobre solo son su sus super tambien tan tanto te tengo tenemos tiene tienen toda todo todos tu tus
		un una uno unos unas usted ustedes va van vez y ya yo dice sale salen pasa favor ayuda necesito alguien otra vez hoy ayer
		dia dias manana tarde todavia sigue siempre nunca ahora deja dejan`,
	en: `a about after again all am an and any are as at be been before being but by can cannot cant could did do does doing
		don dont for from get gets got had has have having he her here hi his how i if in into is it its just me my no not now of
		off on once only or other our out over please so some still such than that the their them then there these they this
		those to too today until up very was we were what when where which while who why will with won would yet you your really
		help hello thanks keeps anyone`,
};

const stopWords = new Map(Object.entries(STOP_WORDS).map(([lang, list]) => [lang, new Set(list.split(/\s+/).filter(Boolean))]));

/** Lower case without accents ("Sesión" → "sesion"), as Pagefind compares words. */
export function fold(text: string): string {
	return text.toLocaleLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** Words, numbers and versions ("5.1", "pdf/a"), in the customer's spelling. */
export function words(text: string): string[] {
	return text.toLocaleLowerCase().match(/[\p{L}\p{N}]+(?:[./][\p{L}\p{N}]+)*/gu) ?? [];
}

/** A rough stem to compare the customer's words with the synonyms list: plurals and the final vowel go. */
export function looseStem(word: string): string {
	const w = fold(word);
	if (w.length <= 4) return w;
	return w.replace(/(es|s)$/, '').replace(/[aeo]$/, '');
}

export function isStopWord(word: string, lang: string): boolean {
	return stopWords.get(lang.slice(0, 2))?.has(fold(word)) ?? false;
}

const phraseCache = new WeakMap<string[][], { stems: string[]; group: string[] }[]>();

/** Every expression of the groups as its stems, longest first, so "tarda mucho" wins over "tarda". */
function phrases(groups: string[][]) {
	let list = phraseCache.get(groups);
	if (!list) {
		list = groups.flatMap((group) => group.map((p) => ({ stems: words(p).map(looseStem), group })));
		list = list.filter((p) => p.stems.length).sort((a, b) => b.stems.length - a.stems.length);
		phraseCache.set(groups, list);
	}
	return list;
}

/**
 * The slots of a question. An expression from the synonyms list becomes one slot whose terms are
 * the whole group; every other word that is not a stop word becomes a slot with just that word.
 */
export function questionSlots(question: string, lang: string, synonyms: Synonyms = {}): Slot[] {
	const tokens = words(question);
	const stems = tokens.map(looseStem);
	const used = new Array<boolean>(tokens.length).fill(false);
	const found: { at: number; slot: Slot }[] = [];
	for (const { stems: p, group } of phrases(synonyms[lang.slice(0, 2)] ?? [])) {
		for (let i = 0; i + p.length <= tokens.length; i++) {
			if (used.slice(i, i + p.length).some(Boolean) || !p.every((s, j) => s === stems[i + j])) continue;
			// A lone stop word that happens to be in a group ("no") is not an expression worth a slot.
			if (p.length === 1 && isStopWord(tokens[i], lang)) continue;
			for (let j = i; j < i + p.length; j++) used[j] = true;
			const text = tokens.slice(i, i + p.length).join(' ');
			found.push({ at: i, slot: { text, terms: unique([text, ...group]) } });
		}
	}
	tokens.forEach((token, i) => {
		if (used[i] || isStopWord(token, lang) || (token.length < 2 && !/\d/.test(token))) return;
		found.push({ at: i, slot: { text: token, terms: [token] } });
	});
	// One slot per meaning: "firma … firmar" asks about signing once.
	const seen = new Set<string>();
	return found
		.sort((a, b) => a.at - b.at)
		.map((f) => f.slot)
		.filter((slot) => {
			const key = [...new Set(slot.terms.map(looseStem))].sort().join('|');
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

// Letters Spanish speakers swap when typing fast or unsure of the spelling.
const CONFUSIONS: [string, string][] = [
	['s', 'c'], ['c', 's'], ['z', 's'], ['s', 'z'], ['c', 'z'], ['z', 'c'], ['b', 'v'], ['v', 'b'],
	['y', 'll'], ['ll', 'y'], ['j', 'g'], ['g', 'j'], ['k', 'c'], ['qu', 'c'],
];

/**
 * Spellings a mistyped word may have meant, the likeliest first: swapped neighbours, letters
 * Spanish speakers confuse, a missing or doubled letter, a missing "h", and finally shorter
 * prefixes (Pagefind matches words by prefix, so "licen" still finds "licencia").
 */
export function typoCandidates(word: string): string[] {
	const w = fold(word);
	// No vowel, no word (a code, a key mashed): guessing spellings for it only finds noise.
	if (w.length < 4 || /\d/.test(w) || !/[aeiouy]/.test(w)) return [];
	const out: string[] = [];
	for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
	for (const [from, to] of CONFUSIONS) {
		for (let i = w.indexOf(from); i >= 0; i = w.indexOf(from, i + 1)) out.push(w.slice(0, i) + to + w.slice(i + from.length));
	}
	for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
	for (let i = 0; i < w.length; i++) out.push(w.slice(0, i + 1) + w[i] + w.slice(i + 1));
	out.push(`h${w}`);
	for (let n = w.length - 1; n >= Math.max(4, Math.ceil(w.length * 0.7)); n--) out.push(w.slice(0, n));
	return unique(out).filter((c) => c !== w && c.length >= 3);
}

function unique<T>(list: T[]): T[] {
	return [...new Set(list)];
}
