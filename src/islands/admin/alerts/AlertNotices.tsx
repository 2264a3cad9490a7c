// The alerts section: tell organisations about a technical alert (an article of type alert, listed
// from the docs at build time) or that it is resolved — either the organisations its product and
// versions concern (by their tickets and downloads) or organisations chosen by hand. E-mails go out
// through the outbox; each person hears once per alert and state.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import { FieldError, describedBy } from '../Field.tsx';
import type { AdminProps, AlertArticle } from '../props.ts';
import { listNotices, listOrganisations, sendNotice, type AlertNotice, type OrganisationOption } from './alerts-api.ts';
import { NoticeHistory } from './NoticeHistory.tsx';
import { Unavailable } from '../../shared/states.tsx';
import { Done, Submit } from '../FormEnd.tsx';

type Audience = 'affected' | 'chosen';

export function AlertNotices({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const [organisations, setOrganisations] = useState<OrganisationOption[]>([]);
	const [notices, setNotices] = useState<AlertNotice[] | null>(null);
	const [loadError, setLoadError] = useState('');

	const reload = useCallback(async () => {
		const [orgs, sent] = await Promise.all([listOrganisations(client), listNotices(client)]);
		if (!orgs.ok) return setLoadError(messageFor(orgs, labels));
		if (!sent.ok) return setLoadError(messageFor(sent, labels));
		setLoadError('');
		setOrganisations(orgs.data);
		setNotices(sent.data);
	}, [client, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);

	if (props.alerts.length === 0) return <p>{labels['alerts.none']}</p>;
	return (
		<div class="admin-section">
			<p>{labels['alerts.intro']}</p>
			{loadError && <Unavailable text={loadError} />}
			<NoticeForm client={client} props={props} organisations={organisations} onSent={reload} />
			{notices && <NoticeHistory notices={notices} props={props} />}
		</div>
	);
}

function defaults(alert: AlertArticle): { resolved: boolean; audience: Audience } {
	return { resolved: !!alert.resolved, audience: alert.product ? 'affected' : 'chosen' };
}

interface FormProps {
	client: SupabaseClient;
	props: AdminProps;
	organisations: OrganisationOption[];
	onSent: () => void;
}

function NoticeForm({ client, props, organisations, onSent }: FormProps) {
	const { labels, severityLabels, lang } = props;
	const [slug, setSlug] = useState(props.alerts[0].slug);
	const alert = props.alerts.find((a) => a.slug === slug) ?? props.alerts[0];
	const [resolved, setResolved] = useState(defaults(alert).resolved);
	const [audience, setAudience] = useState<Audience>(defaults(alert).audience);
	const [chosen, setChosen] = useState<string[]>([]);
	const [orgError, setOrgError] = useState('');
	const [formError, setFormError] = useState('');
	const [done, setDone] = useState('');
	const [busy, setBusy] = useState(false);
	const orgGroup = useRef<HTMLFieldSetElement>(null);

	const product = alert.product ? (props.products.find((p) => p.id === alert.product)?.name ?? alert.product) : null;
	const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(lang, { dateStyle: 'long', timeZone: 'UTC' });

	function choose(next: string) {
		setSlug(next);
		const a = props.alerts.find((x) => x.slug === next)!;
		const d = defaults(a);
		setResolved(d.resolved);
		setAudience(d.audience);
		setOrgError('');
		setFormError('');
	}

	async function submit(e: Event) {
		e.preventDefault();
		setDone('');
		setFormError('');
		if (audience === 'chosen' && chosen.length === 0) {
			setOrgError(labels['alerts.chooseSome']);
			orgGroup.current?.querySelector<HTMLInputElement>('input')?.focus();
			return;
		}
		setOrgError('');
		setBusy(true);
		const result = await sendNotice(client, { alert, resolved, organisations: audience === 'chosen' ? chosen : null });
		setBusy(false);
		if (!result.ok) return setFormError(messageFor(result, labels));
		const n = result.data;
		setDone(
			n.recipients === 0
				? fill(labels['alerts.sentNobodyNew'], { organisations: n.organisation_ids.length })
				: fill(labels['alerts.sent'], { people: n.recipients, organisations: n.organisation_ids.length }),
		);
		onSent();
	}

	return (
		<section class="admin-panel" aria-labelledby="admin-alert-heading">
			<h2 id="admin-alert-heading">{labels['alerts.heading']}</h2>
			<form class="mostrador-form" onSubmit={submit} noValidate>
				<label for="admin-alert-article">{labels['alerts.article']}</label>
				<select id="admin-alert-article" value={slug} onChange={(e) => choose(e.currentTarget.value)}>
					{props.alerts.map((a) => (
						<option key={a.slug} value={a.slug}>
							{a.title}
						</option>
					))}
				</select>
				<dl class="admin-facts">
					<dt>{labels['alerts.severity']}</dt>
					<dd>{severityLabels[alert.severity]}</dd>
					<dt>{labels['alerts.product']}</dt>
					<dd>{product ?? labels['alerts.noProduct']}</dd>
					<dt>{labels['alerts.versions']}</dt>
					<dd>{alert.versions.length ? alert.versions.join(', ') : labels['alerts.allVersions']}</dd>
					<dt>{labels['alerts.published']}</dt>
					<dd>{alert.resolved ? fill(labels['alerts.publishedResolved'], { published: day(alert.published), resolved: day(alert.resolved) }) : day(alert.published)}</dd>
				</dl>
				<fieldset>
					<legend>{labels['alerts.state']}</legend>
					<label>
						<input type="radio" name="admin-alert-state" checked={!resolved} onChange={() => setResolved(false)} /> {labels['alerts.statePublished']}
					</label>
					<label>
						<input type="radio" name="admin-alert-state" checked={resolved} onChange={() => setResolved(true)} /> {labels['alerts.stateResolved']}
					</label>
				</fieldset>
				<fieldset>
					<legend>{labels['alerts.audience']}</legend>
					<label>
						<input type="radio" name="admin-alert-audience" checked={audience === 'affected'} disabled={!alert.product} onChange={() => setAudience('affected')} />{' '}
						{alert.product ? fill(labels['alerts.audienceAffected'], { product: product ?? '' }) : labels['alerts.audienceAffectedNone']}
					</label>
					<label>
						<input type="radio" name="admin-alert-audience" checked={audience === 'chosen'} onChange={() => setAudience('chosen')} /> {labels['alerts.audienceChosen']}
					</label>
				</fieldset>
				{audience === 'chosen' && (
					<fieldset
						ref={orgGroup}
						class="admin-checklist"
						aria-describedby={describedBy('admin-alert-orgs', false, !!orgError)}
					>
						<legend>{labels['alerts.organisations']}</legend>
						{organisations.map((o) => (
							<label key={o.id}>
								<input
									type="checkbox"
									checked={chosen.includes(o.id)}
									onChange={(e) => setChosen((c) => (e.currentTarget.checked ? [...c, o.id] : c.filter((x) => x !== o.id)))}
								/>{' '}
								{o.name}
							</label>
						))}
						<FieldError id="admin-alert-orgs" text={orgError} />
					</fieldset>
				)}
				<Submit error={formError} busy={busy} text={labels[resolved ? 'alerts.sendResolved' : 'alerts.send']} busyText={labels['alerts.sending']} />
				<Done text={done} />
			</form>
		</section>
	);
}
