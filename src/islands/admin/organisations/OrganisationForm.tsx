// Creates a customer organisation (create_organisation, admins): its name, a programme that takes
// customer tickets and one of its plans (with how many authorized contacts it allows), the contract's
// first and last day, and the time zone its deadlines are shown in (the programme's unless changed).
import { useMemo, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { useFieldErrors } from '../use-field-errors.ts';
import { Field, controlProps } from '../Field.tsx';
import type { AdminProps } from '../props.ts';
import { createOrganisation, type NewOrganisation, type Organisation } from './organisations-api.ts';
import { Options } from '../../shared/Options.tsx';
import { Submit } from '../FormEnd.tsx';

type FieldName = 'name' | 'programme' | 'plan' | 'contract_start' | 'contract_end' | 'timezone';
const FIELD_OF: Record<string, FieldName> = {
	invalid_name: 'name',
	organisation_exists: 'name',
	plan_not_found: 'plan',
	programme_without_tickets: 'programme',
	contract_start_required: 'contract_start',
	invalid_contract_dates: 'contract_end',
	invalid_timezone: 'timezone',
};

function timeZones(): string[] {
	try {
		return Intl.supportedValuesOf('timeZone');
	} catch {
		return [];
	}
}

export function OrganisationForm({ client, props, onCreated }: { client: SupabaseClient; props: AdminProps; onCreated: () => void }) {
	const { labels, programmes } = props;
	const first = programmes[0] ?? { ...props.programme, name: props.programme.id };
	const blank = (): NewOrganisation => ({ name: '', programme: first.id, plan: first.plans[0]?.id ?? '', contract_start: '', contract_end: null, timezone: first.timezone });
	const [o, setO] = useState<NewOrganisation>(blank);
	const { form, errors, formError, setFormError, found, refused } = useFieldErrors<FieldName>('admin-org-', labels);
	const [created, setCreated] = useState<Organisation | null>(null);
	const [busy, setBusy] = useState(false);
	const zones = useMemo(timeZones, []);

	const set = (patch: Partial<NewOrganisation>) => setO((x) => ({ ...x, ...patch }));

	async function submit(e: Event) {
		e.preventDefault();
		setFormError('');
		setCreated(null);
		const problems: Partial<Record<FieldName, string>> = {};
		if (!o.name.trim()) problems.name = labels['orgs.nameMissing'];
		if (!o.contract_start) problems.contract_start = labels['error.contract_start_required'];
		else if (o.contract_end && o.contract_end < o.contract_start) problems.contract_end = labels['error.invalid_contract_dates'];
		if (!o.timezone.trim()) problems.timezone = labels['error.invalid_timezone'];
		if (found(problems, ['name', 'contract_start', 'contract_end', 'timezone'])) return;
		setBusy(true);
		const result = await createOrganisation(client, { ...o, name: o.name.trim(), timezone: o.timezone.trim() });
		setBusy(false);
		if (!result.ok) return refused(result, FIELD_OF);
		setCreated(result.data);
		setO(blank());
		onCreated();
	}

	const programme = programmes.find((p) => p.id === o.programme) ?? first;
	// Another programme: its first plan, and its time zone unless the admin typed another one.
	const chooseProgramme = (id: string) => {
		const next = programmes.find((p) => p.id === id) ?? first;
		setO((x) => ({ ...x, programme: next.id, plan: next.plans[0]?.id ?? '', timezone: x.timezone === programme.timezone ? next.timezone : x.timezone }));
	};
	const planHint = (id: string) => {
		const p = programme.plans.find((x) => x.id === id);
		if (!p) return undefined;
		return p.authorizedContacts === null ? labels['orgs.planUnlimited'] : fill(labels['orgs.planContacts'], { n: p.authorizedContacts });
	};
	const hint = planHint(o.plan);

	return (
		<section class="admin-panel" aria-labelledby="admin-org-heading">
			<h2 id="admin-org-heading">{labels['orgs.createHeading']}</h2>
			<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
				<Field id="admin-org-name" label={labels['orgs.name']} error={errors.name}>
					<input {...controlProps('admin-org-name', undefined, errors.name)} value={o.name} maxLength={200} onInput={(e) => set({ name: e.currentTarget.value })} />
				</Field>
				<Field id="admin-org-programme" label={labels['orgs.programme']} hint={labels['orgs.programmeHint']} error={errors.programme}>
					<select {...controlProps('admin-org-programme', labels['orgs.programmeHint'], errors.programme)} value={o.programme} onChange={(e) => chooseProgramme(e.currentTarget.value)}>
						<Options items={programmes} />
					</select>
				</Field>
				<Field id="admin-org-plan" label={labels['orgs.plan']} hint={hint} error={errors.plan}>
					<select {...controlProps('admin-org-plan', hint, errors.plan)} value={o.plan} onChange={(e) => set({ plan: e.currentTarget.value })}>
						<Options items={programme.plans} />
					</select>
				</Field>
				<Field id="admin-org-contract_start" label={labels['orgs.contractStart']} error={errors.contract_start}>
					<input
						type="date"
						{...controlProps('admin-org-contract_start', undefined, errors.contract_start)}
						value={o.contract_start}
						onInput={(e) => set({ contract_start: e.currentTarget.value })}
					/>
				</Field>
				<Field id="admin-org-contract_end" label={labels['orgs.contractEnd']} hint={labels['orgs.contractEndHint']} error={errors.contract_end}>
					<input
						type="date"
						{...controlProps('admin-org-contract_end', labels['orgs.contractEndHint'], errors.contract_end)}
						value={o.contract_end ?? ''}
						onInput={(e) => set({ contract_end: e.currentTarget.value || null })}
					/>
				</Field>
				<Field id="admin-org-timezone" label={labels['orgs.timezone']} hint={labels['orgs.timezoneHint']} error={errors.timezone}>
					<input
						{...controlProps('admin-org-timezone', labels['orgs.timezoneHint'], errors.timezone)}
						list="admin-org-timezones"
						autocomplete="off"
						spellcheck={false}
						value={o.timezone}
						onInput={(e) => set({ timezone: e.currentTarget.value })}
					/>
					<datalist id="admin-org-timezones">
						{zones.map((z) => (
							<option key={z} value={z} />
						))}
					</datalist>
				</Field>
				<Submit error={formError} busy={busy} text={labels['orgs.create']} busyText={labels['orgs.creating']} />
				<div role="status" class="admin-done">
					{created && (
						<p>
							{fill(labels['orgs.created'], { name: created.name })}{' '}
							<a href={`?seccion=organizaciones&organizacion=${created.id}`}>{fill(labels['orgs.manageLabel'], { name: created.name })}</a>
						</p>
					)}
				</div>
			</form>
		</section>
	);
}
