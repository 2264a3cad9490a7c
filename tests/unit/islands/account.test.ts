import { describe, expect, it } from 'vitest';
import { authMessage, isUnreachable, rpcMessage } from '../../../src/islands/account/errors.ts';
import { contract, memberRole, staffRole } from '../../../src/islands/account/format.ts';
import { accountLabelKeys } from '../../../src/islands/account/labels.ts';
import type { Membership } from '../../../src/islands/account/account-data.ts';
import { loadAccount, AccountReadError } from '../../../src/islands/account/account-data.ts';
import { fakeClient, keyLabels } from './fake-client.ts';

const labels = { ...keyLabels(accountLabelKeys), staffRole: '{role}, nivel {level}', contractFrom: 'Desde el {start}', contractRange: 'Del {start} al {end}', contractEnded: 'Terminó: {start} – {end}' };

describe('isUnreachable (account)', () => {
	it('counts no answer, a 5xx and fetch failures as unreachable', () => {
		expect(isUnreachable({ status: 0 })).toBe(true);
		expect(isUnreachable({ status: 503 })).toBe(true);
		expect(isUnreachable({ message: 'AbortError: signal is aborted' })).toBe(true);
		expect(isUnreachable({ message: 'Failed to fetch' })).toBe(true);
	});

	it('does not count refusals or nothing at all', () => {
		expect(isUnreachable({ status: 400, message: 'Invalid login credentials' })).toBe(false);
		expect(isUnreachable({ status: 499 })).toBe(false);
		expect(isUnreachable(null)).toBe(false);
		expect(isUnreachable(undefined)).toBe(false);
	});
});

describe('authMessage', () => {
	it('says GoTrue’s codes in the widget’s words', () => {
		expect(authMessage({ code: 'invalid_credentials', status: 400 }, labels)).toBe('«wrongPassword»');
		expect(authMessage({ code: 'otp_expired', status: 403 }, labels)).toBe('«codeRejected»');
		expect(authMessage({ code: 'over_request_rate_limit', status: 429 }, labels)).toBe('«rateLimited»');
	});

	it('says any 429 is rate limited, and no answer (or no status) is unavailable', () => {
		expect(authMessage({ status: 429 }, labels)).toBe('«rateLimited»');
		expect(authMessage({ status: 0 }, labels)).toBe('«unavailable»');
		expect(authMessage({ status: 502, code: 'unexpected_failure' }, labels)).toBe('«unavailable»');
		expect(authMessage({ message: 'weird' }, labels)).toBe('«unavailable»');
	});

	it('reads other codes from the catalogue, and unknown ones as failed', () => {
		expect(authMessage({ code: 'session_expired', status: 401 }, labels, 'en')).toBe('Your session has ended. Please sign in again.');
		expect(authMessage({ code: 'validation_failed_xyz', status: 400 }, labels, 'en')).toBe('«failed»');
	});
});

describe('rpcMessage', () => {
	it('reads our codes from the message and PostgREST’s from the code', () => {
		expect(rpcMessage({ message: 'invitation_expired', code: 'P0001' }, labels, 400)).toBe('«invitationExpired»');
		expect(rpcMessage({ message: 'JWT expired', code: 'PGRST303' }, labels, 401)).toBe('«sessionExpired»');
	});

	it('says unavailable for no answer, catalogue words for other codes, failed for the rest', () => {
		expect(rpcMessage({ message: 'Failed to fetch' }, labels)).toBe('«unavailable»');
		expect(rpcMessage({ message: 'x' }, labels, 500)).toBe('«unavailable»');
		expect(rpcMessage({ message: 'not_allowed' }, labels, 403, 'es')).toBe('No tienes permiso para hacer esto.');
		expect(rpcMessage({ message: 'nope' }, labels, 400)).toBe('«failed»');
	});
});

