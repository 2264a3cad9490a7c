// Following a ticket of one's organisation (follow_ticket): its public updates, every answer from
// support and its closing, then reach the follower by e-mail too. Offered to the members who did not
// open it; the requester hears of it anyway. The state is read as the reader (RLS shows a person only
// their own follows), so the button says what is true now, not what was clicked last.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { call } from '../shared/backend.ts';
import type { TicketsLabels } from './labels.ts';
import { errorText } from './errors.ts';

export default function FollowButton({ client, ticketId, labels }: { client: SupabaseClient; ticketId: string; labels: TicketsLabels }) {
	const [following, setFollowing] = useState<boolean | null>(null);
	const [busy, setBusy] = useState(false);
	const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

	useEffect(() => {
		let live = true;
		call(() => client.from('ticket_followers').select('ticket_id').eq('ticket_id', ticketId).maybeSingle()).then((r) => {
			// Unreadable: offer to follow; the RPC says what is wrong if it is tried.
			if (live) setFollowing(r.ok && r.data !== null);
		});
		return () => {
			live = false;
		};
	}, [client, ticketId]);

	if (following === null) return null;

	async function toggle() {
		setBusy(true);
		const r = await call(() => client.rpc('follow_ticket', { ticket: ticketId, follow: !following }));
		setBusy(false);
		if (!r.ok) return setMessage({ text: errorText(r, labels), error: true });
		setFollowing(r.data);
		setMessage({ text: r.data ? labels.followed : labels.unfollowed, error: false });
	}

	return (
		<div class="tickets-follow">
			<button type="button" class="mostrador-button tickets-follow-button" disabled={busy} onClick={toggle} aria-describedby="tickets-follow-hint">
				{following ? labels.unfollow : labels.follow}
			</button>
			<p id="tickets-follow-hint" class="tickets-follow-hint">
				{following ? labels.followingHint : labels.followHint}
			</p>
			<p class={message?.error ? 'mostrador-error' : 'mostrador-status'} role={message?.error ? 'alert' : 'status'}>
				{message?.text ?? ''}
			</p>
		</div>
	);
}
