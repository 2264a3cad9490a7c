// The notify function end to end: rows queued in public.notifications (as the tickets function, the
// SLA sweep and resolve_problem queue them) come out as exactly one e-mail each, in the recipient's
// language, with user content escaped; bad rows are dead-lettered with their reason; two runs at once
// never send a row twice; only the service role may drain. Mail is read from the local stack's
// mailbox (or a Mailpit API given as MAILPIT_URL against a real Supabase).
import { describe, expect, inject, it } from 'vitest';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, local, serviceClient, signedInUser, uniqueEmail, url } from './client.ts';

interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string | null;
	kind?: string;
	data?: Record<string, unknown>;
}

/** Every mail to `to`, newest first: the stack's JSON mailbox, or Mailpit's search API. */
async function mailsTo(to: string): Promise<Mail[]> {
	const mailUrl = inject('mailUrl');
	if (!mailUrl) throw new Error('no mailbox to read (set MAILPIT_URL against a real Supabase)');
	if (local()) {
		const u = new URL(mailUrl);
		u.searchParams.set('to', to);
		return (await (await fetch(u)).json()) as Mail[];
	}
	const origin = new URL(mailUrl).origin;
	const found = (await (await fetch(`${origin}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`)).json()) as { messages: { ID: string }[] };
	return Promise.all(
		found.messages.map(async ({ ID }) => {
			const m = (await (await fetch(`${origin}/api/v1/message/${ID}`)).json()) as { To: { Address: string }[]; Subject: string; Text: string; HTML: string };
			return { to: m.To[0]?.Address ?? '', subject: m.Subject, text: m.Text, html: m.HTML || null };
		}),
	);
}

/** The single mail to `to`; fails if there is none or more than one. */
async function onlyMail(to: string): Promise<Mail> {
	const mails = await mailsTo(to);
	expect(mails.map((m) => m.subject)).toHaveLength(1);
	return mails[0];
}

const admin = serviceClient();

interface Row {
	id: string;
	template: string;
	status: string;
	attempts: number;
	last_error: string | null;
	sent_at: string | null;
	next_attempt_at: string;
}

async function queue(rows: Record<string, unknown>[]): Promise<string[]> {
	const { data, error } = await admin
		.from('notifications')
		.insert(rows.map((r) => ({ dedupe_key: `contract-notify:${randomUUID()}`, ...r })))
		.select('id');
	if (error) throw error;
	return data.map((r) => r.id as string);
}

async function row(id: string): Promise<Row> {
	const { data, error } = await admin.from('notifications').select('id, template, status, attempts, last_error, sent_at, next_attempt_at').eq('id', id).single();
	if (error) throw error;
	return data as Row;
}

interface DrainResult {
	sent: number;
	failed: number;
	dead: number;
	remaining: number;
}

async function drain(body?: Record<string, unknown>): Promise<DrainResult> {
	const { data, error } = await admin.functions.invoke('notify', body ? { body } : {});
	if (error) throw new Error(`notify failed: ${error.message} ${error instanceof FunctionsHttpError ? await error.context.text() : ''}`);
	expect(Object.keys(data).sort()).toEqual(['dead', 'failed', 'remaining', 'sent']);
	for (const n of Object.values(data)) expect(Number.isInteger(n) && (n as number) >= 0).toBe(true);
	return data as DrainResult;
}

/** A confirmed user with a profile (created by the signup trigger) in the given language. */
async function person(locale: 'es' | 'en', fullName: string): Promise<{ id: string; email: string }> {
	const email = uniqueEmail('notify');
	const { data, error } = await admin.auth.admin.createUser({ email, email_confirm: true, user_metadata: { full_name: fullName, locale } });
	if (error) throw error;
	return { id: data.user.id, email };
}

const SITE = 'http://127.0.0.1:4321';
const MX = 'America/Mexico_City';

