// The notify function's decisions without a network: the retry schedule and dead letters, how one
// run walks the outbox (batches, limit, time budget, one failure not stopping the rest), its settings
// and who the caller is. The outbox here is an in-memory table behind the same interface the function
// uses over the API; the real one (claims, leases, SKIP LOCKED) is covered by tests/contract/notify.test.ts.
import { describe, expect, it } from 'vitest';
import { afterFailure, retryDelayMs, RETRY_DELAYS_MINUTES, type Outcome } from '../../supabase/functions/notify/retry.ts';
import { drain } from '../../supabase/functions/notify/drain.ts';
import type { ClaimedNotification, Outbox } from '../../supabase/functions/notify/outbox.ts';
import { notifySettings } from '../../supabase/functions/notify/settings.ts';
import { callerRole } from '#shared/caller-role.ts';
import { MailerError, type Mailer, type OutgoingMail } from '#shared/mailer/types.ts';

const NOW = new Date('2026-04-06T18:00:00Z');
const MIN = 60_000;

describe('retry schedule', () => {
	it('waits 1, 5, 30, 120 minutes, then every 12 hours', () => {
		expect(RETRY_DELAYS_MINUTES).toEqual([1, 5, 30, 120, 720]);
		expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([1, 5, 30, 120, 720, 720, 720].map((m) => m * MIN));
		expect(() => retryDelayMs(0)).toThrow(RangeError);
		expect(() => retryDelayMs(1.5)).toThrow(RangeError);
	});

	it('a transient failure before the last attempt is retried at now + delay', () => {
		expect(afterFailure(1, 5, 'http: 503', false, NOW)).toEqual({ status: 'failed', error: 'http: 503', retryAt: new Date(NOW.getTime() + MIN) });
		expect(afterFailure(3, 5, 'x', false, NOW)).toEqual({ status: 'failed', error: 'x', retryAt: new Date(NOW.getTime() + 30 * MIN) });
		expect(afterFailure(4, 5, 'x', false, NOW)).toEqual({ status: 'failed', error: 'x', retryAt: new Date(NOW.getTime() + 120 * MIN) });
	});

	it('the last attempt failing makes it dead, saying so', () => {
		expect(afterFailure(5, 5, 'http: 503', false, NOW)).toEqual({ status: 'dead', error: 'http: 503 (gave up after 5 attempts)' });
		expect(afterFailure(1, 1, 'smtp: 421', false, NOW)).toEqual({ status: 'dead', error: 'smtp: 421 (gave up after 1 attempt)' });
		// NOTIFY_MAX_ATTEMPTS lowered while rows had more attempts already.
		expect(afterFailure(7, 5, 'x', false, NOW).status).toBe('dead');
	});

	it('a permanent failure is dead at once, whatever the attempt', () => {
		expect(afterFailure(1, 5, 'smtp: 550 no such user', true, NOW)).toEqual({ status: 'dead', error: 'smtp: 550 no such user' });
	});
});

/** The outbox table in memory, with the claim semantics the SQL has (due, oldest first, attempts counted). */
class MemoryOutbox implements Outbox {
	rows: (ClaimedNotification & { status: string; due: number; error?: string })[] = [];
	claims: number[] = [];
	failFinishFor = new Set<string>();

	add(n: Partial<ClaimedNotification> & { id: string }, status = 'queued', due = 0) {
		this.rows.push({ template: 'ticket_auto_closed', locale: 'es', payload: { number: 7, subject: 'Prueba', days: 3 }, attempts: 0, email: `${n.id}@example.test`, full_name: null, ...n, status, due });
	}
	async claim(batch: number) {
		this.claims.push(batch);
		const due = this.rows.filter((r) => ['queued', 'failed'].includes(r.status) && r.due <= NOW.getTime()).slice(0, batch);
		for (const r of due) {
			r.status = 'sending';
			r.attempts++;
		}
		return due.map((r) => ({ ...r }));
	}
	async finish(n: ClaimedNotification, o: Outcome) {
		if (this.failFinishFor.has(n.id)) throw new Error('claim_lost');
		const r = this.rows.find((x) => x.id === n.id)!;
		r.status = o.status;
		if (o.status !== 'sent') r.error = o.error;
		if (o.status === 'failed') r.due = o.retryAt.getTime();
	}
	async remaining() {
		return this.rows.filter((r) => ['queued', 'failed'].includes(r.status) && r.due <= NOW.getTime()).length;
	}
	get(id: string) {
		return this.rows.find((r) => r.id === id)!;
	}
}

