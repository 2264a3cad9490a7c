// The ticket form island (/soporte/nuevo/, and inside an article through TicketLauncher): works out
// who is asking (the shared session; supabase-js loads only now) and for which organisations, then
// hands over to the draft form. Signed-out readers are sent to sign in; a backend that cannot be
// reached is said plainly, and the docs around keep working. On the new-ticket page the source
// article, if any, comes in the address (an article's launcher used without its island).
import { localePath, useSession } from '../shared/use-session.ts';
import { Loading, SignInPrompt, Unavailable } from '../shared/states.tsx';
import { useLoad } from '../shared/use-load.ts';
import { DraftForm } from './DraftForm.tsx';
import { myOrganisations } from './load-context.ts';
import { sourceFromQuery } from './source-article.ts';
import type { Organisation, TicketFormProps } from './types.ts';

const ID_PREFIX = 'ticket-form';

export default function TicketForm(props: TicketFormProps) {
	const { labels, lang } = props;
	const level = props.headingLevel ?? 2;
	const session = useSession();
	const signedIn = session.status === 'signed-in' ? session : null;
	const organisations =
		useLoad<Organisation[] | 'error'>(signedIn && (() => myOrganisations(signedIn.client, signedIn.user.id)), [signedIn?.user.id], 'error') ?? 'loading';

	let body;
	if (session.status === 'unavailable' || organisations === 'error') {
		body = <Unavailable text={labels.unavailable} />;
	} else if (session.status === 'signed-out') {
		body = <SignInPrompt text={labels.signedOut} link={labels.signIn} href={localePath('/cuenta/', lang)} />;
	} else if (session.status === 'loading' || organisations === 'loading') {
		body = <Loading text={labels.loading} />;
	} else if (organisations.length === 0) {
		body = (
			<p>
				{labels.noOrganisation} <a href={localePath('/cuenta/', lang)}>{labels.joinOrganisation}</a>
			</p>
		);
	} else {
		// Keyed by user: another account signing in on this page starts from its own draft.
		const article = props.article ?? sourceFromQuery(location.search);
		body = <DraftForm key={session.user.id} {...props} article={article} client={session.client} userId={session.user.id} organisations={organisations} idPrefix={ID_PREFIX} />;
	}

	const Heading = `h${Math.max(level, 2)}` as 'h2' | 'h3';
	return (
		<section class="ticket-form" aria-labelledby={props.untitled ? undefined : `${ID_PREFIX}-title`} aria-label={props.untitled ? labels.title : undefined}>
			{!props.untitled && <Heading id={`${ID_PREFIX}-title`}>{labels.title}</Heading>}
			{body}
		</section>
	);
}
