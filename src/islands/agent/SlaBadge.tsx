// A ticket's SLA in the queue and the workspace: a badge that says its state in words (colour is never
// the only signal) and the live countdown to the nearest deadline, with the exact time on hover and
// for assistive technology in the <time> element.
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { Deadline, DeadlineKind, SlaState } from './deadlines.ts';
import { duration, shortDate } from './format.ts';

export function deadlineName(kind: DeadlineKind, labels: AgentLabels): string {
	return { first_response: labels.dlFirstResponse, update: labels.dlUpdate, escalation: labels.dlEscalation, resolution: labels.dlResolution }[kind];
}

export function stateLabel(state: SlaState, labels: AgentLabels): string {
	return { breached: labels.slaBreached, at_risk: labels.slaAtRisk, on_time: labels.slaOnTime, paused: labels.slaPaused, stopped: labels.slaStopped, none: labels.slaNone }[state.kind];
}

export function Countdown({ deadline, now, labels, lang }: { deadline: Deadline; now: number; labels: AgentLabels; lang: 'es' | 'en' }) {
	const left = deadline.at - now;
	const text = fill(left > 0 ? labels.dueIn : labels.dueAgo, { time: duration(left) });
	const exact = shortDate(deadline.at, lang);
	return (
		<span class="agent-countdown">
			{deadlineName(deadline.kind, labels)}:{' '}
			<time dateTime={new Date(deadline.at).toISOString()} title={exact}>
				{text}
			</time>
		</span>
	);
}

export default function SlaBadge({ state, now, labels, lang }: { state: SlaState; now: number; labels: AgentLabels; lang: 'es' | 'en' }) {
	return (
		<span class="agent-sla">
			<span class={`mostrador-badge agent-sla-badge agent-sla--${state.kind}`}>{stateLabel(state, labels)}</span>
			{(state.kind === 'breached' || state.kind === 'at_risk' || state.kind === 'on_time') && state.deadline && (
				<>
					{' '}
					<Countdown deadline={state.deadline} now={now} labels={labels} lang={lang} />
				</>
			)}
			{state.kind === 'paused' && state.since !== null && (
				<>
					{' '}
					<span class="agent-countdown">{fill(labels.pausedSince, { date: shortDate(state.since, lang) })}</span>
				</>
			)}
		</span>
	);
}
