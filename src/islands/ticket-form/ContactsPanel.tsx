// Who may open tickets for the organisation, for a member who may not: the authorized contacts and
// coordinators by name, so they know whom to ask (their e-mail addresses are not shared with colleagues).
import type { Contact } from './types.ts';

export function ContactsPanel({ intro, title, none, contacts, role }: { intro: string; title: string; none: string; contacts: Contact[]; role?: 'alert' }) {
	return (
		<div class="ticket-form-panel ticket-form-contacts" role={role}>
			<p>{intro}</p>
			<p>{title}</p>
			{contacts.length ? (
				<ul>
					{contacts.map((c, i) => (
						<li key={i}>{c.name ?? '—'}</li>
					))}
				</ul>
			) : (
				<p>{none}</p>
			)}
		</div>
	);
}