/** A provider that records what it was given and fails for chosen addresses. */
function recordingMailer(failures: Record<string, MailerError> = {}): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return {
		name: 'test',
		sent,
		async send(mail) {
			const f = failures[mail.to];
			if (f) throw f;
			sent.push(mail);
		},
	};
}

const base = { site: 'https://soporte.example.mx', maxAttempts: 5, batchSize: 2, limit: 100, leaseSeconds: 600, deadline: Number.POSITIVE_INFINITY, now: () => NOW };

describe('one run over the outbox', () => {
	it('renders each row in its language and hands it to the provider with its id and kind', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'a', locale: 'en', full_name: 'John' });
		outbox.add({ id: 'b' });
		const mailer = recordingMailer();
		expect(await drain({ ...base, outbox, mailer })).toEqual({ sent: 2, failed: 0, dead: 0, remaining: 0 });
		expect(mailer.sent.map((m) => [m.id, m.to, m.toName, m.subject, m.kind])).toEqual([
			['a', 'a@example.test', 'John', 'We have closed your ticket #7', 'notify.ticket_auto_closed'],
			['b', 'b@example.test', null, 'Hemos cerrado tu ticket #7', 'notify.ticket_auto_closed'],
		]);
		expect(mailer.sent[0].text.startsWith('Hello John,')).toBe(true);
		expect(mailer.sent[0].html).toContain('https://soporte.example.mx/en/soporte/tickets/?n=7');
		expect(outbox.get('a').status).toBe('sent');
	});

	it('claims in batches until nothing is due', async () => {
		const outbox = new MemoryOutbox();
		for (const id of ['a', 'b', 'c', 'd', 'e']) outbox.add({ id });
		expect(await drain({ ...base, outbox, mailer: recordingMailer() })).toEqual({ sent: 5, failed: 0, dead: 0, remaining: 0 });
		// 2 + 2 + 1: the short batch ends the run without another claim.
		expect(outbox.claims).toEqual([2, 2, 2]);
	});

	it('stops at the limit, leaving the rest for the next run', async () => {
		const outbox = new MemoryOutbox();
		for (const id of ['a', 'b', 'c', 'd', 'e']) outbox.add({ id });
		expect(await drain({ ...base, limit: 3, outbox, mailer: recordingMailer() })).toEqual({ sent: 3, failed: 0, dead: 0, remaining: 2 });
		expect(outbox.claims).toEqual([2, 1]);
	});

	it('claims nothing new once the time budget is spent', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'a' });
		expect(await drain({ ...base, deadline: Date.now() - 1, outbox, mailer: recordingMailer() })).toEqual({ sent: 0, failed: 0, dead: 0, remaining: 1 });
		expect(outbox.claims).toEqual([]);
	});

	it('sorts failures: transient → failed with its retry time, permanent → dead, last attempt → dead; the others still go', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'down' });
		outbox.add({ id: 'nouser' });
		outbox.add({ id: 'tired', attempts: 4 }, 'failed');
		outbox.add({ id: 'fine' });
		const mailer = recordingMailer({
			'down@example.test': new MailerError('the mail API answered 503: busy'),
			'nouser@example.test': new MailerError('SMTP RCPT TO: the server answered 550 no such user', true),
			'tired@example.test': new MailerError('the mail API answered 503: busy'),
		});
		expect(await drain({ ...base, outbox, mailer })).toEqual({ sent: 1, failed: 1, dead: 2, remaining: 0 });
		expect(outbox.get('down')).toMatchObject({ status: 'failed', attempts: 1, error: 'test: the mail API answered 503: busy', due: NOW.getTime() + MIN });
		expect(outbox.get('nouser')).toMatchObject({ status: 'dead', error: 'test: SMTP RCPT TO: the server answered 550 no such user' });
		expect(outbox.get('tired')).toMatchObject({ status: 'dead', attempts: 5, error: 'test: the mail API answered 503: busy (gave up after 5 attempts)' });
		expect(mailer.sent.map((m) => m.id)).toEqual(['fine']);
	});

	it('a provider that throws something odd still only fails that row', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'odd' });
		const mailer: Mailer = {
			name: 'odd',
			send: async () => {
				throw new TypeError('boom');
			},
		};
		expect(await drain({ ...base, outbox, mailer })).toEqual({ sent: 0, failed: 1, dead: 0, remaining: 0 });
		expect(outbox.get('odd').error).toBe('odd: boom');
	});

	it('dead-letters rows it cannot render or address without calling the provider', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'unknown', template: 'birthday_card' });
		outbox.add({ id: 'bad', payload: { number: 'x' } });
		outbox.add({ id: 'noaddress', email: null });
		outbox.add({ id: 'injected', email: 'a@example.test>\r\nRCPT TO:<b@example.test' });
		const mailer = recordingMailer();
		expect(await drain({ ...base, outbox, mailer })).toEqual({ sent: 0, failed: 0, dead: 4, remaining: 0 });
		expect(mailer.sent).toEqual([]);
		expect(outbox.get('unknown').error).toBe('unknown template "birthday_card"');
		expect(outbox.get('bad').error).toMatch(/^invalid payload for "ticket_auto_closed": number: /);
		expect(outbox.get('noaddress').error).toBe('the recipient has no e-mail address');
		expect(outbox.get('injected').error).toMatch(/^not a deliverable address: /);
	});

	it('an outcome that cannot be recorded is logged and not counted', async () => {
		const outbox = new MemoryOutbox();
		outbox.add({ id: 'lost' });
		outbox.add({ id: 'kept' });
		outbox.failFinishFor.add('lost');
		const lines: string[] = [];
		expect(await drain({ ...base, outbox, mailer: recordingMailer(), log: (l) => lines.push(l) })).toEqual({ sent: 1, failed: 0, dead: 0, remaining: 0 });
		expect(lines).toEqual(['notify: could not record sent for lost: claim_lost']);
	});

	it('sends at most `concurrency` at once', async () => {
		const outbox = new MemoryOutbox();
		for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) outbox.add({ id });
		let inFlight = 0;
		let peak = 0;
		const mailer: Mailer = {
			name: 'slow',
			async send() {
				peak = Math.max(peak, ++inFlight);
				await new Promise((r) => setTimeout(r, 5));
				inFlight--;
			},
		};
		expect((await drain({ ...base, batchSize: 6, concurrency: 3, outbox, mailer })).sent).toBe(6);
		expect(peak).toBe(3);
	});
});

