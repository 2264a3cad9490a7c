// One run of the outbox: claim due notifications a batch at a time, render each in its recipient's
// language, hand it to the mail provider and record the outcome, until nothing is due, the run's
// limit is reached or its time budget is spent. A notification that fails never stops the others.
import { renderNotification } from '../_shared/email/templates.ts';
import { isEmailAddress } from '../_shared/mailer/address.ts';
import { MailerError, type Mailer } from '../_shared/mailer/types.ts';
import { afterFailure, type Outcome } from './retry.ts';
import type { ClaimedNotification, Outbox } from './outbox.ts';

export interface DrainOptions {
	outbox: Outbox;
	mailer: Mailer;
	site: string;
	maxAttempts: number;
	batchSize: number;
	/** Most notifications this run handles. */
	limit: number;
	leaseSeconds: number;
	/** Epoch ms after which no new batch is claimed. */
	deadline: number;
	/** Sends in flight at once within a batch. */
	concurrency?: number;
	now?: () => Date;
	log?: (line: string) => void;
}

export interface DrainResult {
	sent: number;
	failed: number;
	dead: number;
	/** Due rows left that no run holds: call again when this is not 0. */
	remaining: number;
}

async function attempt(n: ClaimedNotification, o: DrainOptions, now: () => Date): Promise<Outcome> {
	if (!n.email) return { status: 'dead', error: 'the recipient has no e-mail address' };
	if (!isEmailAddress(n.email)) return { status: 'dead', error: `not a deliverable address: ${JSON.stringify(n.email)}` };
	const lang = n.locale === 'en' ? 'en' : 'es';
	const rendered = renderNotification(n.template, n.payload, { lang, site: o.site, name: n.full_name });
	if (!rendered.ok) return { status: 'dead', error: rendered.error };
	try {
		await o.mailer.send({ id: n.id, to: n.email, toName: n.full_name, ...rendered.email, kind: `notify.${n.template}` });
		return { status: 'sent' };
	} catch (e) {
		const permanent = e instanceof MailerError && e.permanent;
		const message = `${o.mailer.name}: ${(e as Error).message ?? String(e)}`;
		return afterFailure(n.attempts, o.maxAttempts, message, permanent, now());
	}
}

/** Runs fn over items with at most `width` in flight. */
async function eachLimited<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
		while (next < items.length) await fn(items[next++]);
	});
	await Promise.all(lanes);
}

export async function drain(o: DrainOptions): Promise<DrainResult> {
	const now = o.now ?? (() => new Date());
	const log = o.log ?? (() => {});
	const result: DrainResult = { sent: 0, failed: 0, dead: 0, remaining: 0 };
	let handled = 0;
	while (handled < o.limit && Date.now() < o.deadline) {
		const want = Math.min(o.batchSize, o.limit - handled);
		const batch = await o.outbox.claim(want, o.maxAttempts, o.leaseSeconds);
		handled += batch.length;
		await eachLimited(batch, o.concurrency ?? 4, async (n) => {
			const outcome = await attempt(n, o, now);
			try {
				await o.outbox.finish(n, outcome);
			} catch (e) {
				// The row stays claimed; when its lease runs out a later run retries it (and counts the attempt).
				log(`notify: could not record ${outcome.status} for ${n.id}: ${(e as Error).message}`);
				return;
			}
			result[outcome.status]++;
			if (outcome.status !== 'sent') log(`notify: ${n.id} (${n.template}) ${outcome.status}: ${outcome.error}`);
		});
		if (batch.length < want) break;
	}
	result.remaining = await o.outbox.remaining();
	return result;
}
