// route(): the reply address wins wherever it is (envelope, To, Cc), then our thread root in
// In-Reply-To/References, then the support address (a new ticket); anything else is not for us.
import { describe, expect, it } from 'vitest';
import { parseMessage, route, threadIds, type InboundMessage } from '#shared/inbound/index.ts';
import { editHeaders, fixture, NOTIFICATION, support, TICKET, TOKEN } from './inbound-fixtures.ts';

const REPLY = `soporte+t${TOKEN}@demo.mostrador.test`;
const OTHER_TICKET = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

type Heads = Pick<InboundMessage, 'to' | 'cc' | 'inReplyTo' | 'references'>;
const mail = (m: Partial<Heads>): Heads => ({ to: [], cc: [], inReplyTo: [], references: [], ...m });

describe('route', () => {
	it('a Gmail reply-all (reply address in To, support address in Cc) is one reply', async () => {
		expect(route(await parseMessage(fixture('gmail-reply')), { support })).toEqual({ kind: 'reply', token: TOKEN });
	});

	it('the reply address wins from Cc, from the envelope alone (Bcc), and in any case', () => {
		expect(route(mail({ to: ['soporte@demo.mostrador.test', 'luis@cliente.mx'], cc: [REPLY] }), { support })).toEqual({ kind: 'reply', token: TOKEN });
		expect(route(mail({ to: ['luis@cliente.mx'] }), { support, envelopeTo: [`<${REPLY.toUpperCase()}>`] })).toEqual({ kind: 'reply', token: TOKEN });
		expect(route(mail({ to: [REPLY.toUpperCase()] }), { support })).toEqual({ kind: 'reply', token: TOKEN });
	});

	it('a colleague’s reply-all that reaches the support address as well is still the one reply, never a new ticket', () => {
		// osTicket #1426 / FreeScout #2086: the copy through the support address opened a second ticket.
		const copy = mail({
			to: ['ana.perez@clinicasanpedro.mx'],
			cc: ['soporte@demo.mostrador.test', REPLY],
			inReplyTo: [`${NOTIFICATION}@demo.mostrador.test`],
		});
		expect(route(copy, { support, envelopeTo: ['soporte@demo.mostrador.test'] })).toEqual({ kind: 'reply', token: TOKEN });
	});

	it('the reply address wins over a thread root naming another ticket', () => {
		const m = mail({ to: [REPLY], inReplyTo: [`ticket-${OTHER_TICKET}@demo.mostrador.test`] });
		expect(route(m, { support })).toEqual({ kind: 'reply', token: TOKEN });
	});

	it('without a reply address, a thread root in In-Reply-To names the ticket (the Outlook fixture)', async () => {
		expect(route(await parseMessage(fixture('outlook-html-reply')), { support })).toEqual({ kind: 'thread', ticketId: TICKET });
	});

	it('a thread root in References counts too, the newest first', () => {
		const m = mail({
			to: ['soporte@demo.mostrador.test'],
			inReplyTo: ['CAJ4x7pQ@mail.gmail.com'],
			references: [`ticket-${OTHER_TICKET}@demo.mostrador.test`, 'x@mail.gmail.com', `TICKET-${TICKET.toUpperCase()}@DEMO.MOSTRADOR.TEST`],
		});
		expect(route(m, { support })).toEqual({ kind: 'thread', ticketId: TICKET });
	});

	it('a thread root of another domain, or a notification id, is not a thread root', () => {
		const m = mail({
			to: ['soporte@demo.mostrador.test'],
			inReplyTo: [`ticket-${TICKET}@otro.example.mx`, `${NOTIFICATION}@demo.mostrador.test`],
		});
		expect(route(m, { support })).toEqual({ kind: 'new' });
	});

	it('mail to the support address opens a new ticket (To, Cc or envelope, any case)', async () => {
		expect(route(await parseMessage(fixture('apple-new-attachments')), { support })).toEqual({ kind: 'new' });
		expect(route(mail({ cc: ['soporte@demo.mostrador.test'] }), { support })).toEqual({ kind: 'new' });
		expect(route(mail({ to: ['lista@cliente.mx'] }), { support, envelopeTo: ['SOPORTE@Demo.Mostrador.Test'] })).toEqual({ kind: 'new' });
	});

	it('threadIds: the ids a mail answers, its parent first, then References newest first, once each', () => {
		expect(threadIds(mail({ inReplyTo: ['b@x'], references: ['a@x', 'b@x', 'c@x'] }))).toEqual(['b@x', 'c@x', 'a@x']);
		expect(threadIds(mail({}))).toEqual([]);
	});

	it('anything else is not for us: other addresses, other domains, a malformed reply token', async () => {
		expect(route(mail({ to: ['ventas@demo.mostrador.test'] }), { support })).toEqual({ kind: 'not_for_us' });
		expect(route(mail({ to: ['soporte@otro.example.mx'] }), { support })).toEqual({ kind: 'not_for_us' });
		expect(route(mail({ to: ['soporte+tnothex@demo.mostrador.test'] }), { support })).toEqual({ kind: 'not_for_us' });
		expect(route(mail({}), { support })).toEqual({ kind: 'not_for_us' });
		const stray = editHeaders(fixture('apple-new-attachments'), { remove: ['To'], add: ['To: compras@laboratoriosruiz.com.mx'] });
		expect(route(await parseMessage(stray), { support })).toEqual({ kind: 'not_for_us' });
	});
});
