// Accepting an invitation to the support team from the link in its mail (/cuenta/?equipo=<token>),
// once signed in: the page asks what the link invites to (staff_invitation), asks the person to
// confirm, then accept_staff_invitation makes them staff. The database decides everything: the
// token must be valid and unused, and the session's address the invited one (the operators
// migration). Refusals from the catalogue show next to the button. On success the token leaves the
// address bar, so a reload or a shared screenshot does not carry it.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { StaffRole } from './account-data.ts';
import type { AccountLabels } from './labels.ts';
import { rpcMessage } from './errors.ts';
import { FieldError } from './FieldError.tsx';

/** The parameter of the mailed link. */
export const STAFF_TOKEN_PARAM = 'equipo';

/** The token in the page's address (`?equipo=`), or null when there is none or it cannot be one. */
export function staffTokenIn(search: string): string | null {
	const token = new URLSearchParams(search).get(STAFF_TOKEN_PARAM)?.trim().toLowerCase();
	return token && /^[0-9a-f]{16,128}$/.test(token) ? token : null;
}

/** The address without the token, as the page shows it once the invitation is used. */
export function withoutStaffToken(href: string): string {
	const url = new URL(href);
	url.searchParams.delete(STAFF_TOKEN_PARAM);
	return `${url.pathname}${url.search}${url.hash}`;
}

export function roleName(role: StaffRole, labels: AccountLabels): string {
	return role === 'admin' ? labels.staffAdmin : role === 'lead' ? labels.staffLead : labels.staffAgent;
}

interface Props {
	client: SupabaseClient;
	token: string;
	labels: AccountLabels;
	lang: 'es' | 'en';
	/** Reads the account again, so the summary shows the staff role. */
	refresh: () => Promise<unknown>;
}

type State =
	| { kind: 'loading' }
	| { kind: 'refused'; text: string }
	| { kind: 'ready'; role: StaffRole; level: number }
	| { kind: 'done'; role: StaffRole; level: number };

export function StaffInvitation({ client, token, labels, lang, refresh }: Props) {
	const [state, setState] = useState<State>({ kind: 'loading' });
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string>();

	useEffect(() => {
		let live = true;
		void (async () => {
			try {
				const { data, error: rpcError, status } = await client.rpc('staff_invitation', { token });
				if (!live) return;
				const row = Array.isArray(data) ? data[0] : undefined;
				if (rpcError || !row) setState({ kind: 'refused', text: rpcError ? rpcMessage(rpcError, labels, status) : labels.failed });
				else setState({ kind: 'ready', role: row.role as StaffRole, level: row.level }); // role: checked text
			} catch {
				if (live) setState({ kind: 'refused', text: labels.unavailable });
			}
		})();
		return () => {
			live = false;
		};
	}, [client, token, labels]);

	async function accept() {
		setBusy(true);
		setError(undefined);
		try {
			const { data, error: rpcError, status } = await client.rpc('accept_staff_invitation', { token });
			if (rpcError || !data) return setError(rpcError ? rpcMessage(rpcError, labels, status) : labels.failed);
			setState({ kind: 'done', role: data.role as StaffRole, level: data.level }); // role: checked text
			history.replaceState(history.state, '', withoutStaffToken(location.href));
			await refresh();
		} catch {
			setError(labels.unavailable);
		} finally {
			setBusy(false);
		}
	}

	if (state.kind === 'loading') return null;
	const agentPage = lang === 'en' ? '/en/agente/' : '/agente/';
	return (
		<section class="account-section" aria-labelledby="account-staff-invitation">
			<h2 id="account-staff-invitation">{labels.staffInvitationHeading}</h2>
			{state.kind === 'refused' && (
				<p class="mostrador-error" role="alert">
					{state.text}
				</p>
			)}
			{state.kind === 'ready' && (
				<>
					<p>{fill(labels.staffInvitationIntro, { role: roleName(state.role, labels), level: state.level })}</p>
					<button type="button" class="mostrador-button" onClick={accept} disabled={busy} aria-describedby={error ? 'account-staff-invitation-error' : undefined}>
						{busy ? labels.staffInvitationAccepting : fill(labels.staffInvitationAccept, { role: roleName(state.role, labels) })}
					</button>
					<FieldError id="account-staff-invitation-error" text={error} />
				</>
			)}
			<p role="status" class="account-done">
				{state.kind === 'done' && (
					<>
						{fill(labels.staffInvitationAccepted, { role: roleName(state.role, labels), level: state.level })} <a href={agentPage}>{labels.staffInvitationConsole}</a>
					</>
				)}
			</p>
		</section>
	);
}