describe('account wording', () => {
	it('names member roles with their hints', () => {
		expect(memberRole('coordinator', labels)).toEqual({ name: '«roleCoordinator»', hint: '«roleCoordinatorHint»' });
		expect(memberRole('authorized_contact', labels)).toEqual({ name: '«roleAuthorizedContact»', hint: '«roleAuthorizedContactHint»' });
		expect(memberRole('member', labels)).toEqual({ name: '«roleMember»', hint: '«roleMemberHint»' });
	});

	it('names staff roles with their level', () => {
		expect(staffRole('lead', 2, labels)).toBe('«staffLead», nivel 2');
		expect(staffRole('admin', 1, labels)).toBe('«staffAdmin», nivel 1');
		expect(staffRole('agent', 1, labels)).toBe('«staffAgent», nivel 1');
	});

	const membership = (contractEnd: string | null, timezone = 'America/Mexico_City'): Membership => ({
		organisationId: 'o', organisationName: 'Cliente', role: 'member', programmeId: 'p', planId: 'estandar', planName: 'Estándar', contractStart: '2026-01-01', contractEnd, timezone,
	});

	it('says an open-ended contract, a running one and one that ended', () => {
		expect(contract(membership(null), labels, 'es')).toBe('Desde el 1 de enero de 2026');
		expect(contract(membership('2999-12-31'), labels, 'en')).toBe('Del January 1, 2026 al December 31, 2999');
		expect(contract(membership('2026-01-31'), labels, 'es')).toBe('Terminó: 1 de enero de 2026 – 31 de enero de 2026');
		// A zone the browser does not know: today in UTC.
		expect(contract(membership('2026-01-31', 'Not/A_Zone'), labels, 'es')).toBe('Terminó: 1 de enero de 2026 – 31 de enero de 2026');
	});
});

describe('loadAccount', () => {
	it('reads profile, memberships sorted by name with their plans’ names, and staff role', async () => {
		const org = (id: string, name: string, plan_id: string) => ({ id, name, programme_id: 'p', plan_id, contract_start: '2026-01-01', contract_end: null, timezone: 'UTC' });
		const { client } = fakeClient({
			from: {
				profiles: { data: { full_name: 'Ana', email: 'ana@x.mx', locale: 'fr' } },
				memberships: { data: [{ role: 'member', organisations: org('b', 'Zeta', 'extendido') }, { role: 'coordinator', organisations: org('a', 'Alfa', 'secreto') }, { role: 'member', organisations: null }] },
				staff: { data: null },
				plans: { data: [{ programme_id: 'p', id: 'extendido', name: 'Extendido' }] },
			},
		});
		const account = await loadAccount(client, 'u1');
		expect(account.profile).toEqual({ fullName: 'Ana', email: 'ana@x.mx', locale: 'es' });
		expect(account.staff).toBeNull();
		expect(account.memberships.map((m) => [m.organisationName, m.role, m.planName])).toEqual([
			['Alfa', 'coordinator', 'secreto'],
			['Zeta', 'member', 'Extendido'],
		]);
	});

	it('fails with the read’s status', async () => {
		const { client } = fakeClient({ from: { profiles: { error: { message: 'JWT expired', code: 'PGRST303' }, status: 401 }, memberships: { data: [] }, staff: { data: null } } });
		const error = await loadAccount(client, 'u1').catch((e) => e);
		expect(error).toBeInstanceOf(AccountReadError);
		expect([error.status, error.code, error.message]).toEqual([401, 'PGRST303', 'JWT expired']);
	});
});

describe('the staff invitation link (?equipo=<token>)', async () => {
	const { staffTokenIn, withoutStaffToken } = await import('../../../src/islands/account/StaffInvitation.tsx');
	const TOKEN = '0123456789abcdef'.repeat(3);

	it('reads the token from the address, forgiving case and spaces, and nothing that cannot be one', () => {
		expect(staffTokenIn(`?equipo=${TOKEN}`)).toBe(TOKEN);
		expect(staffTokenIn(`?a=1&equipo=${TOKEN.toUpperCase()}%20`)).toBe(TOKEN);
		expect(staffTokenIn('')).toBeNull();
		expect(staffTokenIn('?equipo=')).toBeNull();
		expect(staffTokenIn('?equipo=<script>')).toBeNull();
	});

	it('leaves the address without the token once used, keeping everything else', () => {
		expect(withoutStaffToken(`https://soporte.example.mx/en/cuenta/?equipo=${TOKEN}&x=1#top`)).toBe('/en/cuenta/?x=1#top');
		expect(withoutStaffToken(`https://soporte.example.mx/cuenta/?equipo=${TOKEN}`)).toBe('/cuenta/');
	});

	it('says the invitation refusals in the catalogue’s words, never a bare code', () => {
		for (const code of ['staff_invitation_invalid', 'staff_invitation_other_address']) {
			const text = rpcMessage({ message: code, code: 'P0001' }, labels, 400, 'es');
			expect(text).not.toContain(code);
			expect(text.length).toBeGreaterThan(20);
		}
	});
});
