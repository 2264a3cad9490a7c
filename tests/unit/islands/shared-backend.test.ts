import { describe, expect, it } from 'vitest';
import { call, codeOf, failureOf, failureText, isUnavailable, ownLabels, resultOf, UNAVAILABLE } from '../../../src/islands/shared/backend.ts';

const labels = { unavailable: '«unavailable»', failed: '«failed»', mine: '«mine»' };

describe('isUnavailable: the one rule', () => {
	it('is no answer (no status, or 0), a 5xx, or a fetch failure', () => {
		expect(isUnavailable({}, 0)).toBe(true);
		expect(isUnavailable({ message: 'x' })).toBe(true);
		expect(isUnavailable({ message: 'internal_error' }, 503)).toBe(true);
		expect(isUnavailable({ status: 502 })).toBe(true);
		expect(isUnavailable({ message: 'TypeError: Failed to fetch' }, 400)).toBe(true);
		expect(isUnavailable({ message: 'NetworkError when attempting to fetch resource.' })).toBe(true);
		expect(isUnavailable({ message: 'AbortError: signal is aborted' })).toBe(true);
	});

	it('is not a refusal, or no error at all', () => {
		expect(isUnavailable({ message: 'ticket_closed', code: 'P0001' }, 400)).toBe(false);
		expect(isUnavailable({ status: 499 })).toBe(false);
		expect(isUnavailable(null)).toBe(false);
		expect(isUnavailable(undefined)).toBe(false);
	});
});

describe('failureOf and codeOf', () => {
	it('takes our code from the message, else a catalogued code, else PostgREST’s through the catalogue', () => {
		expect(failureOf({ message: 'edit_window_closed', code: 'P0001' }, 400)).toEqual({ ok: false, error: 'refused', code: 'edit_window_closed' });
		expect(failureOf({ message: 'Invalid login credentials', code: 'invalid_credentials', status: 400 })).toEqual({ ok: false, error: 'refused', code: 'invalid_credentials' });
		expect(codeOf({ message: 'permission denied for table staff', code: '42501' })).toBe('not_allowed');
		expect(codeOf({ message: 'admin_only', code: '42501' })).toBe('admin_only');
	});

	it('reads PostgREST’s expired session as session_expired', () => {
		for (const code of ['PGRST301', 'PGRST302', 'PGRST303']) expect(codeOf({ message: 'JWT expired', code })).toBe('session_expired');
	});

	it('keeps an uncatalogued code, and says failed when there is none', () => {
		expect(codeOf({ message: 'some_new_code' })).toBe('some_new_code');
		expect(codeOf({ message: 'duplicate key value violates unique constraint', code: '23505' })).toBe('23505');
		expect(failureOf({}, 400)).toEqual({ ok: false, error: 'refused', code: 'failed' });
	});

	it('keeps the field an edge function names', () => {
		expect(failureOf({ code: 'invalid_input', field: 'subject' }, 400)).toEqual({ ok: false, error: 'refused', code: 'invalid_input', field: 'subject' });
	});

	it('is unavailable for no answer or a 5xx', () => {
		expect(failureOf({ message: 'x' })).toEqual(UNAVAILABLE);
		expect(failureOf({ message: 'x' }, 503)).toEqual({ ok: false, error: 'unavailable' });
	});
});

describe('resultOf and call', () => {
	it('gives the data, or the failure', () => {
		expect(resultOf({ data: { id: 1 }, error: null, status: 200 })).toEqual({ ok: true, data: { id: 1 } });
		expect(resultOf({ data: null, error: { message: 'version_exists', code: 'P0001' }, status: 409 })).toEqual({ ok: false, error: 'refused', code: 'version_exists' });
	});

	it('runs a call, and a call that throws is unavailable', async () => {
		expect(await call(async () => ({ data: [1, 2], error: null, status: 200 }))).toEqual({ ok: true, data: [1, 2] });
		expect(await call(async () => ({ data: null, error: { message: 'staff_only', code: 'P0001' }, status: 403 }))).toEqual({ ok: false, error: 'refused', code: 'staff_only' });
		expect(await call(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual(UNAVAILABLE);
	});
});

describe('failureText', () => {
	const own = ownLabels({ made_up: 'mine', not_allowed: 'mine' }, labels);

	it('says unavailable, then the island’s own label, then the catalogue, then failed', () => {
		expect(failureText(UNAVAILABLE, labels, own)).toBe('«unavailable»');
		expect(failureText({ ok: false, error: 'refused', code: 'not_allowed' }, labels, own)).toBe('«mine»');
		expect(failureText({ ok: false, error: 'refused', code: 'staff_only' }, labels, own, 'en')).toBe('Only the support team can do this.');
		expect(failureText({ ok: false, error: 'refused', code: 'staff_only' }, labels, own, 'es')).toBe('Solo el equipo de soporte puede hacer esto.');
		expect(failureText({ ok: false, error: 'refused', code: 'failed' }, labels, own, 'en')).toBe('«failed»');
		expect(failureText({ ok: false, error: 'refused', code: 'nope' }, labels)).toBe('«failed»');
	});
});
