// The ticket form proper, for a signed-in customer with at least one organisation: the draft (saved as
// it is typed, restored on reload, cleared on success), suggestions from the knowledge base, the
// severity with its criteria, attachments with progress, the month's quota, what will happen when it
// is sent, and the submission with every answer of the tickets function explained where it belongs.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { pickText } from '#shared/programme-helpers.ts';
import { anonKey, supabaseUrl, type SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { localePath } from '../shared/use-session.ts';
import { clearDraft, draftKey, hasContent, loadDraft, newIdempotencyKey, saveDraft, type Draft } from './draft.ts';
import { firstResponsePreview } from './due-preview.ts';
import { authorizedContacts, organisationContext } from './load-context.ts';
import { fieldMessage, formatDay } from './messages.ts';
import { submitTicket } from './submit.ts';
import { afterFiling } from './trail.ts';
import { countSearch } from '../../lib/search-stats.ts';
import { uploadAttachment, UploadError } from './upload.ts';
import { uploadedOf, useAttachments, type StartUpload } from './use-attachments.ts';
import { Attachments } from './Attachments.tsx';
import { ContactsPanel } from './ContactsPanel.tsx';
import { Field } from './Field.tsx';
import { NextSteps } from './NextSteps.tsx';
import { PlanLine } from './PlanLine.tsx';
import { ProductFields } from './ProductFields.tsx';
import { QuotaLine } from './QuotaLine.tsx';
import { SeverityField } from './SeverityField.tsx';
import { SuccessPanel } from './SuccessPanel.tsx';
import { Suggestions, suggestionQuery } from './Suggestions.tsx';
import type { Contact, FieldName, Organisation, OrganisationContext, TicketFields, TicketFormProps } from './types.ts';
import { Loading } from '../shared/states.tsx';
import { Options } from '../shared/Options.tsx';

export interface DraftFormProps extends TicketFormProps {
	client: SupabaseClient;
	userId: string;
	organisations: Organisation[];
	idPrefix: string;
}

function blankFields(organisation: string, article: TicketFormProps['article']): TicketFields {
	return {
		organisation_id: organisation,
		severity: '',
		subject: '',
		description: '',
		impact: '',
		environment: 'production',
		product_id: article?.product ?? '',
		version: article?.version ?? '',
		steps: '',
		affected_user: '',
	};
}

function restoredFields(draft: Draft | null, organisations: Organisation[], article: TicketFormProps['article']): TicketFields {
	const blank = blankFields(organisations[0].id, article);
	if (!draft) return blank;
	const fields = { ...blank, ...draft.fields };
	// The customer may have left that organisation since.
	if (!organisations.some((o) => o.id === fields.organisation_id)) fields.organisation_id = blank.organisation_id;
	return fields;
}

type ErrorMap = Partial<Record<FieldName, string>>;

export function DraftForm(props: DraftFormProps) {
	const { client, userId, organisations, labels, lang, products, suggest, article, idPrefix } = props;
	const level = props.headingLevel ?? 2;
	const sub = (level + 1) as 2 | 3 | 4;
	const key = draftKey(userId, article?.slug);
	const [initial] = useState(() => loadDraft(key));
	const [fields, setFields] = useState<TicketFields>(() => restoredFields(initial, organisations, article));
	const [idempotencyKey, setIdempotencyKey] = useState(() => initial?.idempotencyKey ?? newIdempotencyKey());
	const [restoredAt, setRestoredAt] = useState(() => (initial && hasContent(initial.fields, initial.attachments) ? initial.savedAt : null));
	const [ctx, setCtx] = useState<OrganisationContext | 'loading' | 'error'>('loading');
	const [contacts, setContacts] = useState<Contact[] | null>(null);
	const [errors, setErrors] = useState<ErrorMap>({});
	const [alert, setAlert] = useState<ComponentChildren>(null);
	const [sending, setSending] = useState(false);
	const [success, setSuccess] = useState<{ number: number; dueText: string | null } | null>(null);
	const [solved, setSolved] = useState<string | null>(null);
	const [now, setNow] = useState(() => new Date());
	const form = useRef<HTMLFormElement>(null);
	// What the form offered for the subject as it last stood: counted for the gap report only when the
	// customer says one solved it or files the ticket.
	const shown = useRef<{ query: string; slugs: string[] }>({ query: '', slugs: [] });

	const startUpload: StartUpload = async (file, path, onProgress) => {
		const { data } = await client.auth.getSession();
		if (!data.session) throw new UploadError('attachment_failed');
		return uploadAttachment({ url: supabaseUrl, apiKey: anonKey, accessToken: data.session.access_token, path, file, onProgress });
	};
	const attachments = useAttachments(initial?.attachments ?? [], startUpload);
	const uploaded = uploadedOf(attachments.items);

	const organisation = organisations.find((o) => o.id === fields.organisation_id) ?? organisations[0];
	const set = <K extends keyof TicketFields>(name: K, value: TicketFields[K]) => {
		setFields((f) => ({ ...f, [name]: value }));
		setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
	};

	useEffect(() => {
		let live = true;
		setCtx('loading');
		organisationContext(client, organisation)
			.then((c) => live && setCtx(c))
			.catch(() => live && setCtx('error'));
		return () => {
			live = false;
		};
	}, [organisation.id]);

	// A restored or blank draft gets the programme's default severity once the programme is known.
	useEffect(() => {
		if (typeof ctx !== 'object') return;
		const keys = ctx.programme.severities.map((s) => s.key);
		if (!keys.includes(fields.severity)) setFields((f) => ({ ...f, severity: ctx.programme.defaultSeverity ?? keys[0] }));
	}, [ctx]);

	useEffect(() => {
		setContacts(null);
		if (organisation.role !== 'member') return;
		let live = true;
		authorizedContacts(client, organisation.id)
			.then((c) => live && setContacts(c))
			.catch(() => live && setContacts([]));
		return () => {
			live = false;
		};
	}, [organisation.id, organisation.role]);

	// The due time moves with the clock; a minute is the finest it is shown.
	useEffect(() => {
		const timer = setInterval(() => setNow(new Date()), 30_000);
		return () => clearInterval(timer);
	}, []);

	useEffect(() => {
		if (success) return;
		if (hasContent(fields, uploaded)) saveDraft(key, { fields, attachments: uploaded, idempotencyKey, savedAt: new Date().toISOString() });
		else clearDraft(key);
	}, [fields, attachments.items, idempotencyKey, success]);

	function startOver() {
		attachments.clear();
		clearDraft(key);
		setFields(blankFields(organisation.id, article));
		setIdempotencyKey(newIdempotencyKey());
		setRestoredAt(null);
		setSolved(null);
		setErrors({});
		setAlert(null);
		setSuccess(null);
	}

	function showIssues(issues: { field: string; code: string }[]) {
		const next: ErrorMap = {};
		for (const issue of issues) {
			const field = issue.field.split('.')[0] as FieldName;
			// attachments.N…: the N-th file sent, named in the message.
			const file = /^attachments\.(\d+)/.exec(issue.field);
			next[field] ??= fieldMessage(field, issue.code, labels, file ? (uploaded[Number(file[1])]?.file_name ?? '') : '');
		}
		setErrors(next);
		setAlert(fill(labels.errorSummary, { count: Object.keys(next).length }));
		requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
	}

	async function onSubmit(e: Event) {
		e.preventDefault();
		if (sending) return;
		setAlert(null);
		if (attachments.uploading) return setAlert(labels.attachmentsPending);
		setSending(true);
		const outcome = await submitTicket(client, { fields, attachments: uploaded, idempotencyKey, sourceArticle: article?.slug });
		setSending(false);
		switch (outcome.kind) {
			case 'created':
				if (outcome.fresh) {
					// What the form offered counts only if it was offered for the text as filed.
					const offered = shown.current.query === suggestionQuery(fields.subject, fields.description) ? shown.current : { query: '', slugs: [] };
					void afterFiling(client, outcome.id, fields.subject, lang, offered);
				}
				clearDraft(key);
				setErrors({});
				setSuccess({ number: outcome.number, dueText: outcome.dueText });
				return;
			case 'invalid':
				return showIssues(outcome.issues);
			case 'not_authorized_contact':
				return setAlert(
					<ContactsPanel intro={fill(labels.errorNotAuthorized, { organisation: organisation.name })} title={labels.contactsTitle} none={labels.contactsNone} contacts={outcome.contacts} />,
				);
			case 'quota_exceeded':
				return setAlert(fill(labels.errorQuota, { date: outcome.renewsOn ? formatDay(outcome.renewsOn, lang) : '—', organisation: organisation.name }));
			case 'plan_period_ended':
				return setAlert(fill(labels.errorPlanEnded, { date: outcome.endedOn ? formatDay(outcome.endedOn, lang) : '—' }));
			case 'retry':
				return setAlert(labels.errorNetwork);
			case 'refused':
				if (outcome.code === 'not_signed_in')
					return setAlert(
						<p class="mostrador-error">
							{labels.errorSession} <a href={localePath('/cuenta/', lang)}>{labels.signIn}</a>
						</p>,
					);
				return setAlert(
					{
						contract_inactive: labels.errorContract,
						not_a_member: labels.errorNotMember,
						organisation_required: labels.errorOrganisationRequired,
						tickets_not_offered: fill(labels.errorNotOffered, { organisation: organisation.name }),
					}[outcome.code] ?? labels.errorGeneric,
				);
		}
	}

	if (success) return <SuccessPanel number={success.number} dueText={success.dueText} labels={labels} lang={lang} headingLevel={sub} onAnother={startOver} />;

	const programme = typeof ctx === 'object' ? ctx.programme : null;
	const plan = programme?.plans.find((p) => p.id === organisation.plan_id);
	// The organisation's own programme decides: it may take no tickets at all, or take them from every member.
	const offered = programme?.customerTickets !== false;
	const mayOpen = organisation.role !== 'member' || plan?.whoMayOpen === 'members';
	const severity = programme?.severities.find((s) => s.key === fields.severity);
	const preview = typeof ctx === 'object' && severity ? firstResponsePreview(ctx.programme, organisation.plan_id, severity.key, organisation.timezone, lang, now) : null;
	const id = (name: string) => `${idPrefix}-${name}`;

	return (
		<div class="ticket-form-body">
			<p class="ticket-form-reminder">{labels.reminder}</p>
			{restoredAt && (
				<p class="mostrador-status ticket-form-restored">
					{fill(labels.draftRestored, { time: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(restoredAt)) })}{' '}
					<button type="button" class="mostrador-link" onClick={startOver}>
						{labels.discardDraft}
					</button>
				</p>
			)}
			{organisations.length > 1 && (
				<div class="mostrador-form">
					<Field id={id('organisation')} label={labels.organisation}>
						{(aria) => (
							<select
								{...aria}
								data-field="organisation_id"
								value={fields.organisation_id}
								onChange={(e) => {
									// Files went to the other organisation's folder; the ticket could not use them.
									attachments.clear();
									set('organisation_id', e.currentTarget.value);
								}}
							>
								<Options items={organisations} />
							</select>
						)}
					</Field>
				</div>
			)}
			{ctx === 'loading' && (
				<Loading text={labels.loading} />
			)}
			{ctx === 'error' && (
				<p class="mostrador-error" role="alert">
					{labels.unavailable}
				</p>
			)}
			{typeof ctx === 'object' && <PlanLine organisation={organisation} programme={ctx.programme} labels={labels} lang={lang} />}
			{programme && !offered && (
				<p class="mostrador-error" data-refusal="tickets_not_offered">
					{fill(labels.errorNotOffered, { organisation: organisation.name })}
				</p>
			)}
			{typeof ctx === 'object' && offered && ctx.quota && <QuotaLine quota={ctx.quota} organisation={organisation.name} labels={labels} lang={lang} />}
			{programme && offered && !mayOpen && contacts && (
				<ContactsPanel intro={fill(labels.errorNotAuthorized, { organisation: organisation.name })} title={labels.contactsTitle} none={labels.contactsNone} contacts={contacts} />
			)}
			{programme && offered && mayOpen && (
				<form ref={form} class="mostrador-form ticket-form-fields" onSubmit={onSubmit} noValidate>
					<Field id={id('subject')} label={labels.subject} hint={labels.subjectHint} error={errors.subject}>
						{(aria) => <input {...aria} data-field="subject" type="text" maxLength={200} value={fields.subject} onInput={(e) => set('subject', e.currentTarget.value)} />}
					</Field>
					<Field id={id('description')} label={labels.description} hint={labels.descriptionHint} error={errors.description}>
						{(aria) => <textarea {...aria} data-field="description" rows={6} value={fields.description} onInput={(e) => set('description', e.currentTarget.value)} />}
					</Field>
					{solved ? (
						<p class="ticket-form-panel ticket-form-solved-thanks" role="status">
							{fill(labels.solvedThanks, { title: solved })}{' '}
							<button type="button" class="mostrador-link" onClick={startOver}>
								{labels.discardDraft}
							</button>
						</p>
					) : (
						<Suggestions
							subject={fields.subject}
							description={fields.description}
							productName={products.find((p) => p.id === fields.product_id)?.name}
							config={suggest}
							labels={labels}
							headingLevel={sub}
							idPrefix={idPrefix}
							onShown={(query, slugs) => (shown.current = { query, slugs })}
							onSolved={(hit, query) => {
								countSearch(query, lang, { event: 'suggest', articles: shown.current.slugs }, client);
								// Best effort: the thanks do not depend on the count being stored.
								client.rpc('record_deflection', { article: hit.slug, query }).then(
									() => {},
									() => {},
								);
								setSolved(hit.title);
							}}
						/>
					)}
					<SeverityField idPrefix={idPrefix} programme={programme} value={fields.severity} lang={lang} labels={labels} error={errors.severity} onChange={(k) => set('severity', k)} />
					<Field id={id('environment')} label={labels.environment} error={errors.environment}>
						{(aria) => (
							<select {...aria} data-field="environment" value={fields.environment} onChange={(e) => set('environment', e.currentTarget.value as TicketFields['environment'])}>
								<option value="production">{labels.environmentProduction}</option>
								<option value="test">{labels.environmentTest}</option>
							</select>
						)}
					</Field>
					<ProductFields
						idPrefix={idPrefix}
						products={products}
						product={fields.product_id}
						version={fields.version}
						errors={errors}
						labels={labels}
						onChange={(product, version) => {
							set('product_id', product);
							set('version', version);
						}}
					/>
					<Field id={id('steps')} label={labels.steps} hint={labels.stepsHint} optional={labels.optional} error={errors.steps}>
						{(aria) => <textarea {...aria} data-field="steps" rows={4} value={fields.steps} onInput={(e) => set('steps', e.currentTarget.value)} />}
					</Field>
					<Field id={id('affected-user')} label={labels.affectedUser} hint={labels.affectedUserHint} optional={labels.optional} error={errors.affected_user}>
						{(aria) => <input {...aria} data-field="affected_user" type="text" maxLength={200} value={fields.affected_user} onInput={(e) => set('affected_user', e.currentTarget.value)} />}
					</Field>
					<Field id={id('impact')} label={labels.impact} hint={labels.impactHint} optional={labels.optional} error={errors.impact}>
						{(aria) => <textarea {...aria} data-field="impact" rows={3} value={fields.impact} onInput={(e) => set('impact', e.currentTarget.value)} />}
					</Field>
					<Attachments
						id={id('attachments')}
						items={attachments.items}
						tooMany={attachments.tooMany}
						error={errors.attachments}
						disabled={sending}
						labels={labels}
						lang={lang}
						onAdd={(files) => attachments.add(files, organisation.id)}
						onRemove={attachments.remove}
					/>
					<NextSteps
						preview={preview}
						bestEffort={plan?.targets === 'best-effort'}
						severityLabel={severity ? pickText(severity.label, lang) : ''}
						organisation={organisation.name}
						labels={labels}
						headingLevel={sub}
						idPrefix={idPrefix}
					/>
					<div class="ticket-form-alert" role="alert">
						{typeof alert === 'string' ? <p class="mostrador-error">{alert}</p> : alert}
					</div>
					<button type="submit" class="mostrador-button" disabled={sending}>
						{sending ? labels.submitting : labels.submit}
					</button>
				</form>
			)}
		</div>
	);
}