describe('notify: queued notifications become one e-mail each', () => {
	it('a Spanish customer gets ticket_received with the deadline in their zone, and user content escaped in the HTML', async () => {
		const ana = await person('es', 'Ana Pérez');
		const [id] = await queue([
			{
				template: 'ticket_received',
				recipient_user_id: ana.id,
				payload: {
					number: 1042,
					subject: 'Falla <script>alert(1)</script> & "comillas"',
					severity: { es: 'Prioridad 1 — sistema productivo caído', en: 'Priority 1 — production down' },
					// 18:00 UTC is 12:00 in Mexico City (UTC-6 all year since 2022).
					first_response_due: '2026-04-06T18:00:00+00:00',
					first_response_minutes: 240,
					timezone: MX,
				},
			},
		]);
		const result = await drain();
		expect(result.sent).toBeGreaterThanOrEqual(1);

		const mail = await onlyMail(ana.email);
		expect(mail.subject).toBe('Hemos recibido tu ticket #1042: Falla <script>alert(1)</script> & "comillas"');
		expect(mail.text).toContain('Hola, Ana Pérez:');
		expect(mail.text).toContain('Asunto: Falla <script>alert(1)</script> & "comillas"');
		expect(mail.text).toContain('Severidad: Prioridad 1 — sistema productivo caído');
		expect(mail.text).toContain('Primera respuesta antes de: lunes, 6 de abril de 2026, 12:00 hora estándar central (4 horas hábiles)');
		expect(mail.text).toMatch(/Ver el ticket: https?:\/\/\S+\/soporte\/tickets\/\?n=1042\n/);
		expect(mail.html).toContain('Falla &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;comillas&#34;');
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).toContain('<html lang="es">');
		if (local()) {
			expect(mail.text).toContain(`${SITE}/soporte/tickets/?n=1042`);
			expect(mail.html).toContain(`href="${SITE}/soporte/tickets/?n=1042"`);
			expect(mail.kind).toBe('notify.ticket_received');
			expect(mail.data).toEqual({ notification: id });
		}

		const r = await row(id);
		expect(r).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
		expect(Date.parse(r.sent_at!)).toBeGreaterThan(Date.now() - 60_000);
	});

	it('the language comes from the recipient’s profile: an English customer gets ticket_reply in English, the reply quoted', async () => {
		const john = await person('en', 'John Smith');
		// The row says 'es' (as a queuer that did not look), the profile says 'en': the profile wins.
		const [id] = await queue([
			{
				template: 'ticket_reply',
				recipient_user_id: john.id,
				locale: 'es',
				payload: { number: 1043, subject: 'Search misses new documents', author: 'Luis (Soporte)', body: 'Please rebuild the index:\n.\n<b>then</b> restart.' },
			},
		]);
		await drain();
		const mail = await onlyMail(john.email);
		expect(mail.subject).toBe('New reply on your ticket #1043: Search misses new documents');
		expect(mail.text).toContain('Hello John Smith,');
		expect(mail.text).toContain('Luis (Soporte) has replied to your ticket #1043:\n\n> Please rebuild the index:\n> .\n> <b>then</b> restart.');
		expect(mail.text).toMatch(/View the ticket: https?:\/\/\S+\/en\/soporte\/tickets\/\?n=1043\n/);
		expect(mail.html).toContain('Please rebuild the index:<br>.<br>&#60;b&#62;then&#60;/b&#62; restart.');
		expect(mail.html).toContain('<html lang="en">');
		expect((await row(id)).status).toBe('sent');
	});

	it('a row with only an address goes to that address in the row’s language (problem_resolved, with its article)', async () => {
		const to = uniqueEmail('notify-direct');
		const [id] = await queue([
			{
				template: 'problem_resolved',
				recipient_email: to,
				locale: 'en',
				payload: { problem: randomUUID(), title: 'Index out of date after 5.1', ticket: randomUUID(), number: 1044, kb_article: 'base-de-conocimiento/indice-desactualizado' },
			},
		]);
		await drain();
		const mail = await onlyMail(to);
		expect(mail.subject).toBe('Resolved: Index out of date after 5.1 (ticket #1044)');
		expect(mail.text).toContain('Hello,\n\nThe problem behind your ticket #1044 has been resolved: Index out of date after 5.1.');
		expect(mail.text).toMatch(/The fix is documented at https?:\/\/\S+\/en\/base-de-conocimiento\/indice-desactualizado\/\n/);
		expect((await row(id)).status).toBe('sent');
	});

	it('staff templates render in Spanish: ticket_escalated names the level and the missed deadline', async () => {
		const lead = await person('es', 'Lucía Líder');
		await queue([
			{
				template: 'ticket_escalated',
				recipient_user_id: lead.id,
				// 2026-10-25 09:00 UTC is 10:00 in Madrid, after the clocks went back that night (UTC+1).
				payload: { number: 1045, subject: 'Caída total', level: 2, target: 'first_response', deadline: '2026-10-25T09:00:00Z', timezone: 'Europe/Madrid' },
			},
		]);
		await drain();
		const mail = await onlyMail(lead.email);
		expect(mail.subject).toBe('Ticket #1045 escalado al nivel 2: plazo de primera respuesta incumplido');
		expect(mail.text).toContain('Plazo incumplido: domingo, 25 de octubre de 2026, 10:00 hora estándar de Europa central');
		expect(mail.text).toContain('Recibes este correo porque formas parte del equipo de Centro de soporte Quetzal.');
	});
});

