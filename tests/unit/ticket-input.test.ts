// The ticket schema (supabase/functions/_shared/ticket-input.ts) on malformed input: characters no
// text field takes, subjects and descriptions that show nothing, attachment paths that leave the
// organisation's folder, wrong types — each refused with the field and a stable code — and the rules
// it had before, kept.
import { describe, expect, it } from 'vitest';
import {
	countedLength,
	fieldIssues,
	hasUnsafeCharacters,
	hasVisibleCharacter,
	insideOrganisationFolder,
	parseTicketInput,
	ticketInput,
	type FieldIssue,
} from '#shared/ticket-input.ts';
import { ticketDraft } from '../fixtures/ticket-draft.ts';

const ORG = '6f1c2a4e-8d3b-4c7a-9e21-0b5d7f3a1c88';
const OTHER = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';

const file = (extra: Record<string, unknown> = {}) => ({
	storage_path: `${ORG}/2b7f0c9e-1d2a-4b3c-8e4f-5a6b7c8d9e0f/captura.png`,
	file_name: 'captura.png',
	mime_type: 'image/png',
	size_bytes: 2048,
	...extra,
});

const valid = (extra: Record<string, unknown> = {}) => ticketDraft('draft-0001-abcdef', { attachments: [file()], ...extra });

function issuesOf(body: unknown): FieldIssue[] {
	const parsed = parseTicketInput(body);
	return parsed.success ? [] : fieldIssues(parsed.error);
}

const NUL = '\u0000';
const HIGH = '\uD83D'; // the first half of 😀 alone
const LOW = '\uDE00'; // the second half alone

describe('characters no text field accepts', () => {
	it('finds NUL and lone surrogates, and lets whole surrogate pairs through', () => {
		expect(hasUnsafeCharacters(`a${NUL}b`)).toBe(true);
		expect(hasUnsafeCharacters(`a${HIGH}`)).toBe(true);
		expect(hasUnsafeCharacters(`${HIGH}b`)).toBe(true);
		expect(hasUnsafeCharacters(`${LOW}b`)).toBe(true);
		expect(hasUnsafeCharacters(`${LOW}${HIGH}`)).toBe(true);
		expect(hasUnsafeCharacters('😀 ñ \t\n ok 👨‍👩‍👧')).toBe(false);
		expect(hasUnsafeCharacters('')).toBe(false);
	});

	const textFields = ['severity', 'subject', 'description', 'impact', 'product_id', 'version', 'steps', 'affected_user', 'source_article', 'idempotency_key'];
	for (const [what, bad] of [
		['NUL', NUL],
		['a lone high surrogate', HIGH],
		['a lone low surrogate', LOW],
	] as const) {
		it(`refuses ${what} in every text field with invalid_characters, and only that`, () => {
			for (const field of textFields) {
				const base = valid() as Record<string, unknown>;
				const value = `${String(base[field] ?? 'algo de texto')}${bad}x`;
				expect(issuesOf({ ...base, [field]: value }), field).toEqual([{ field, code: 'invalid_characters' }]);
			}
		});

		it(`refuses ${what} in an attachment's path and file name`, () => {
			expect(issuesOf(valid({ attachments: [file({ storage_path: `${ORG}/a${bad}/x.png` })] }))).toEqual([{ field: 'attachments.0.storage_path', code: 'invalid_characters' }]);
			expect(issuesOf(valid({ attachments: [file(), file({ storage_path: `${ORG}/b/y.png`, file_name: `y${bad}.png` })] }))).toEqual([
				{ field: 'attachments.1.file_name', code: 'invalid_characters' },
			]);
		});
	}

	it('refuses NUL even where it would also be too long or badly formed: one issue per field', () => {
		expect(issuesOf(valid({ subject: `${'a'.repeat(300)}${NUL}` }))).toEqual([{ field: 'subject', code: 'invalid_characters' }]);
		expect(issuesOf(valid({ source_article: `KB/${NUL}` }))).toEqual([{ field: 'source_article', code: 'invalid_characters' }]);
	});

	it('keeps emoji, accents and other real characters as they were written', () => {
		const parsed = ticketInput.parse(valid({ subject: '  Error 😀 en «firma» — ñandú  ', description: 'Familia 👨‍👩‍👧 y é (e + acento combinante) sin cambios.' }));
		expect(parsed.subject).toBe('Error 😀 en «firma» — ñandú');
		expect(parsed.description).toBe('Familia 👨‍👩‍👧 y é (e + acento combinante) sin cambios.');
	});

	it('refuses control characters in a file name (the database does too)', () => {
		expect(issuesOf(valid({ attachments: [file({ file_name: 'a\u0007b.png' })] }))).toEqual([{ field: 'attachments.0.file_name', code: 'invalid_file_name' }]);
	});
});

