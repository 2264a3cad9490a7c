// How the account summary words roles, staff levels and contracts in the page's language.
import { fill } from '../shared/labels.ts';
import { formatDate } from '../../lib/format.ts';
import type { AccountLabels } from './labels.ts';
import type { MemberRole, Membership, StaffRole } from './account-data.ts';

export function memberRole(role: MemberRole, labels: AccountLabels): { name: string; hint: string } {
	if (role === 'coordinator') return { name: labels.roleCoordinator, hint: labels.roleCoordinatorHint };
	if (role === 'authorized_contact') return { name: labels.roleAuthorizedContact, hint: labels.roleAuthorizedContactHint };
	return { name: labels.roleMember, hint: labels.roleMemberHint };
}

export function staffRole(role: StaffRole, level: number, labels: AccountLabels): string {
	const name = role === 'admin' ? labels.staffAdmin : role === 'lead' ? labels.staffLead : labels.staffAgent;
	return fill(labels.staffRole, { role: name, level });
}

/** Today's date in the organisation's zone, to tell a running contract from an ended one. */
function todayIn(timezone: string): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
	} catch {
		return new Date().toISOString().slice(0, 10);
	}
}

export function contract(m: Membership, labels: AccountLabels, lang: 'es' | 'en'): string {
	const start = formatDate(m.contractStart, lang);
	if (!m.contractEnd) return fill(labels.contractFrom, { start });
	const end = formatDate(m.contractEnd, lang);
	if (m.contractEnd < todayIn(m.timezone)) return fill(labels.contractEnded, { start, end });
	return fill(labels.contractRange, { start, end });
}
