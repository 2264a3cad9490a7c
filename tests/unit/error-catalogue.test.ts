// The error catalogue (supabase/functions/_shared/error-catalogue.ts) against what the backend really
// raises: every code a migration raises through private.fail, every code an edge function answers
// with, every field code of the ticket schema has an entry with a Spanish and an English message, and
// every entry is raised somewhere (or says where else it comes from). The SQL is read as it is when the
// test runs, new migrations included. Also: private.fail is the only place SQL raises errors, and no
// refusal leaves it with a SQLSTATE PostgREST would answer with a 5xx.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, errorCodeOf, errorMessage, isErrorCode, langOf, type ErrorEntry } from '#shared/error-catalogue.ts';
import { ATTACHMENT_MAX_FILES, fieldIssues, ticketInput } from '#shared/ticket-input.ts';
import * as account from '../../src/islands/account/errors.ts';
import { accountLabelKeys } from '../../src/islands/account/labels.ts';
import * as admin from '../../src/islands/admin/errors.ts';
import { ADMIN_LABEL_KEYS } from '../../src/islands/admin/labels.ts';
import * as agent from '../../src/islands/agent/errors.ts';
import { failureOf, failureText } from '../../src/islands/shared/backend.ts';
import * as tickets from '../../src/islands/tickets/errors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = join(ROOT, 'supabase/migrations');
const FUNCTIONS = join(ROOT, 'supabase/functions');
const TICKET_INPUT = join(FUNCTIONS, '_shared/ticket-input.ts');
const CATALOGUE_FILE = join(FUNCTIONS, '_shared/error-catalogue.ts');

const catalogue: Readonly<Record<string, ErrorEntry>> = ERROR_CATALOGUE;
const CODE = /^[a-z][a-z0-9_]*$/;

// ── Reading SQL ────────────────────────────────────────────────────────────────────────────────────

/**
 * The SQL with comments blanked and, with `masked`, the contents of string literals blanked too; every
 * offset is kept. Dollar quotes are read through: the bodies they hold are code to check.
 */
function blank(sql: string, masked = false): string {
	const out = sql.split('');
	const wipe = (from: number, to: number) => {
		for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
	};
	let i = 0;
	while (i < sql.length) {
		const two = sql.slice(i, i + 2);
		if (two === '--') {
			const end = sql.indexOf('\n', i);
			const stop = end < 0 ? sql.length : end;
			wipe(i, stop);
			i = stop;
		} else if (two === '/*') {
			const end = sql.indexOf('*/', i + 2);
			const stop = end < 0 ? sql.length : end + 2;
			wipe(i, stop);
			i = stop;
		} else if (sql[i] === "'") {
			let j = i + 1;
			while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
			if (masked) wipe(i + 1, j);
			i = j + 1;
		} else i++;
	}
	return out.join('');
}

/** The arguments of the call whose '(' is just before `start`, split at top-level commas, and where it ends. */
function callArguments(sql: string, start: number): { args: string[]; end: number } {
	const args: string[] = [];
	let depth = 0;
	let from = start;
	for (let i = start; i < sql.length; i++) {
		const c = sql[i];
		if (c === "'") {
			i++;
			while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
		} else if (c === '(' || c === '[') depth++;
		else if ((c === ')' || c === ']') && depth > 0) depth--;
		else if (c === ')' || (c === ',' && depth === 0)) {
			args.push(sql.slice(from, i).trim());
			from = i + 1;
			if (c === ')') return { args: args.filter((a, k) => a !== '' || k > 0), end: i + 1 };
		}
	}
	throw new Error(`unbalanced call at offset ${start}`);
}

/** A SQL string literal's text, or undefined for anything else (an expression, a variable, null). */
function literal(arg: string | undefined): string | undefined {
	const m = arg?.match(/^'((?:[^']|'')*)'(?:\s*::\s*text)?$/i);
	return m ? m[1].replace(/''/g, "'") : undefined;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

