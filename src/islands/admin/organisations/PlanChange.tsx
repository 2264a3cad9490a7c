// Moving an organisation to another plan or programme (change_organisation_plan, admins), from a day:
// today applies at once, a later day when it comes (a cron job in the database). Open tickets keep
// the terms they were opened under unless "also apply to open tickets" is ticked — then they move to
// the new plan from now on (same programme only; the database refuses otherwise, next to the box).
// Below, the organisation's changes: applied, pending (which may be cancelled) or cancelled.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { ConfirmInPlace } from '../../shared/ConfirmInPlace.tsx';
import { Options } from '../../shared/Options.tsx';
import { messageFor } from '../errors.ts';
import { useFieldErrors } from '../use-field-errors.ts';
import { Field, FieldError, controlProps, describedBy } from '../Field.tsx';
import { Done, Submit } from '../FormEnd.tsx';
import { useList } from '../use-list.ts';
import { TablePanel } from '../TablePanel.tsx';
import type { AdminProps } from '../props.ts';
import { day, planName, programmeName, todayIn } from './format.ts';
import { cancelPlanChange, changePlan, listPlanChanges, type NewPlanChange, type Organisation, type PlanChange as Change } from './organisations-api.ts';

type FieldName = 'programme' | 'plan' | 'effective_from' | 'retarget_open';
const FIELD_OF: Record<string, FieldName> = {
	plan_not_found: 'plan',
	plan_unchanged: 'plan',
	programme_without_tickets: 'programme',
	invalid_effective_date: 'effective_from',
	retarget_other_programme: 'retarget_open',
};

interface Props {
	client: SupabaseClient;
	props: AdminProps;
	organisation: Organisation;
	onChanged: () => Promise<void>;
}

