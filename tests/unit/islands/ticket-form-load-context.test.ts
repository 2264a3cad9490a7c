import { describe, expect, it } from 'vitest';
import { authorizedContacts, BackendUnavailable, myOrganisations, organisationContext } from '../../../src/islands/ticket-form/load-context.ts';
import type { Organisation } from '../../../src/islands/ticket-form/types.ts';
import { fakeClient } from './fake-client.ts';

const org = (id: string, name: string) => ({ id, name, programme_id: 'p', plan_id: 'estandar', timezone: 'America/Mexico_City' });

describe('myOrganisations', () => {
	it('lists the customer’s organisations with their role, by name, skipping rows RLS hid', async () => {
		const { client, calls } = fakeClient({
			from: { memberships: { data: [{ role: 'member', organisations: org('b', 'Zacatecas SA') }, { role: 'coordinator', organisations: org('a', 'Ámbar') }, { role: 'member', organisations: null }] } },
		});
		expect(await myOrganisations(client, 'u1')).toEqual([
			{ ...org('a', 'Ámbar'), role: 'coordinator' },
			{ ...org('b', 'Zacatecas SA'), role: 'member' },
		]);
		expect(calls['from:memberships'][0].find((c) => c.method === 'eq')!.args).toEqual(['user_id', 'u1']);
	});

	it('throws BackendUnavailable on an error', async () => {
		const { client } = fakeClient({ from: { memberships: { error: { message: 'JWT expired' }, status: 401 } } });
		await expect(myOrganisations(client, 'u1')).rejects.toBeInstanceOf(BackendUnavailable);
	});
});

describe('organisationContext', () => {
	const organisation: Organisation = { ...org('a', 'Ámbar'), programme_id: 'programa-unico-de-prueba', role: 'member' };

	it('reads the programme document and the quota; a quota that cannot be read is null', async () => {
		const { client } = fakeClient({ from: { programmes: { data: { document: { id: 'programa-unico-de-prueba' } } } }, rpc: { my_ticket_quota: { error: { message: 'x' } } } });
		expect(await organisationContext(client, organisation)).toEqual({ organisation, programme: { id: 'programa-unico-de-prueba' }, quota: null });
	});

	it('asks again for a programme whose first read failed, and keeps one that was read', async () => {
		const other = { ...organisation, programme_id: 'programa-que-falla-una-vez' };
		let reads = 0;
		const { client } = fakeClient({
			from: { programmes: () => (++reads === 1 ? { error: { message: 'boom' }, status: 500 } : { data: { document: { id: 'ok' } } }) },
			rpc: { my_ticket_quota: { data: { monthly_quota: 40, used: 3, remaining: 37, renews_on: '2026-05-01' } } },
		});
		await expect(organisationContext(client, other)).rejects.toBeInstanceOf(BackendUnavailable);
		expect((await organisationContext(client, other)).programme).toEqual({ id: 'ok' });
		expect((await organisationContext(client, other)).quota).toEqual({ monthly_quota: 40, used: 3, remaining: 37, renews_on: '2026-05-01' });
		expect(reads).toBe(2);
	});
});

describe('authorizedContacts', () => {
	it('gives names only, and none when the RPC gives nothing', async () => {
		const { client } = fakeClient({ rpc: { organisation_contacts: { data: [{ name: 'Ana', email: 'ana@x.mx' }, { name: null }] } } });
		expect(await authorizedContacts(client, 'a')).toEqual([{ name: 'Ana' }, { name: null }]);
		const empty = fakeClient({ rpc: { organisation_contacts: { error: { message: 'x' } } } });
		expect(await authorizedContacts(empty.client, 'a')).toEqual([]);
	});
});