describe('settings', () => {
	const env = (vars: Record<string, string>) => (name: string) => vars[name];

	it('defaults', () => {
		expect(notifySettings(env({}))).toEqual({ maxAttempts: 5, batchSize: 25, maxPerRun: 200, timeBudgetMs: 20_000, leaseSeconds: 600, site: 'http://127.0.0.1:4321' });
	});

	it('reads every variable', () => {
		expect(
			notifySettings(env({ NOTIFY_MAX_ATTEMPTS: '8', NOTIFY_BATCH_SIZE: '10', NOTIFY_MAX_PER_RUN: '50', NOTIFY_TIME_BUDGET_MS: '5000', NOTIFY_LEASE_SECONDS: '120', SITE_URL: 'https://soporte.example.mx/' })),
		).toEqual({ maxAttempts: 8, batchSize: 10, maxPerRun: 50, timeBudgetMs: 5000, leaseSeconds: 120, site: 'https://soporte.example.mx' });
	});

	it('reports every bad value at once, by name', () => {
		expect(() => notifySettings(env({ NOTIFY_MAX_ATTEMPTS: '0', NOTIFY_BATCH_SIZE: '2.5', SITE_URL: 'ftp://x' }))).toThrow(
			'NOTIFY_MAX_ATTEMPTS must be a whole number from 1 to 50, not "0"; NOTIFY_BATCH_SIZE must be a whole number from 1 to 500, not "2.5"; SITE_URL must be http(s): "ftp://x"',
		);
	});
});

describe('the caller', () => {
	const jwt = (claims: unknown) => `Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`;

	it('reads the role claim of a bearer JWT', () => {
		expect(callerRole(jwt({ role: 'service_role', iss: 'supabase-demo' }))).toBe('service_role');
		expect(callerRole(jwt({ role: 'authenticated', sub: 'x', name: 'Núñez' }))).toBe('authenticated');
		expect(callerRole(jwt({ role: 'anon' }))).toBe('anon');
	});

	it('has no role for anything else', () => {
		expect(callerRole(null)).toBeUndefined();
		expect(callerRole('Basic dXNlcjpwYXNz')).toBeUndefined();
		expect(callerRole('Bearer sb_secret_N7UND0UgjKTVK')).toBeUndefined();
		expect(callerRole(jwt({ sub: 'x' }))).toBeUndefined();
		expect(callerRole(jwt({ role: 7 }))).toBeUndefined();
		expect(callerRole('Bearer a.!!!.c')).toBeUndefined();
		expect(callerRole(`Bearer x.${Buffer.from('not json').toString('base64url')}.y`)).toBeUndefined();
	});
});