describe('subjects and descriptions that show nothing', () => {
	const invisible = {
		'zero-width spaces': '\u200B'.repeat(12),
		'zero-width joiners and non-joiners': '\u200D\u200C'.repeat(6),
		'byte-order marks': '\uFEFF'.repeat(12),
		'word joiners and bidi marks': '\u2060\u200E\u200F\u202A\u202C\u2066\u2069'.repeat(2),
		'soft hyphens': '\u00AD'.repeat(12),
		'Hangul fillers': '\u3164\u115F\u1160\uFFA0'.repeat(3),
		'blank braille patterns': '\u2800'.repeat(12),
		'control characters': '\u0001\u0002\u0007\u001B\u007F\u0085'.repeat(2),
		'combining marks with no letter': '\u0301\u0308'.repeat(6),
		'whitespace of every kind': ' \t\n\u00A0\u2003\u3000\u2028'.repeat(2),
		'variation selectors and tags': '\uFE0F\u{E0041}\u{E0042}'.repeat(4),
		'a mix of all of them': '\u200B \uFEFF\u2060\u00AD\u3164\u2800\u0301\t\u200D\u0007\u200B\u200B',
	};
	for (const [what, value] of Object.entries(invisible)) {
		it(`refuses a subject and a description made of ${what} (too_short)`, () => {
			expect(hasVisibleCharacter(value)).toBe(false);
			expect(issuesOf(valid({ subject: value, description: value }))).toEqual([
				{ field: 'subject', code: 'too_short' },
				{ field: 'description', code: 'too_short' },
			]);
		});
	}

	it('counts only characters that take up room towards the minimum', () => {
		expect(countedLength('a\u200B\u200B')).toBe(1);
		expect(countedLength('a b')).toBe(3);
		expect(countedLength('😀😀😀')).toBe(3);
		expect(issuesOf(valid({ subject: 'a\u200B\u200B\u200B' }))).toEqual([{ field: 'subject', code: 'too_short' }]);
		expect(issuesOf(valid({ subject: '\u200Bab\u200B' }))).toEqual([{ field: 'subject', code: 'too_short' }]);
		expect(issuesOf(valid({ description: `corto${'\u200B'.repeat(20)}` }))).toEqual([{ field: 'description', code: 'too_short' }]);
		// A joiner inside real text is kept, and real text is enough.
		expect(issuesOf(valid({ subject: 'a b' }))).toEqual([]);
		expect(issuesOf(valid({ subject: '😀😀😀' }))).toEqual([]);
		expect(issuesOf(valid({ subject: 'Falla\u200B en\u00ADfirma' }))).toEqual([]);
	});

	it('an emoji counts as one character, as PostgreSQL counts it (two are too short for a subject)', () => {
		expect(issuesOf(valid({ subject: '😀😀' }))).toEqual([{ field: 'subject', code: 'too_short' }]);
	});
});

