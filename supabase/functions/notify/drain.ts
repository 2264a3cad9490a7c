// One run of the outbox: claim due notifications a batch at a time, render each in its recipient's
// language, hand it to the mail provider and record the outcome, until nothing is due, the run's
// limit is reached or its time budget is spent. A notification that fails never stops the others.
// Mails about a ticket carry the ticket's thread (threading.ts), and its reply address when they are
// for a customer (audience.ts); every mail the site's name as its sender's name and, for
// auto-responders, Auto-Submitted (auto-replied for the automatic answers to received mail).
import { renderNotification } from '../_shared/email/templates.ts';
import { isEmailAddress } from '../_shared/mailer/address.ts';
import { MailerError, type Mailer, type ThreadHeaders } from '../_shared/mailer/types.ts';
import { threadHeaders, ticketOf, type TicketThread, type Threading } from './threading.ts';
import { afterFailure, type Outcome } from './retry.ts';
import { autoSubmittedOf, isAnswerable } from './audience.ts';
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
	/**
	 * Threads mails about a ticket; without it they go out unthreaded and unanswerable (SUPPORT_ADDRESS
	 * unset, or tests of the drain alone).
	 */
	threading?: Threading;
	/** The name mails come from (SITE_NAME). */
	fromName?: string;
}

/** A batch's tickets, or why they could not be read (every mail about a ticket then waits for a retry). */
type BatchTickets = Map<string, TicketThread> | Error;

export interface DrainResult {
	sent: number;
	failed: number;
	dead: number;
	/** Due rows left that no run holds: call again when this is not 0. */
	remaining: number;
}

async function batchTickets(batch: ClaimedNotification[], threading: Threading | undefined): Promise<BatchTickets> {
	const ids = [...new Set(batch.map((n) => ticketOf(n.payload)).filter((t): t is string => Boolean(t)))];
	if (!threading || !ids.length) return new Map();
	try {
		return await threading.tickets.lookup(ids);
	} catch (e) {
		return e instanceof Error ? e : new Error(String(e));
	}
}

async function attempt(n: ClaimedNotification, o: DrainOptions, now: () => Date, tickets: BatchTickets): Promise<Outcome> {
	if (!n.email) return { status: 'dead', error: 'the recipient has no e-mail address' };
	if (!isEmailAddress(n.email)) return { status: 'dead', error: `not a deliverable address: ${JSON.stringify(n.email)}` };
	const lang = n.locale === 'en' ? 'en' : 'es';
	const rendered = renderNotification(n.template, n.payload, { lang, site: o.site, name: n.full_name, siteName: o.fromName });
	if (!rendered.ok) return { status: 'dead', error: rendered.error };
	const ticketId = ticketOf(n.payload);
	let thread: ThreadHeaders | undefined;
	if (ticketId && o.threading) {
		// Sent unthreaded it could not be answered: wait for the tickets to be readable again.
		if (tickets instanceof Error) return afterFailure(n.attempts, o.maxAttempts, tickets.message, false, now());
		const ticket = tickets.get(ticketId);
		// A ticket that is gone (a test's, a deleted organisation's) leaves nothing to thread to.
		if (ticket) thread = threadHeaders(o.threading.support, ticketId, ticket, n.id, now(), isAnswerable(n.template));
	}
	try {
		await o.mailer.send({ id: n.id, to: n.email, toName: n.full_name, ...rendered.email, kind: `notify.${n.template}`, fromName: o.fromName, thread, autoSubmitted: autoSubmittedOf(n.template) });
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
		const tickets = await batchTickets(batch, o.threading);
		await eachLimited(batch, o.concurrency ?? 4, async (n) => {
			const outcome = await attempt(n, o, now, tickets);
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
