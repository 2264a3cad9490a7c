// What an article's widget area shows for asking help: one button, "Abrir un ticket sobre este
// artículo", that expands the ticket form in place, prefilled with the article as its source and the
// article's product and version. Only the button and the launcher's own labels ship with the page. A
// reader with no stored session gets the sign-in step at once, with nothing more loaded; otherwise the
// form (and supabase-js, zod, the SLA engine) and its labels and catalogue (form-data.ts) load when it
// is first opened. The button is a form's submit button: without the island (no JavaScript) it goes to
// the new-ticket page with the article in the address, and a click before hydration is kept and done
// once the island runs (use-early-click.ts).
import { useRef, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { hasStoredSession } from '../lib/supabase.ts';
import type { SourceArticle, TicketFormProps } from './ticket-form/types.ts';
import type { LauncherLabels } from './ticket-form/labels.ts';
import { loadFormData, type TicketFormData } from './ticket-form/form-data.ts';
import { SOURCE_FIELDS } from './ticket-form/source-article.ts';
import { localePath } from './shared/use-session.ts';
import { useEarlyClick } from './shared/use-early-click.ts';
import { Loading, SignInPrompt } from './shared/states.tsx';

const PANEL_ID = 'ticket-launcher-panel';

interface Props {
	labels: LauncherLabels;
	lang: 'es' | 'en';
	article: SourceArticle;
}

type Panel =
	| { name: 'closed' }
	| { name: 'sign-in' }
	| { name: 'loading' }
	| { name: 'failed' }
	| { name: 'form'; Form: ComponentType<TicketFormProps>; data: TicketFormData };

export default function TicketLauncher({ labels, lang, article }: Props) {
	const [open, setOpen] = useState(false);
	const [panel, setPanel] = useState<Panel>({ name: 'closed' });
	const form = useRef<HTMLFormElement>(null);
	useEarlyClick(form, () => toggle());

	function toggle() {
		if (open) return setOpen(false);
		setOpen(true);
		if (panel.name === 'form' || panel.name === 'loading') return;
		if (!hasStoredSession()) return setPanel({ name: 'sign-in' });
		setPanel({ name: 'loading' });
		Promise.all([import('./ticket-form/TicketForm.tsx'), loadFormData(lang)]).then(
			([m, data]) => setPanel({ name: 'form', Form: m.default, data }),
			// The chunk or the form's data could not be fetched (offline, or a new deployment replaced
			// them); opening again retries.
			() => setPanel({ name: 'failed' }),
		);
	}

	let body = null;
	if (panel.name === 'sign-in') body = <SignInPrompt text={labels.signedOut} link={labels.signIn} href={localePath('/cuenta/', lang)} />;
	if (panel.name === 'loading') body = <Loading text={labels.loading} />;
	if (panel.name === 'failed')
		body = (
			<p class="mostrador-error" role="alert">
				{labels.unavailable}
			</p>
		);
	if (panel.name === 'form') body = <panel.Form {...panel.data} article={article} headingLevel={2} />;

	return (
		<div class="ticket-launcher">
			<form
				ref={form}
				action={localePath('/soporte/nuevo/', lang)}
				method="get"
				onSubmit={(e) => {
					e.preventDefault();
					toggle();
				}}
			>
				<button type="submit" class="mostrador-button" aria-expanded={open} aria-controls={PANEL_ID} data-early-click="open">
					{open ? labels.close : labels.open}
				</button>
				<input type="hidden" name={SOURCE_FIELDS.slug} value={article.slug} />
				{article.product && <input type="hidden" name={SOURCE_FIELDS.product} value={article.product} />}
				{article.version && <input type="hidden" name={SOURCE_FIELDS.version} value={article.version} />}
			</form>
			<div id={PANEL_ID} class="ticket-launcher-panel" hidden={!open}>
				{body}
			</div>
		</div>
	);
}
