import { afterEach, describe, expect, it, vi } from 'vitest';
import { failureOf, refusalText, UNAVAILABLE } from '../../../src/islands/article/backend-error.ts';
import { bodyProblem, loadThread, MAX_BODY, postComment } from '../../../src/islands/article/comments-api.ts';
import { alreadyVoted } from '../../../src/islands/article/feedback-api.ts';
import { fakeClient } from './fake-client.ts';

describe('failureOf', () => {
	it('is nothing without an error', () => {
		expect(failureOf({ error: null, status: 200 })).toBeNull();
	});

	it('is unavailable without an answer or with a 5xx, a refusal with the RPC’s code otherwise', () => {
		expect(failureOf({ error: { message: 'x' } })).toEqual({ kind: 'unavailable' });
		expect(failureOf({ error: { message: 'x' }, status: 500 })).toEqual({ kind: 'unavailable' });
		expect(failureOf({ error: { message: 'edit_window_closed', code: 'P0001' }, status: 400 })).toEqual({ kind: 'refused', code: 'edit_window_closed' });
		expect(failureOf({ error: {}, status: 499 })).toEqual({ kind: 'refused', code: '' });
	});
});

describe('refusalText', () => {
	it('says a catalogued refusal in the page’s language, nothing for unknown codes or unavailability', () => {
		expect(refusalText({ kind: 'refused', code: 'not_allowed' }, 'en')).toBe('You are not allowed to do this.');
		expect(refusalText({ kind: 'refused', code: 'not_allowed' }, 'es')).toBe('No tienes permiso para hacer esto.');
		expect(refusalText({ kind: 'refused', code: 'made_up' }, 'es')).toBeUndefined();
		expect(refusalText(UNAVAILABLE, 'es')).toBeUndefined();
	});
});

describe('bodyProblem', () => {
	it('refuses a blank comment', () => {
		expect(bodyProblem('')).toBe('bodyEmpty');
		expect(bodyProblem(' \n\t ')).toBe('bodyEmpty');
	});

	it('counts characters as the database does (code points), after trimming', () => {
		expect(MAX_BODY).toBe(5000);
		expect(bodyProblem('😀'.repeat(5000))).toBeNull(); // 10 000 UTF-16 units
		expect(bodyProblem('ñ'.repeat(5001))).toBe('bodyTooLong');
		expect(bodyProblem(`  ${'a'.repeat(5000)}  `)).toBeNull();
	});
});

describe('comments API', () => {
	it('gives the thread, or a failure the widget explains', async () => {
		const ok = fakeClient({ rpc: { article_comment_thread: { data: [{ id: 'c1' }] } } });
		expect(await loadThread(ok.client, 'guias/instalar')).toEqual({ ok: true, data: [{ id: 'c1' }] });
		expect(ok.calls['rpc:article_comment_thread'][0][0].args).toEqual(['article_comment_thread', { article: 'guias/instalar' }]);
		const refused = fakeClient({ rpc: { post_comment: { error: { message: 'not_signed_in' }, status: 401 } } });
		expect(await postComment(refused.client, 'a', 'hola')).toEqual({ ok: false, failure: { kind: 'refused', code: 'not_signed_in' } });
		const thrown = { rpc: () => Promise.reject(new Error('offline')) } as any;
		expect(await postComment(thrown, 'a', 'hola')).toEqual({ ok: false, failure: { kind: 'unavailable' } });
	});
});

describe('alreadyVoted', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('remembers a vote on this article only', () => {
		const items = new Map([['mostrador-feedback:guias/instalar', 'yes']]);
		vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null });
		expect(alreadyVoted('guias/instalar')).toBe(true);
		expect(alreadyVoted('guias/otra')).toBe(false);
	});

	it('asks again when storage cannot be read', () => {
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
		});
		expect(alreadyVoted('guias/instalar')).toBe(false);
	});
});