export function PlanChange({ client, props, organisation, onChanged }: Props) {
	const { labels, programmes } = props;
	const today = todayIn(organisation.timezone);
	const initial = programmes.find((p) => p.id === organisation.programme_id) ?? programmes[0];
	const [c, setC] = useState<NewPlanChange>({
		programme: initial?.id ?? '',
		plan: initial?.plans.find((p) => p.id !== organisation.plan_id)?.id ?? initial?.plans[0]?.id ?? '',
		effective_from: today,
		retarget_open: false,
	});
	const { form, errors, formError, setFormError, found, refused } = useFieldErrors<FieldName>('admin-change-', labels);
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState('');
	const history = useList<Change[]>(() => listPlanChanges(client, organisation.id), labels, [client, organisation.id]);
	const programme = programmes.find((p) => p.id === c.programme) ?? initial;
	const set = (patch: Partial<NewPlanChange>) => {
		setDone('');
		setC((x) => ({ ...x, ...patch }));
	};
	// The plan with its programme (changes may cross programmes), once when both share a name.
	const name = (programmeId: string, plan: string) => {
		const p = planName({ programme_id: programmeId, plan_id: plan }, props);
		const prog = programmeName(programmeId, props);
		return p === prog ? p : `${p} (${prog})`;
	};

	async function submit(e: Event) {
		e.preventDefault();
		setFormError('');
		setDone('');
		const problems: Partial<Record<FieldName, string>> = {};
		if (!c.effective_from || c.effective_from < today) problems.effective_from = labels['change.effectiveHint'];
		if (found(problems, ['programme', 'plan', 'effective_from', 'retarget_open'])) return;
		setBusy(true);
		const result = await changePlan(client, organisation.id, c);
		setBusy(false);
		if (!result.ok) return refused(result, FIELD_OF);
		const plan = name(result.data.to_programme_id, result.data.to_plan_id);
		await Promise.all([onChanged(), history.reload()]);
		setDone(
			result.data.applied_at
				? fill(labels['change.applied'], { name: organisation.name, plan })
				: fill(labels['change.scheduled'], { name: organisation.name, plan, date: day(result.data.effective_from, props.lang) }),
		);
	}

	const retargetId = 'admin-change-retarget_open';
	return (
		<>
			<section class="admin-panel" aria-labelledby="admin-change-heading">
				<h2 id="admin-change-heading">{labels['change.heading']}</h2>
				<p class="admin-hint">{labels['change.intro']}</p>
				<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
					<Field id="admin-change-programme" label={labels['change.programme']} error={errors.programme}>
						<select
							{...controlProps('admin-change-programme', undefined, errors.programme)}
							value={c.programme}
							onChange={(e) => {
								const next = programmes.find((p) => p.id === e.currentTarget.value);
								set({ programme: e.currentTarget.value, plan: next?.plans[0]?.id ?? '', retarget_open: next?.id === organisation.programme_id ? c.retarget_open : false });
							}}
						>
							<Options items={programmes} />
						</select>
					</Field>
					<Field id="admin-change-plan" label={labels['change.plan']} error={errors.plan}>
						<select {...controlProps('admin-change-plan', undefined, errors.plan)} value={c.plan} onChange={(e) => set({ plan: e.currentTarget.value })}>
							<Options items={programme?.plans ?? []} />
						</select>
					</Field>
					<Field id="admin-change-effective_from" label={labels['change.effective']} hint={labels['change.effectiveHint']} error={errors.effective_from}>
						<input
							type="date"
							min={today}
							{...controlProps('admin-change-effective_from', labels['change.effectiveHint'], errors.effective_from)}
							value={c.effective_from}
							onInput={(e) => set({ effective_from: e.currentTarget.value })}
						/>
					</Field>
					<div class="admin-field admin-check">
						<input
							type="checkbox"
							id={retargetId}
							checked={c.retarget_open}
							aria-invalid={errors.retarget_open ? true : undefined}
							aria-describedby={describedBy(retargetId, true, !!errors.retarget_open)}
							onChange={(e) => set({ retarget_open: e.currentTarget.checked })}
						/>
						<label for={retargetId}>{labels['change.retarget']}</label>
						<p id={`${retargetId}-hint`} class="admin-hint">
							{labels['change.retargetHint']}
						</p>
						<FieldError id={retargetId} text={errors.retarget_open} />
					</div>
					<Submit error={formError} busy={busy} text={labels['change.submit']} busyText={labels['change.submitting']} />
					<Done text={done} />
				</form>
			</section>
			{history.error && <p class="mostrador-error">{history.error}</p>}
			{history.rows && (
				<TablePanel
					id="admin-changes-heading"
					heading={labels['change.history']}
					empty={history.rows.length ? null : labels['change.none']}
					columns={[labels['change.colPlan'], labels['change.colFrom'], labels['change.colState']]}
				>
					{history.rows.map((x) => (
						<tr key={x.id}>
							<td>{fill(labels['change.fromTo'], { from: name(x.from_programme_id, x.from_plan_id), to: name(x.to_programme_id, x.to_plan_id) })}</td>
							<td>{day(x.effective_from, props.lang)}</td>
							<td>
								{x.applied_at ? (
									x.retarget_open ? fill(labels['change.stateAppliedTickets'], { n: x.retargeted_tickets ?? 0 }) : labels['change.stateApplied']
								) : x.cancelled_at ? (
									labels['change.stateCancelled']
								) : (
									<>
										{labels['change.statePending']}{' '}
										{x.failed_at && <span class="admin-hint">{fill(labels['change.stateFailed'], { reason: x.failure ?? '' })} </span>}
										<ConfirmInPlace
											id={`admin-change-cancel-${x.id}`}
											ask={labels['change.cancel']}
											askLabel={fill(labels['change.cancelOf'], { plan: name(x.to_programme_id, x.to_plan_id) })}
											question={fill(labels['change.cancelConfirm'], { plan: name(x.to_programme_id, x.to_plan_id) })}
											yes={labels['change.cancelYes']}
											no={labels['change.cancelNo']}
											onConfirm={async () => {
												const result = await cancelPlanChange(client, x.id);
												if (!result.ok) return messageFor(result, labels);
												await history.reload();
												setDone(labels['change.cancelled']);
												return null;
											}}
										/>
									</>
								)}
							</td>
						</tr>
					))}
				</TablePanel>
			)}
		</>
	);
}