describe('attachment paths', () => {
	const refused: [string, string][] = [
		['climbs out of the folder', `${ORG}/../../x`],
		['climbs at the end', `${ORG}/a/..`],
		['has a "." segment', `${ORG}/./x`],
		['has an empty segment', `${ORG}//x`],
		['ends in a slash', `${ORG}/a/`],
		['is the organisation folder alone', `${ORG}/`],
		['goes under internal/', `${ORG}/internal/x`],
		['is deeper than <org>/<folder>/<file>', `${ORG}/a/b/c.png`],
		['does not start with an organisation id', 'x/a/b.png'],
		['starts with a slash', `/${ORG}/a/b.png`],
		['has a backslash', `${ORG}/a\\..\\b.png`],
		['has a space', `${ORG}/a/b c.png`],
	];
	for (const [what, path] of refused) {
		it(`refuses a path that ${what}`, () => {
			expect(insideOrganisationFolder(path)).toBe(false);
			expect(issuesOf(valid({ attachments: [file({ storage_path: path })] }))).toEqual([{ field: 'attachments.0.storage_path', code: 'attachment_outside_folder' }]);
		});
	}

	it('accepts <org>/<folder>/<file> and <org>/<file>, with dots inside names', () => {
		for (const path of [`${ORG}/2b7f0c9e/captura.png`, `${ORG}/captura.png`, `${ORG}/a/..x.tar.gz`, `${ORG}/.../x`]) {
			expect(insideOrganisationFolder(path), path).toBe(true);
		}
		expect(issuesOf(valid())).toEqual([]);
	});

	it('with the organisation given, only that organisation’s folder', () => {
		expect(insideOrganisationFolder(`${ORG}/a/x.png`, ORG)).toBe(true);
		expect(insideOrganisationFolder(`${OTHER}/a/x.png`, ORG)).toBe(false);
		// The schema alone cannot know which organisation is the caller's: the tickets function checks.
		expect(issuesOf(valid({ attachments: [file({ storage_path: `${OTHER}/a/x.png` })] }))).toEqual([]);
	});

	it('refuses the same file twice in one ticket, at the second one', () => {
		expect(issuesOf(valid({ attachments: [file(), file({ storage_path: `${ORG}/b/y.png` }), file()] }))).toEqual([{ field: 'attachments.2', code: 'attachment_already_attached' }]);
	});
});

describe('product and version', () => {
	it('refuses ids that cannot be a product or a version before asking the database', () => {
		expect(issuesOf(valid({ product_id: 'Quetzal Docs', version: undefined }))).toEqual([{ field: 'product_id', code: 'invalid_product' }]);
		expect(issuesOf(valid({ version: '5.x' }))).toEqual([{ field: 'version', code: 'invalid_version' }]);
		expect(issuesOf(valid({ version: '5.1; drop table tickets' }))).toEqual([{ field: 'version', code: 'invalid_version' }]);
	});

	it('refuses a version without its product', () => {
		expect(issuesOf(valid({ product_id: undefined }))).toEqual([{ field: 'version', code: 'invalid_version' }]);
		expect(issuesOf(valid({ product_id: '  ' }))).toEqual([{ field: 'version', code: 'invalid_version' }]);
	});

	it('leaves a well-formed id that may not exist to the database (it knows the catalogue)', () => {
		expect(issuesOf(valid({ product_id: 'no-such-product', version: '9.9' }))).toEqual([]);
		expect(issuesOf(valid({ product_id: undefined, version: undefined }))).toEqual([]);
		expect(issuesOf(valid({ product_id: '', version: '' }))).toEqual([]);
	});
});

