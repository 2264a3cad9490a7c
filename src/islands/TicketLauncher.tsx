// What an article's widget area shows for asking help: one button, "Abrir un ticket sobre este
// artículo", that expands the ticket form in place, prefilled with the article as its source and the
// article's product and version. Only the button ships with the page: the form (and supabase-js, zod,
// the SLA engine) load when it is first opened, so reading an article costs next to nothing.
import { useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { TicketFormProps } from './ticket-form/types.ts';
import { Loading } from './shared/states.tsx';

const PANEL_ID = 'ticket-launcher-panel';

export default function TicketLauncher(props: TicketFormProps) {
	const { labels } = props;
	const [open, setOpen] = useState(false);
	const [Form, setForm] = useState<ComponentType<TicketFormProps> | null>(null);
	const [failed, setFailed] = useState(false);

	function toggle() {
		if (open) return setOpen(false);
		setOpen(true);
		if (Form) return;
		setFailed(false);
		import('./ticket-form/TicketForm.tsx').then(
			(m) => setForm(() => m.default),
			// The chunk could not be fetched (offline, or a new deployment replaced it); opening again retries.
			() => setFailed(true),
		);
	}

	return (
		<div class="ticket-launcher">
			<button type="button" class="mostrador-button" aria-expanded={open} aria-controls={PANEL_ID} onClick={toggle}>
				{open ? labels.close : labels.open}
			</button>
			<div id={PANEL_ID} class="ticket-launcher-panel" hidden={!open}>
				{failed ? (
					<p class="mostrador-error" role="alert">
						{labels.unavailable}
					</p>
				) : Form ? (
					<Form {...props} headingLevel={2} />
				) : (
					open && (
						<Loading text={labels.loading} />
					)
				)}
			</div>
		</div>
	);
}
