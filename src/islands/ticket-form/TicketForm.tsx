// The ticket form island (/soporte/nuevo/, and inside an article through TicketLauncher): works out
// who is asking (the shared session; supabase-js loads only now) and for which organisations, then
// hands over to the draft form. Signed-out readers are sent to sign in; a backend that cannot be
// reached is said plainly, and the docs around keep working.
import { useEffect, useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import { DraftForm } from './DraftForm.tsx';
import { myOrganisations } from './load-context.ts';
import type { Organisation, TicketFormProps } from './types.ts';

const ID_PREFIX = 'ticket-form';

export default function TicketForm(props: TicketFormProps) {
	const { labels, lang } = props;
	const level = props.headingLevel ?? 2;
	const session = useSession();
	const [organisations, setOrganisations] = useState<Organisation[] | 'loading' | 'error'>('loading');
	const userId = session.status === 'signed-in' ? session.user.id : null;

	useEffect(() => {
		if (session.status !== 'signed-in') return;
		let live = true;
		setOrganisations('loading');
		myOrganisations(session.client, session.user.id)
			.then((list) => live && setOrganisations(list))
			.catch(() => live && setOrganisations('error'));
		return () => {
			live = false;
		};
	}, [userId]);

	let body;
	if (session.status === 'unavailable' || organisations === 'error') {
		body = (
			<p class="mostrador-error" role="alert">
				{labels.unavailable}
			</p>
		);
	} else if (session.status === 'signed-out') {
		body = (
			<p>
				{labels.signedOut} <a href={localePath('/cuenta/', lang)}>{labels.signIn}</a>
			</p>
		);
	} else if (session.status === 'loading' || organisations === 'loading') {
		body = (
			<p class="mostrador-status" role="status">
				{labels.loading}
			</p>
		);
	} else if (organisations.length === 0) {
		body = (
			<p>
				{labels.noOrganisation} <a href={localePath('/cuenta/', lang)}>{labels.joinOrganisation}</a>
			</p>
		);
	} else {
		// Keyed by user: another account signing in on this page starts from its own draft.
		body = <DraftForm key={session.user.id} {...props} client={session.client} userId={session.user.id} organisations={organisations} idPrefix={ID_PREFIX} />;
	}

	const Heading = `h${Math.max(level, 2)}` as 'h2' | 'h3';
	return (
		<section class="ticket-form" aria-labelledby={props.untitled ? undefined : `${ID_PREFIX}-title`} aria-label={props.untitled ? labels.title : undefined}>
			{!props.untitled && <Heading id={`${ID_PREFIX}-title`}>{labels.title}</Heading>}
			{body}
		</section>
	);
}
