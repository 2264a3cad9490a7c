// An organisation's contract and go-live (set_organisation_dates, admins): the first and last day of
// the contract (a renewal is a later last day; none: open-ended) and go-live, from which a plan
// included for some months counts. The database refuses what does not fit, next to its field.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { useFieldErrors } from '../use-field-errors.ts';
import { Field, controlProps } from '../Field.tsx';
import { Done, Submit } from '../FormEnd.tsx';
import type { AdminProps } from '../props.ts';
import { setDates, type Organisation, type OrganisationDates } from './organisations-api.ts';

type FieldName = 'contract_start' | 'contract_end' | 'go_live';
const FIELD_OF: Record<string, FieldName> = {
	contract_start_required: 'contract_start',
	invalid_contract_dates: 'contract_end',
	invalid_go_live: 'go_live',
};

export function DatesForm({ client, props, organisation, onSaved }: { client: SupabaseClient; props: AdminProps; organisation: Organisation; onSaved: () => Promise<void> }) {
	const { labels } = props;
	const [d, setD] = useState<OrganisationDates>({ contract_start: organisation.contract_start, contract_end: organisation.contract_end, go_live: organisation.go_live ?? null });
	const { form, errors, formError, setFormError, found, refused } = useFieldErrors<FieldName>('admin-dates-', labels);
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState('');
	const set = (patch: Partial<OrganisationDates>) => {
		setDone('');
		setD((x) => ({ ...x, ...patch }));
	};

	async function submit(e: Event) {
		e.preventDefault();
		setFormError('');
		setDone('');
		const problems: Partial<Record<FieldName, string>> = {};
		if (!d.contract_start) problems.contract_start = labels['error.contract_start_required'];
		else if (d.contract_end && d.contract_end < d.contract_start) problems.contract_end = labels['error.invalid_contract_dates'];
		if (found(problems, ['contract_start', 'contract_end', 'go_live'])) return;
		setBusy(true);
		const result = await setDates(client, organisation.id, d);
		setBusy(false);
		if (!result.ok) return refused(result, FIELD_OF);
		await onSaved();
		setDone(labels['dates.saved']);
	}

	const date = (field: FieldName, label: string, hint?: string) => (
		<Field id={`admin-dates-${field}`} label={label} hint={hint} error={errors[field]}>
			<input type="date" {...controlProps(`admin-dates-${field}`, hint, errors[field])} value={d[field] ?? ''} onInput={(e) => set({ [field]: e.currentTarget.value || (field === 'contract_start' ? '' : null) } as Partial<OrganisationDates>)} />
		</Field>
	);

	return (
		<section class="admin-panel" aria-labelledby="admin-dates-heading">
			<h2 id="admin-dates-heading">{labels['dates.heading']}</h2>
			<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
				{date('contract_start', labels['orgs.contractStart'])}
				{date('contract_end', labels['orgs.contractEnd'], labels['dates.endHint'])}
				{date('go_live', labels['orgs.goLive'], labels['orgs.goLiveHint'])}
				<Submit error={formError} busy={busy} text={labels['dates.save']} busyText={labels['dates.saving']} />
				<Done text={done} />
			</form>
		</section>
	);
}
