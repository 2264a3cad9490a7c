import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyProblem, loadThread, MAX_BODY, postComment } from '../../../src/islands/article/comments-api.ts';
import { alreadyVoted } from '../../../src/islands/article/feedback-api.ts';
import { fakeClient } from './fake-client.ts';

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
		expect(await postComment(refused.client, 'a', 'hola')).toEqual({ ok: false, error: 'refused', code: 'not_signed_in' });
		const thrown = { rpc: () => Promise.reject(new Error('offline')) } as any;
		expect(await postComment(thrown, 'a', 'hola')).toEqual({ ok: false, error: 'unavailable' });
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
