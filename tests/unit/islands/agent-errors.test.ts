import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/islands/agent/errors.ts';
import { failureOf } from '../../../src/islands/shared/backend.ts';
import { AGENT_LABEL_KEYS } from '../../../src/islands/agent/labels.ts';
import { keyLabels } from './fake-client.ts';

const labels = keyLabels(AGENT_LABEL_KEYS);
const text = (error: { message?: string; code?: string }, status?: number, lang?: 'es' | 'en') => errorText(failureOf(error, status), labels, lang);

describe('errorText', () => {
	it('says the backend is unavailable before anything else, a 5xx included', () => {
		expect(text({ message: 'ticket_closed' }, 0)).toBe('«unavailable»');
		expect(text({ message: 'internal_error' }, 503)).toBe('«unavailable»');
	});

	it('uses the console’s own words for its codes', () => {
		expect(text({ message: 'ticket_taken' }, 409)).toBe('«errTicketTaken»');
		expect(text({ message: 'invalid_severity' }, 400)).toBe('«errFailed»');
		expect(text({ message: 'too_many_attachments' }, 400)).toBe('«errAttachment»');
	});

	it('reads other catalogued codes as the catalogue says them, in the page’s language', () => {
		expect(text({ message: 'not_allowed' }, 403, 'en')).toBe('You are not allowed to do this.');
		expect(text({ message: 'not_allowed' }, 403, 'es')).toBe('No tienes permiso para hacer esto.');
		expect(text({ message: 'JWT expired', code: 'PGRST301' }, 401, 'en')).toBe('Your session has ended. Please sign in again.');
	});

	it('falls back to "failed" for anything unknown', () => {
		expect(text({ message: 'duplicate key value violates unique constraint', code: '23505' }, 409)).toBe('«errFailed»');
		expect(text({}, 400)).toBe('«errFailed»');
	});
});