describe('wrong types', () => {
	it('names each field of the wrong type as invalid, and each missing one as required', () => {
		expect(issuesOf({ severity: 2, subject: ['a'], description: null, environment: 1, idempotency_key: {}, attachments: 'x' })).toEqual([
			{ field: 'severity', code: 'invalid' },
			{ field: 'subject', code: 'invalid' },
			{ field: 'description', code: 'invalid' },
			{ field: 'environment', code: 'invalid_environment' },
			{ field: 'idempotency_key', code: 'invalid' },
			{ field: 'attachments', code: 'invalid' },
		]);
		expect(issuesOf({})).toEqual([
			{ field: 'severity', code: 'required' },
			{ field: 'subject', code: 'required' },
			{ field: 'description', code: 'required' },
			{ field: 'idempotency_key', code: 'required' },
		]);
	});

	it('names attachment fields of the wrong type', () => {
		expect(issuesOf(valid({ attachments: [file({ size_bytes: '2048', storage_path: 7 })] }))).toEqual([
			{ field: 'attachments.0.storage_path', code: 'invalid' },
			{ field: 'attachments.0.size_bytes', code: 'invalid' },
		]);
		expect(issuesOf(valid({ attachments: ['x'] }))).toEqual([{ field: 'attachments.0', code: 'invalid' }]);
		// Only the wrong type, not also the length checks zod runs on the string anyway.
		expect(issuesOf(valid({ attachments: 'captura-de-pantalla.png' }))).toEqual([{ field: 'attachments', code: 'invalid' }]);
		expect(issuesOf(valid({ subject: { length: 3 } }))).toEqual([{ field: 'subject', code: 'invalid' }]);
		expect(issuesOf(valid({ attachments: [file({ size_bytes: 1.5 })] }))).toEqual([{ field: 'attachments.0.size_bytes', code: 'invalid' }]);
	});

	it('a body that is not an object is one issue with no field', () => {
		expect(issuesOf([valid()])).toEqual([{ field: '', code: 'invalid' }]);
		expect(issuesOf(null)).toEqual([{ field: '', code: 'invalid' }]);
	});
});

describe('the rules it had before', () => {
	it('refuses short, long and unknown values with their codes', () => {
		expect(issuesOf(valid({ subject: 'x', description: 'corto', severity: '', environment: 'staging' }))).toEqual([
			{ field: 'severity', code: 'required' },
			{ field: 'subject', code: 'too_short' },
			{ field: 'description', code: 'too_short' },
			{ field: 'environment', code: 'invalid_environment' },
		]);
		expect(issuesOf(valid({ subject: 'a'.repeat(201), impact: 'b'.repeat(2001) }))).toEqual([
			{ field: 'subject', code: 'too_long' },
			{ field: 'impact', code: 'too_long' },
		]);
		expect(issuesOf(valid({ source_article: 'KB/Firma' }))).toEqual([{ field: 'source_article', code: 'invalid_article' }]);
		expect(issuesOf(valid({ idempotency_key: 'short' }))).toEqual([{ field: 'idempotency_key', code: 'invalid_idempotency_key' }]);
		expect(issuesOf(valid({ organisation_id: 'mine' }))).toEqual([{ field: 'organisation_id', code: 'invalid_organisation' }]);
	});

	it('refuses attachments of the wrong type or size, and too many', () => {
		expect(issuesOf(valid({ attachments: [file({ mime_type: 'text/html', size_bytes: 26 * 1024 * 1024 })] }))).toEqual([
			{ field: 'attachments.0.mime_type', code: 'attachment_type_not_allowed' },
			{ field: 'attachments.0.size_bytes', code: 'attachment_too_large' },
		]);
		const eleven = Array.from({ length: 11 }, (_, i) => file({ storage_path: `${ORG}/f/${i}.png` }));
		expect(issuesOf(valid({ attachments: eleven }))).toEqual([{ field: 'attachments', code: 'too_many_attachments' }]);
	});

	it('trims, drops empty optional fields and fills the defaults', () => {
		const parsed = ticketInput.parse({ ...valid({ impact: '   ', steps: '', environment: undefined, attachments: undefined }), subject: '  Asunto  ' });
		expect(parsed).toMatchObject({ subject: 'Asunto', impact: undefined, steps: undefined, environment: 'production', attachments: [] });
	});
});
