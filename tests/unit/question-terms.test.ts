// A customer's sentence into search slots (src/lib/question-terms.ts): stop words out, synonyms in,
// and the spellings a mistyped word may have meant.
import { describe, expect, it } from 'vitest';
import { fold, looseStem, questionSlots, typoCandidates, words } from '../../src/lib/question-terms.ts';
import { synonyms } from '../../src/lib/question-synonyms.ts';

const texts = (question: string, lang = 'es') => questionSlots(question, lang, synonyms).map((s) => s.text);

describe('words', () => {
	it('keeps versions and accents, drops punctuation', () => {
		expect(words('¿Falla la 5.1 con PDF/A? «Sí».')).toEqual(['falla', 'la', '5.1', 'con', 'pdf/a', 'sí']);
		expect(fold('Sesión Ñandú')).toBe('sesion nandu');
	});

	it('compares inflections loosely', () => {
		expect(looseStem('lenta')).toBe(looseStem('lento'));
		expect(looseStem('Firmas')).toBe(looseStem('firma'));
	});
});

describe('questionSlots', () => {
	it('drops the words that carry no meaning', () => {
		expect(texts('el sistema está muy lento')).toEqual(['sistema', 'lento']);
		expect(texts('La firma no tiene sello de tiempo')).toEqual(['firma', 'sello de tiempo']);
		expect(texts('how do I restore from a backup', 'en')).toEqual(['restore', 'backup']);
	});

	it('brings every expression of a synonym group, the customer\'s own first', () => {
		const [slot] = questionSlots('no me deja entrar', 'es', synonyms);
		expect(slot.text).toBe('me deja entrar');
		expect(slot.terms[0]).toBe('me deja entrar');
		expect(slot.terms).toContain('iniciar sesión');
	});

	it('matches synonyms across inflections and accents', () => {
		const [slot] = questionSlots('va muy lenta', 'es', synonyms);
		expect(slot.terms).toContain('lentitud');
		expect(questionSlots('contrasena', 'es', synonyms)[0].terms).toContain('clave');
	});

	it('asks about one meaning once', () => {
		expect(texts('firma firmar firmas')).toEqual(['firma']);
	});

	it('has nothing to search for in small talk', () => {
		expect(questionSlots('hola, buenos días, por favor', 'es', synonyms)).toEqual([]);
	});

	it('uses the language\'s own lists', () => {
		expect(texts('the app is slow', 'en')).toEqual(['app', 'slow']);
		expect(questionSlots('slow', 'en', synonyms)[0].terms).toContain('sluggish');
		expect(questionSlots('slow', 'es', synonyms)[0].terms).toEqual(['slow']);
	});
});

describe('typoCandidates', () => {
	it('offers the likely spellings of a mistyped word', () => {
		expect(typoCandidates('fimra')).toContain('firma');
		expect(typoCandidates('licensia')).toContain('licencia');
		expect(typoCandidates('aplicasion')).toContain('aplicacion');
		expect(typoCandidates('firmaa')).toContain('firma');
		expect(typoCandidates('pasword')).toContain('password');
		expect(typoCandidates('istorial')).toContain('historial');
	});

	it('tries swapped letters before shorter prefixes', () => {
		const c = typoCandidates('fimra');
		expect(c.indexOf('firma')).toBeLessThan(c.indexOf('fimr'));
	});

	it('leaves short words and numbers alone', () => {
		expect(typoCandidates('pdf')).toEqual([]);
		expect(typoCandidates('5.1.2')).toEqual([]);
	});
});
