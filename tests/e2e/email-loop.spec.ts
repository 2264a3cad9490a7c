// The conversation loop by e-mail, in Chromium against the built site and the local stack: an agent
// asks the customer for information in the workspace; the customer gets the "we are waiting for you"
// mail, threaded and answerable; they answer it from their mail client (over the stack's SMTP port,
// the way a provider hands a mail to the inbound-email function), quoting the mail as clients do; the
// agent sees the answer, without the quoted text, in the workspace and the ticket back in "En atención".
import { test, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { admin, organisation, person, signInAs, staff } from './backend.ts';
import { STACK_URL } from './stack.ts';

/** The stack takes mail in beside its API port, as tests/playwright.config.ts lays the ports out. */
const SMTP_PORT = Number(new URL(STACK_URL).port || 54321) + 4;

interface BoxMail {
	subject: string;
	text: string;
	kind: string;
	headers: Record<string, string>;
}

async function mailsTo(to: string): Promise<BoxMail[]> {
	const res = await fetch(`${STACK_URL}/_mail?format=json&to=${encodeURIComponent(to)}`);
	return (await res.json()) as BoxMail[];
}

test('the customer answers "te esperamos" by e-mail and the agent sees the answer, the ticket open again', async ({ page }) => {
	const tag = randomUUID().slice(0, 6);
	const [contact, agent] = await Promise.all([person(`Contacto correo ${tag}`), person(`Agente correo ${tag}`)]);
	await organisation(`Org correo ${tag}`, [{ person: contact, role: 'authorized_contact' }]);
	await staff(agent);
	const subject = `El visor no abre los PDF firmados (${tag})`;
	const opened = await contact.client.functions.invoke('tickets', {
		body: { severity: 'P3', subject, description: 'Desde ayer el visor no abre los PDF firmados.', environment: 'production', idempotency_key: randomUUID() },
	});
	if (opened.error) throw new Error(`tickets: ${opened.error.message}`);
	const ticket = opened.data.ticket as { id: string; number: number };

	// The agent asks for information in the workspace.
	await signInAs(page, agent);
	await page.goto(`/agente/?t=${ticket.number}`);
	await page.getByRole('radio', { name: 'Pedir información' }).check();
	await page.getByLabel('Qué necesitas saber del cliente').fill('¿Qué versión del visor usan?');
	await page.getByRole('button', { name: 'Pedir información' }).click();
	await expect(page.locator('.agent-badges').getByText('Esperando al cliente')).toBeVisible();

	// The customer's mail: the request, what to do, and the way to answer it.
	await expect
		.poll(async () => {
			await admin().functions.invoke('notify', { body: {} });
			return (await mailsTo(contact.email)).filter((m) => m.kind === 'notify.info_requested').length;
		}, { timeout: 20_000 })
		.toBe(1);
	const asked = (await mailsTo(contact.email)).find((m) => m.kind === 'notify.info_requested')!;
	expect(asked.text).toContain('¿Qué versión del visor usan?');
	expect(asked.text).toMatch(/te esperamos/i);
	const replyTo = asked.headers['Reply-To'];
	expect(replyTo).toMatch(/^.*soporte\+t[0-9a-f]{32}@demo\.mostrador\.test>?$/);
	const threadRoot = `<ticket-${ticket.id}@demo.mostrador.test>`;
	expect(asked.headers.References).toContain(threadRoot);

	// The customer answers from their mail client, quoting the mail below their words.
	const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: SMTP_PORT, secure: false, ignoreTLS: true });
	await smtp.sendMail({
		from: `Contacto <${contact.email}>`,
		to: replyTo,
		subject: `Re: ${asked.subject}`,
		inReplyTo: asked.headers['Message-ID'],
		references: [threadRoot, asked.headers['Message-ID']],
		text: `Usamos el visor 5.2 en Windows 11.\n\nEl lun, 7 dic 2026 a las 10:00, Soporte <soporte@demo.mostrador.test> escribió:\n> ¿Qué versión del visor usan?\n`,
	});
	smtp.close();

	// The answer reaches the ticket, which is back with support.
	await expect.poll(async () => (await admin().from('tickets').select('status').eq('id', ticket.id).single()).data?.status, { timeout: 20_000 }).toBe('open');
	await page.reload();
	const thread = page.locator('.agent-thread, .mostrador-thread').first();
	await expect(page.getByText('Usamos el visor 5.2 en Windows 11.')).toBeVisible();
	await expect(thread.getByText('Soporte <soporte@demo.mostrador.test> escribió')).toHaveCount(0);
	await expect(page.locator('.agent-badges').getByText('En atención')).toBeVisible();
});