interface FailCall {
	where: string;
	offset: number;
	code?: string;
	codeArg: string;
	state?: string;
	stateArg?: string;
}

const FAIL_PARAMS = ['code', 'detail', 'state', 'field'] as const;

/** Every private.fail(…) call in `sql` (already blanked of comments), its definitions aside. */
function failCalls(sql: string, file: string, base = 0, whole = sql): FailCall[] {
	const calls: FailCall[] = [];
	for (const m of sql.matchAll(/\bprivate\s*\.\s*fail\s*\(/gi)) {
		if (/\bfunction\s+$/i.test(sql.slice(Math.max(0, m.index - 40), m.index))) continue; // create/drop/grant … function private.fail(
		const { args } = callArguments(sql, m.index + m[0].length);
		const byName: Record<string, string | undefined> = {};
		args.forEach((arg, k) => {
			const named = arg.match(/^(\w+)\s*(?:=>|:=)\s*([\s\S]*)$/);
			if (named) byName[named[1].toLowerCase()] = named[2].trim();
			else byName[FAIL_PARAMS[k] ?? `extra${k}`] = arg;
		});
		const offset = base + m.index;
		calls.push({
			where: `${file}:${lineOf(whole, offset)}`,
			offset,
			codeArg: byName.code ?? '',
			code: literal(byName.code),
			stateArg: byName.state,
			state: literal(byName.state),
		});
	}
	return calls;
}

interface FunctionDefinition {
	key: string;
	name: string;
	file: string;
	argsText: string;
	body: string;
	bodyOffset: number;
	text: string;
}

const TYPE_WORDS = new Set(['double', 'character', 'bit', 'timestamp', 'time', 'interval', 'setof']);
const TYPE_ALIASES: Record<string, string> = {
	int: 'integer',
	int4: 'integer',
	int8: 'bigint',
	int2: 'smallint',
	bool: 'boolean',
	timestamptz: 'timestamp with time zone',
	varchar: 'character varying',
	float8: 'double precision',
};

const qualified = (name: string) => {
	const n = name.replace(/"/g, '').toLowerCase();
	return n.includes('.') ? n : `public.${n}`;
};

/** `a uuid, b text default null` → `uuid,text`: the signature PostgreSQL tells overloads apart by. */
function signature(argsText: string): string {
	if (!argsText.trim()) return '';
	return callArguments(`${argsText})`, 0)
		.args.map((arg) => arg.split(/\s+default\s+|\s*=\s*/i)[0].trim().toLowerCase().split(/\s+/))
		.filter((words) => words[0] !== 'out')
		.map((words) => {
			const w = ['in', 'inout', 'variadic'].includes(words[0]) ? words.slice(1) : words;
			const type = w.length > 1 && !TYPE_WORDS.has(w[0]) ? w.slice(1) : w;
			const joined = type.join(' ');
			return TYPE_ALIASES[joined] ?? joined;
		})
		.join(',');
}

const migrationFiles = readdirSync(MIGRATIONS)
	.filter((f) => f.endsWith('.sql'))
	.sort();
const migrations = migrationFiles.map((f) => {
	const text = readFileSync(join(MIGRATIONS, f), 'utf8');
	return { file: `supabase/migrations/${f}`, text, code: blank(text), masked: blank(text, true) };
});

/** The functions as the last migration leaves them: each `create [or replace] function` replaces its namesake, `drop function` removes it. */
function effectiveFunctions(): Map<string, FunctionDefinition> {
	const live = new Map<string, FunctionDefinition>();
	for (const m of migrations) {
		const events: { at: number; apply: () => void }[] = [];
		for (const d of m.code.matchAll(/\bcreate\s+(?:or\s+replace\s+)?function\s+([\w."]+)\s*\(/gi)) {
			const argsStart = d.index + d[0].length;
			const { end } = callArguments(m.code, argsStart);
			const argsText = m.code.slice(argsStart, end - 1);
			const open = m.code.slice(end).match(/\bas\s+(\$\w*\$)/i);
			if (!open || open.index === undefined) continue; // a SQL-standard body: no private.fail in it
			const bodyOffset = end + open.index + open[0].length;
			const close = m.code.indexOf(open[1], bodyOffset);
			const name = qualified(d[1]);
			const def: FunctionDefinition = {
				key: `${name}(${signature(argsText)})`,
				name,
				file: m.file,
				argsText,
				body: m.code.slice(bodyOffset, close),
				bodyOffset,
				text: m.text,
			};
			events.push({ at: d.index, apply: () => live.set(def.key, def) });
		}
		for (const d of m.code.matchAll(/\bdrop\s+function\s+(?:if\s+exists\s+)?([\w."]+)\s*(?:\(([^)]*)\))?/gi)) {
			const name = qualified(d[1]);
			const key = d[2] === undefined ? undefined : `${name}(${signature(d[2])})`;
			events.push({
				at: d.index,
				apply: () => {
					for (const k of [...live.keys()]) if (key ? k === key : live.get(k)!.name === name) live.delete(k);
				},
			});
		}
		events.sort((a, b) => a.at - b.at).forEach((e) => e.apply());
	}
	return live;
}

const sqlCalls = migrations.flatMap((m) => failCalls(m.code, m.file));

// ── Reading the edge functions ─────────────────────────────────────────────────────────────────────

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return tsFiles(path);
		return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
	});
}

interface Sent {
	code: string;
	where: string;
	status?: number;
}

/** The codes the functions answer with: fail(req, status, 'code'), { code: 'code' } bodies and the STATUS maps of forwarded RPC codes. */
function functionCodes(): Sent[] {
	const sent: Sent[] = [];
	for (const path of tsFiles(FUNCTIONS)) {
		if (path === CATALOGUE_FILE || path === TICKET_INPUT) continue;
		const text = readFileSync(path, 'utf8');
		const where = (i: number) => `${relative(ROOT, path)}:${lineOf(text, i)}`;
		for (const m of text.matchAll(/\bfail\(\s*\w+\s*,\s*(\d{3}|[\w.]+)\s*,\s*'([^']+)'/g)) {
			sent.push({ code: m[2], where: where(m.index), status: /^\d+$/.test(m[1]) ? Number(m[1]) : undefined });
		}
		for (const m of text.matchAll(/\bcode:\s*'([^']+)'/g)) {
			if (m[1] === 'custom') continue; // zod's issue kind in ctx.addIssue
			// json({ code, … }, 400), or { status: 400, code } in the same object
			const after = text.slice(m.index).match(/^code:\s*'[^']+'[^{}]*\}\s*,\s*(\d{3})\b/);
			const before = text.slice(text.lastIndexOf('{', m.index), m.index).match(/\bstatus:\s*(\d{3})\b/);
			const status = after?.[1] ?? before?.[1];
			sent.push({ code: m[1], where: where(m.index), status: status ? Number(status) : undefined });
		}
		// Maps of forwarded RPC codes: const STATUS = { code: 403, … } and { code: { status: 400, … }, … }
		for (const map of text.matchAll(/\bconst\s+STATUS\b[^=]*=\s*\{([^}]*)\}/g)) {
			for (const e of map[1].matchAll(/['"]?(\w+)['"]?\s*:\s*(\d{3})/g)) {
				sent.push({ code: e[1], where: where(map.index), status: Number(e[2]) });
			}
		}
		for (const e of text.matchAll(/^\s*['"]?([a-z][a-z0-9_]*)['"]?\s*:\s*\{\s*status:\s*(\d{3})\b/gm)) {
			sent.push({ code: e[1], where: where(e.index), status: Number(e[2]) });
		}
	}
	return sent;
}

/** The ticket schema's codes: those it names, and those fieldIssues gives for payloads a client could send. */
function schemaCodes(): Sent[] {
	const text = readFileSync(TICKET_INPUT, 'utf8');
	const where = (i: number) => `${relative(ROOT, TICKET_INPUT)}:${lineOf(text, i)}`;
	const named = [
		...[...text.matchAll(/\b(?:message|error):\s*'([a-z][a-z0-9_]*)'/g)].map((m) => ({ code: m[1], where: where(m.index) })),
		// zod's shorthand: .max(200, 'too_long')
		...[...text.matchAll(/\.\w+\([^()]*,\s*'([a-z][a-z0-9_]*)'\s*\)/g)].map((m) => ({ code: m[1], where: where(m.index) })),
	];
	const org = '3f0c7c1e-8a51-4a8e-9d3b-2b6f6f0e9a11';
	const file = { storage_path: `${org}/draft/a.png`, file_name: 'a.png', mime_type: 'image/png', size_bytes: 10 };
	const good = { severity: 'high', subject: 'No arranca', description: 'El servidor no arranca tras actualizar.', idempotency_key: 'draft-0001' };
	const payloads: unknown[] = [
		null,
		[],
		{},
		{ ...good, subject: 1, description: null, severity: [], attachments: 'none', environment: 7 },
		{ ...good, subject: 'a', description: 'short' },
		{ ...good, subject: 'x'.repeat(201), description: 'x'.repeat(20001), impact: 'x'.repeat(2001), steps: 'x'.repeat(20001) },
		{ ...good, subject: 'Nul\u0000byte', description: 'Lone \ud800 surrogate in the description' },
		{ ...good, subject: '\u200b\u200b\u200b\u200b', affected_user: '\u200d\u200d\u200d' },
		{ ...good, organisation_id: 'not-a-uuid', environment: 'staging', source_article: '../../etc', idempotency_key: 'x' },
		{ ...good, severity: '', product_id: 'x'.repeat(101), version: 'x'.repeat(41) },
		{ ...good, attachments: Array.from({ length: ATTACHMENT_MAX_FILES + 1 }, () => file) },
		{
			...good,
			attachments: [
				{ ...file, storage_path: 'elsewhere/a.png' },
				{ ...file, storage_path: `${org}/../../x` },
				{ ...file, storage_path: `${org}/./a.png` },
				{ ...file, storage_path: `${org}//a.png` },
				{ ...file, mime_type: 'application/x-msdownload', size_bytes: 10 ** 12, file_name: '' },
				{ ...file, size_bytes: -1, file_name: 'x'.repeat(256) },
				{ storage_path: 7 },
			],
		},
	];
	const seen = payloads.flatMap((p) => {
		const r = ticketInput.safeParse(p);
		return r.success ? [] : fieldIssues(r.error).map((i) => ({ code: i.code, where: `fieldIssues(${JSON.stringify(p)?.slice(0, 60)}…) at ${i.field || '(body)'}` }));
	});
	return [...named, ...seen];
}

const functionSent = functionCodes();
const schemaSent = schemaCodes();

const missing = (codes: { code: string; where: string }[]) =>
	[...new Set(codes.filter((c) => !(c.code in catalogue)).map((c) => `${c.code} (${c.where})`))].sort();

// ── The tests ──────────────────────────────────────────────────────────────────────────────────────

describe('what the migrations raise', () => {
	it('finds the migrations and their private.fail calls', () => {
		expect(migrations.length).toBeGreaterThan(0);
		expect(sqlCalls.length).toBeGreaterThan(50);
	});

	it('raises codes as literals, so they can be checked here', () => {
		expect(sqlCalls.filter((c) => c.code === undefined).map((c) => `${c.where}: private.fail(${c.codeArg}, …)`)).toEqual([]);
		expect(sqlCalls.filter((c) => c.code !== undefined && !CODE.test(c.code)).map((c) => `${c.where}: ${c.code}`)).toEqual([]);
	});

	it('raises only codes the catalogue knows', () => {
		expect(missing(sqlCalls.filter((c) => c.code).map((c) => ({ code: c.code!, where: c.where })))).toEqual([]);
	});

	it('raises errors only through private.fail', () => {
		const stray: string[] = [];
		for (const m of migrations) {
			const failBodies = [...m.code.matchAll(/\bfunction\s+private\s*\.\s*fail\s*\(/gi)].map((d) => {
				const open = m.code.slice(d.index).match(/\bas\s+(\$\w*\$)/i)!;
				const from = d.index + open.index! + open[0].length;
				return [from, m.code.indexOf(open[1], from)] as const;
			});
			for (const r of m.masked.matchAll(/\braise\b(?!\s*;)(?!\s+(?:notice|warning|info|log|debug)\b)/gi)) {
				if (!failBodies.some(([from, to]) => r.index > from && r.index < to)) stray.push(`${m.file}:${lineOf(m.text, r.index)}`);
			}
		}
		expect(stray).toEqual([]);
	});
});

describe('the SQLSTATE of every refusal', () => {
	const live = effectiveFunctions();
	const fails = [...live.values()].filter((f) => f.name === 'private.fail');

	it('has one private.fail', () => {
		expect(fails.map((f) => f.key)).toHaveLength(1);
	});

	// PostgREST answers 400 for P0001, 401/403 for 42501 and xyz for PTxyz, but 500 for every other P0
	// state (P0002 "no data found" among them): a refusal must leave private.fail as one of these.
	it('is one PostgREST answers with a 4xx, as private.fail finally raises it', () => {
		const fail = fails[0];
		const fallback = fail.argsText.match(/\bstate\s+\w+\s+default\s+'([^']+)'/i)?.[1];
		expect(fallback, 'private.fail has a default state').toBeDefined();
		// private.fail may turn a state into another (P0002 → PT404): the state it raises is what counts.
		const remap = new Map([...fail.body.matchAll(/\bstate\s*=\s*'([^']+)'\s*then\s*(?:\w+\s*:=\s*)?'([^']+)'/gi)].map((m) => [m[1], m[2]]));
		const wrong: string[] = [];
		for (const def of live.values()) {
			if (def === fail) continue;
			for (const call of failCalls(def.body, def.file, def.bodyOffset, def.text)) {
				if (call.stateArg !== undefined && call.state === undefined) {
					wrong.push(`${call.where} ${def.name}: ${call.code} with a state that is not a literal (${call.stateArg})`);
					continue;
				}
				const given = call.state ?? fallback!;
				const raised = remap.get(given) ?? given;
				if (!/^(42501|P0001|PT4\d\d)$/.test(raised)) wrong.push(`${call.where} ${def.name}: ${call.code} raised as ${raised}${raised === given ? '' : ` (given ${given})`}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe('what the edge functions answer', () => {
	it('finds their codes', () => {
		expect(functionSent.length).toBeGreaterThan(10);
	});

	it('answers only with codes the catalogue knows', () => {
		expect(missing(functionSent)).toEqual([]);
	});

	it('answers each code with the status class the catalogue gives it', () => {
		const off = functionSent
			.filter((s) => s.status !== undefined && catalogue[s.code]?.status !== undefined)
			.filter((s) => Math.floor(s.status! / 100) !== Math.floor(catalogue[s.code].status! / 100))
			.map((s) => `${s.where}: ${s.code} sent with ${s.status}, catalogued with ${catalogue[s.code].status}`);
		expect(off).toEqual([]);
	});

	it('knows every field code of the ticket schema', () => {
		expect(schemaSent.length).toBeGreaterThan(5);
		expect(missing(schemaSent)).toEqual([]);
	});
});

describe('the catalogue', () => {
	const entries = Object.entries(catalogue);
	const raised = new Set([...sqlCalls.flatMap((c) => (c.code ? [c.code] : [])), ...functionSent.map((s) => s.code), ...schemaSent.map((s) => s.code)]);

	it('has no dead entry: each code is raised somewhere, or says where else it comes from', () => {
		expect(entries.filter(([code, e]) => !raised.has(code) && !e.origin).map(([code]) => code)).toEqual([]);
	});

	it('names codes as the backend does', () => {
		expect(entries.map(([code]) => code).filter((c) => !CODE.test(c))).toEqual([]);
	});

	it('has a Spanish and an English message for each code, ready to show', () => {
		const bad = entries.flatMap(([code, e]) =>
			(['es', 'en'] as const).flatMap((lang) => {
				const text = e[lang];
				if (typeof text !== 'string' || text.trim() === '') return [`${code}.${lang} is empty`];
				if (text !== text.trim()) return [`${code}.${lang} has surrounding spaces`];
				if (/\{\w+\}/.test(text)) return [`${code}.${lang} has a placeholder: ${text}`];
				return [];
			}),
		);
		expect(bad).toEqual([]);
	});

	it('says each message in two languages, not the same words twice', () => {
		expect(entries.filter(([, e]) => e.es === e.en).map(([code]) => code)).toEqual([]);
	});

	it('gives refusals a 4xx status, and only system codes a 5xx one', () => {
		const sqlRaised = new Set(sqlCalls.flatMap((c) => (c.code ? [c.code] : [])));
		expect(entries.filter(([code, e]) => sqlRaised.has(code) && e.status !== undefined && (e.status < 400 || e.status > 499)).map(([code]) => code)).toEqual([]);
		expect(entries.filter(([, e]) => e.status !== undefined && (e.status < 400 || e.status > 599)).map(([code]) => code)).toEqual([]);
	});

	it('states the attachment count the schema allows', () => {
		for (const lang of ['es', 'en'] as const) expect(catalogue.too_many_attachments[lang]).toContain(String(ATTACHMENT_MAX_FILES));
	});
});

describe('looking a code up', () => {
	it('gives the message in the language asked for', () => {
		expect(errorMessage('ticket_closed', 'es')).toBe(catalogue.ticket_closed.es);
		expect(errorMessage('ticket_closed', 'en')).toBe(catalogue.ticket_closed.en);
	});

	it('falls back to the generic message for an unknown code, or none', () => {
		expect(errorMessage('no_such_code', 'en')).toBe(catalogue.failed.en);
		expect(errorMessage(undefined, 'es')).toBe(catalogue.failed.es);
		expect(errorMessage('constructor', 'es')).toBe(catalogue.failed.es);
		expect(isErrorCode('toString')).toBe(false);
	});

	it('says PostgREST’s and PostgreSQL’s own refusals through their entries', () => {
		expect(errorMessage('42501', 'en')).toBe(catalogue.not_allowed.en);
		expect(errorMessage('PGRST301', 'es')).toBe(catalogue.session_expired.es);
		expect(errorCodeOf({ message: 'permission denied for table tickets', code: '42501' })).toBe('not_allowed');
		expect(errorCodeOf({ message: 'JWT expired', code: 'PGRST303' })).toBe('session_expired');
	});

	it('finds our code in an RPC error’s message or a function’s code', () => {
		expect(errorCodeOf({ message: 'invitation_expired', code: 'P0001' })).toBe('invitation_expired');
		expect(errorCodeOf({ code: 'quota_exceeded' })).toBe('quota_exceeded');
		expect(errorCodeOf({ message: 'something else', code: 'P0001' })).toBeUndefined();
		expect(errorCodeOf(null)).toBeUndefined();
	});

	it('reads the page language from a language tag', () => {
		expect(langOf('en')).toBe('en');
		expect(langOf('en-GB')).toBe('en');
		expect(langOf('es-MX')).toBe('es');
		expect(langOf('')).toBe('es');
		expect(langOf(undefined)).toBe('es');
	});
});

describe('the islands’ fallback', () => {
	const labels = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, `label:${k}`])) as Record<K, string>;
	const any = new Proxy({} as Record<string, string>, { get: (_, k) => `label:${String(k)}` });
	const refused = (message: string, status = 400, code = 'P0001') => failureOf({ message, code }, status);

	it('tickets: a code the island does not handle reads as the catalogue says, an unknown one as before', () => {
		expect(tickets.errorText(refused('invitation_expired'), any as never, 'en')).toBe(catalogue.invitation_expired.en);
		expect(tickets.errorText(refused('invitation_expired'), any as never, 'es')).toBe(catalogue.invitation_expired.es);
		expect(tickets.errorText(refused('ticket_closed'), any as never, 'en')).toBe('label:errTicketClosed');
		expect(tickets.errorText(refused('boom', 400, 'XX000'), any as never, 'en')).toBe('label:failed');
		expect(tickets.errorText(failureOf({ message: 'Failed to fetch' }, 0), any as never, 'en')).toBe('label:unavailable');
	});

	it('agent: the same', () => {
		expect(agent.errorText(refused('ticket_closed'), any as never, 'en')).toBe('label:errTicketClosed');
		expect(agent.errorText(refused('invalid_level'), any as never, 'es')).toBe(catalogue.invalid_level.es);
		expect(agent.errorText(refused('permission denied for function take_ticket', 403, '42501'), any as never, 'en')).toBe(catalogue.not_allowed.en);
		expect(agent.errorText(refused('boom', 400, 'XX000'), any as never, 'en')).toBe('label:errFailed');
	});

	it('admin: a code without its own label reads as the catalogue says', () => {
		const l = labels(ADMIN_LABEL_KEYS);
		expect(admin.messageFor('version_exists', l, 'en')).toBe('label:error.version_exists');
		expect(admin.messageFor('person_not_found', l, 'en')).toBe(catalogue.person_not_found.en);
		expect(admin.messageFor('nonsense', l, 'en')).toBe('label:error.failed');
	});

	it('account: RPC and Auth errors without their own label read as the catalogue says', () => {
		const l = labels(accountLabelKeys);
		expect(account.rpcMessage({ message: 'invitation_expired' }, l, 400)).toBe('label:invitationExpired');
		expect(account.rpcMessage({ message: 'profile_field_readonly', code: '42501' }, l, 403, 'en')).toBe(catalogue.profile_field_readonly.en);
		expect(account.rpcMessage({ message: 'boom', code: 'XX000' }, l, 400, 'en')).toBe('label:failed');
		expect(account.rpcMessage({ message: 'Failed to fetch' }, l, 0, 'en')).toBe('label:unavailable');
		expect(account.authMessage({ code: 'invalid_credentials', status: 400 }, l)).toBe('label:wrongPassword');
		expect(account.authMessage({ code: 'not_signed_in', status: 401 }, l, 'es')).toBe(catalogue.not_signed_in.es);
		expect(account.authMessage({ code: 'weak_password', status: 422 }, l, 'en')).toBe('label:failed');
	});

	it('any island: its own label first, then the catalogue, then its own "failed"; unavailable is its own', () => {
		const own = (code: string) => (code === 'ticket_closed' ? 'own:closed' : undefined);
		const base = { failed: 'own:failed', unavailable: 'own:unavailable' };
		expect(failureText(refused('ticket_closed'), base, own, 'en')).toBe('own:closed');
		expect(failureText(refused('article_not_found'), base, own, 'en')).toBe(catalogue.article_not_found.en);
		expect(failureText(refused('nonsense'), base, own, 'en')).toBe('own:failed');
		expect(failureText(failureOf({ message: 'x' }, 503), base, own, 'en')).toBe('own:unavailable');
	});
});
