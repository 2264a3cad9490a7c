import { describe, expect, it } from 'vitest';
import { call, errorText, isUnreachable } from '../../../src/islands/agent/errors.ts';
import { AGENT_LABEL_KEYS } from '../../../src/islands/agent/labels.ts';
import { keyLabels } from './fake-client.ts';

const labels = keyLabels(AGENT_LABEL_KEYS);

describe('isUnreachable', () => {
	it('is a request that never got an answer: status 0, or a fetch failure without a code', () => {
		expect(isUnreachable({}, 0)).toBe(true);
		expect(isUnreachable({ message: 'TypeError: Failed to fetch' })).toBe(true);
		expect(isUnreachable({ message: 'NetworkError when attempting to fetch resource.' })).toBe(true);
		expect(isUnreachable({ message: 'Load failed' })).toBe(true);
	});

	it('is not an answer with a code, or a refusal', () => {
		expect(isUnreachable({ message: 'fetch failed', code: 'PGRST000' })).toBe(false);
		expect(isUnreachable({ message: 'ticket_closed', code: 'P0001' }, 400)).toBe(false);
		// A 5xx is an answer here (the account widget says otherwise: issue 12 lists the three rules).
		expect(isUnreachable({ message: 'internal_error' }, 503)).toBe(false);
	});
});

describe('errorText', () => {
	it('says the backend is unavailable before anything else', () => {
		expect(errorText({ message: 'ticket_closed' }, labels, 0)).toBe('«unavailable»');
	});

	it('uses the console’s own words for its codes', () => {
		expect(errorText({ message: 'ticket_taken' }, labels, 409)).toBe('«errTicketTaken»');
		expect(errorText({ message: 'invalid_severity' }, labels, 400)).toBe('«errFailed»');
		expect(errorText({ message: 'too_many_attachments' }, labels, 400)).toBe('«errAttachment»');
	});

	it('reads other catalogued codes as the catalogue says them, in the page’s language', () => {
		expect(errorText({ message: 'not_allowed' }, labels, 403, 'en')).toBe('You are not allowed to do this.');
		expect(errorText({ message: 'not_allowed' }, labels, 403, 'es')).toBe('No tienes permiso para hacer esto.');
		expect(errorText({ message: 'JWT expired', code: 'PGRST301' }, labels, 401, 'en')).toBe('Your session has ended. Please sign in again.');
	});

	it('falls back to "failed" for anything unknown', () => {
		expect(errorText({ message: 'duplicate key value violates unique constraint', code: '23505' }, labels, 409)).toBe('«errFailed»');
		expect(errorText({}, labels, 400)).toBe('«errFailed»');
	});
});

describe('call', () => {
	it('gives the data of a successful call', async () => {
		expect(await call(async () => ({ data: [1, 2], error: null, status: 200 }))).toEqual({ ok: true, data: [1, 2] });
	});

	it('gives the error and status of a refused call', async () => {
		expect(await call(async () => ({ data: null, error: { message: 'staff_only', code: 'P0001' }, status: 403 }))).toEqual({ ok: false, error: { message: 'staff_only', code: 'P0001' }, status: 403 });
	});

	it('turns a thrown error into an unreachable one (status 0)', async () => {
		const result = await call(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(result).toEqual({ ok: false, error: { message: 'Failed to fetch' }, status: 0 });
		expect(!result.ok && isUnreachable(result.error, result.status)).toBe(true);
	});
});