describe('notify: rows that can never be sent are dead-lettered at once', () => {
	it('an invalid payload: dead after one attempt, the reason names the fields, no mail', async () => {
		const to = uniqueEmail('notify-bad');
		const [id] = await queue([{ template: 'ticket_received', recipient_email: to, payload: { number: 'mil', subject: '' } }]);
		const result = await drain();
		expect(result.dead).toBeGreaterThanOrEqual(1);
		const r = await row(id);
		expect(r.status).toBe('dead');
		expect(r.attempts).toBe(1);
		expect(r.last_error).toMatch(/^invalid payload for "ticket_received": number: .*; subject: .*; severity: .*; first_response_due: .*; timezone: /);
		expect(r.sent_at).toBeNull();
		expect(await mailsTo(to)).toEqual([]);
	});

	it('an unknown template: dead, with the template named', async () => {
		const to = uniqueEmail('notify-unknown');
		const [id] = await queue([{ template: 'birthday_card', recipient_email: to, payload: {} }]);
		await drain();
		expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'unknown template "birthday_card"' });
		expect(await mailsTo(to)).toEqual([]);
	});

	it('a recipient without an address: dead, not retried', async () => {
		const p = await person('es', 'Sin Correo');
		const { error } = await admin.from('profiles').update({ email: null }).eq('id', p.id);
		expect(error).toBeNull();
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_user_id: p.id, payload: { number: 1046, subject: 'x', days: 10 } }]);
		await drain();
		expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'the recipient has no e-mail address' });
	});
});

describe('notify: each notification is sent once', () => {
	it('two runs at once: every row goes out exactly once', async () => {
		const people = Array.from({ length: 8 }, () => uniqueEmail('notify-race'));
		const ids = await queue(people.map((to, i) => ({ template: 'ticket_auto_closed', recipient_email: to, payload: { number: 2000 + i, subject: `Carrera ${i}`, days: 10 } })));
		const [a, b] = await Promise.all([drain(), drain()]);
		expect(a.sent + b.sent).toBeGreaterThanOrEqual(people.length);
		for (const to of people) expect(await mailsTo(to)).toHaveLength(1);
		for (const id of ids) expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('a sent row is not sent again by a later run', async () => {
		const to = uniqueEmail('notify-once');
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_email: to, payload: { number: 2100, subject: 'Una vez', days: 3 } }]);
		await drain();
		await drain();
		expect(await mailsTo(to)).toHaveLength(1);
		expect((await row(id)).attempts).toBe(1);
	});

	it('the body’s limit bounds one run', async () => {
		const people = [uniqueEmail('notify-limit'), uniqueEmail('notify-limit')];
		await queue(people.map((to, i) => ({ template: 'ticket_auto_closed', recipient_email: to, payload: { number: 2200 + i, subject: 'Límite', days: 3 } })));
		const one = await drain({ limit: 1 });
		expect(one.sent + one.failed + one.dead).toBe(1);
		expect(one.remaining).toBeGreaterThanOrEqual(1);
		await drain();
		for (const to of people) expect(await mailsTo(to)).toHaveLength(1);
	});
});

describe('notify: retries and claims', () => {
	it('a failed row waits for its retry time, then goes out', async () => {
		const to = uniqueEmail('notify-retry');
		const later = new Date(Date.now() + 3_600_000).toISOString();
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_email: to, status: 'failed', attempts: 1, last_error: 'earlier outage', next_attempt_at: later, payload: { number: 2300, subject: 'Reintento', days: 3 } }]);
		await drain();
		expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1 });
		expect(await mailsTo(to)).toEqual([]);

		await admin.from('notifications').update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() }).eq('id', id);
		await drain();
		expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
		expect(await mailsTo(to)).toHaveLength(1);
	});

	it('a row another run holds (lease not over) is left alone; a lapsed claim is taken over and counts an attempt', async () => {
		const held = uniqueEmail('notify-held');
		const lapsed = uniqueEmail('notify-lapsed');
		const soon = new Date(Date.now() + 600_000).toISOString();
		const past = new Date(Date.now() - 1000).toISOString();
		const [heldId, lapsedId] = await queue([
			{ template: 'ticket_auto_closed', recipient_email: held, status: 'sending', attempts: 1, next_attempt_at: soon, payload: { number: 2400, subject: 'Ocupado', days: 3 } },
			{ template: 'ticket_auto_closed', recipient_email: lapsed, status: 'sending', attempts: 1, next_attempt_at: past, payload: { number: 2401, subject: 'Abandonado', days: 3 } },
		]);
		await drain();
		expect(await row(heldId)).toMatchObject({ status: 'sending', attempts: 1 });
		expect(await mailsTo(held)).toEqual([]);
		expect(await row(lapsedId)).toMatchObject({ status: 'sent', attempts: 2 });
		expect(await mailsTo(lapsed)).toHaveLength(1);
		await admin.from('notifications').delete().eq('id', heldId);
	});

	it('a lapsed claim on its last attempt is dead, not sent again', async () => {
		const to = uniqueEmail('notify-last');
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_email: to, status: 'sending', attempts: 5, next_attempt_at: new Date(Date.now() - 1000).toISOString(), payload: { number: 2500, subject: 'Último', days: 3 } }]);
		await drain();
		expect(await row(id)).toMatchObject({ status: 'dead', attempts: 5, last_error: 'the last attempt did not finish (its run stopped before recording the outcome)' });
		expect(await mailsTo(to)).toEqual([]);
	});

	it('an outcome is recorded only by the claim that holds the row', async () => {
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_email: uniqueEmail('notify-fence'), status: 'sending', attempts: 2, next_attempt_at: new Date(Date.now() + 600_000).toISOString(), payload: { number: 2600, subject: 'Valla', days: 3 } }]);
		const stale = await admin.rpc('finish_notification', { notification: id, attempt: 1, outcome: 'sent' });
		expect(stale.error).toMatchObject({ code: 'PT404', message: 'claim_lost' });
		const failed = await admin.rpc('finish_notification', { notification: id, attempt: 2, outcome: 'failed', error: 'smtp: 451 try later' });
		expect(failed.error).toMatchObject({ message: 'retry_at_required' });
		const retryAt = new Date(Date.now() + 300_000).toISOString();
		const ok = await admin.rpc('finish_notification', { notification: id, attempt: 2, outcome: 'failed', error: 'smtp: 451 try later', retry_at: retryAt });
		expect(ok.error).toBeNull();
		const r = await row(id);
		expect(r).toMatchObject({ status: 'failed', attempts: 2, last_error: 'smtp: 451 try later' });
		expect(Date.parse(r.next_attempt_at)).toBe(Date.parse(retryAt));
		await admin.from('notifications').delete().eq('id', id);
	});
});

describe('notify: who may call it', () => {
	async function refusedWith(client: ReturnType<typeof anonClient>): Promise<number> {
		const { error } = await client.functions.invoke('notify', { body: {} });
		expect(error).toBeInstanceOf(FunctionsHttpError);
		return (error as FunctionsHttpError).context.status;
	}

	it('the anon key and a signed-in user are refused (403) and nothing is sent', async () => {
		const to = uniqueEmail('notify-refused');
		const [id] = await queue([{ template: 'ticket_auto_closed', recipient_email: to, payload: { number: 2700, subject: 'Rechazado', days: 3 } }]);
		expect(await refusedWith(anonClient())).toBe(403);
		const user = await signedInUser('notify-caller');
		expect(await refusedWith(user.client)).toBe(403);
		expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0 });
		expect(await mailsTo(to)).toEqual([]);
		await admin.from('notifications').delete().eq('id', id);
	});

	it('no token at all is refused before the function runs (401)', async () => {
		const res = await fetch(`${url()}/functions/v1/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(res.status).toBe(401);
	});

	it('the service role key works without a body', async () => {
		const res = await fetch(`${url()}/functions/v1/notify`, { method: 'POST', headers: { authorization: `Bearer ${inject('serviceRoleKey')}`, apikey: inject('serviceRoleKey') } });
		expect(res.status).toBe(200);
		expect(Object.keys(await res.json()).sort()).toEqual(['dead', 'failed', 'remaining', 'sent']);
	});

	it('a body that is not {limit} is refused (400) and GET is not allowed (405)', async () => {
		const bad = await admin.functions.invoke('notify', { body: { limit: 0, force: true } });
		expect(bad.error).toBeInstanceOf(FunctionsHttpError);
		const res = (bad.error as FunctionsHttpError).context;
		expect(res.status).toBe(400);
		const body = await res.json();
		expect(body.code).toBe('invalid_body');
		expect(body.message).toContain('limit');
		const get = await admin.functions.invoke('notify', { method: 'GET' });
		expect((get.error as FunctionsHttpError).context.status).toBe(405);
		expect((get.error as FunctionsHttpError).context.headers.get('allow')).toBe('POST, OPTIONS');
	});

	it('a preflight (OPTIONS) is answered without error', async () => {
		const res = await fetch(`${url()}/functions/v1/notify`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:4321', 'access-control-request-method': 'POST' } });
		expect(res.status).toBeLessThan(300);
	});

	it('the outbox RPCs are the service role’s alone', async () => {
		const user = await signedInUser('notify-rpc');
		for (const client of [anonClient(), user.client]) {
			const claim = await client.rpc('claim_notifications', { batch: 1 });
			expect(claim.error?.code).toBe('42501');
			const finish = await client.rpc('finish_notification', { notification: randomUUID(), attempt: 1, outcome: 'sent' });
			expect(finish.error?.code).toBe('42501');
		}
	});
});
