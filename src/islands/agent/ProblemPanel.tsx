// The ticket's problem: the one it is linked to (with a way to unlink), or linking it to an open
// problem, or opening a new problem from it (create_problem_for_ticket links it in the same step).
import { useState } from 'preact/hooks';
import { SQL_NULL, type RpcArgs, type RpcName, type SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { QueueTicket } from './ticket-types.ts';
import type { Problem } from './workspace-data.ts';
import { call } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import ProblemBadge from './ProblemBadge.tsx';

interface Props {
	client: SupabaseClient;
	ticket: QueueTicket;
	problem: Problem | null;
	openProblems: Problem[];
	problemHref: (id: string) => string;
	labels: AgentLabels;
	onDone: (message: string, error?: boolean) => void;
}

export default function ProblemPanel({ client, ticket, problem, openProblems, problemHref, labels, onDone }: Props) {
	const [chosen, setChosen] = useState(openProblems[0]?.id ?? '');
	const [title, setTitle] = useState(ticket.subject);
	const [description, setDescription] = useState('');
	const [titleError, setTitleError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	async function run<F extends RpcName>(rpc: F, args: RpcArgs<F>, success: (data: unknown) => string) {
		setBusy(true);
		const result = await call(() => client.rpc(rpc, args));
		setBusy(false);
		if (!result.ok) return onDone(errorText(result, labels), true);
		onDone(success(result.data));
	}

	function create(e: Event) {
		e.preventDefault();
		const t = title.trim();
		if (t.length < 3 || t.length > 200) return setTitleError(labels.errProblemTitle);
		setTitleError(null);
		return run('create_problem_for_ticket', { ticket: ticket.id, title: t, description: description.trim() }, () => fill(labels.problemCreated, { title: t }));
	}

	return (
		<section class="agent-panel agent-problem-panel" aria-labelledby="agent-problem-heading">
			<h3 id="agent-problem-heading">{labels.problemHeading}</h3>
			{problem ? (
				<>
					<p>
						{labels.linkedTo} <a href={problemHref(problem.id)}>{problem.title}</a> <ProblemBadge status={problem.status} labels={labels} />
					</p>
					{ticket.status !== 'closed' && (
						<button type="button" class="mostrador-link" disabled={busy} onClick={() => run('link_problem', { ticket: ticket.id, problem: SQL_NULL }, () => labels.unlinked)}>
							{labels.unlink}
						</button>
					)}
				</>
			) : (
				<>
					{openProblems.length > 0 && (
						<form
							class="agent-inline-form"
							noValidate
							onSubmit={(e) => {
								e.preventDefault();
								const p = openProblems.find((x) => x.id === chosen);
								if (p) run('link_problem', { ticket: ticket.id, problem: p.id }, () => fill(labels.linkedDone, { title: p.title }));
							}}
						>
							<label for="agent-link-problem">{labels.linkExisting}</label>
							<select id="agent-link-problem" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
								{openProblems.map((p) => (
									<option key={p.id} value={p.id}>
										{p.title}
									</option>
								))}
							</select>
							<button type="submit" class="mostrador-button agent-secondary" disabled={busy}>
								{labels.link}
							</button>
						</form>
					)}
					<details class="agent-create-problem">
						<summary>{labels.createProblem}</summary>
						<form class="mostrador-form" onSubmit={create} noValidate>
							<label for="agent-problem-title">{labels.problemTitle}</label>
							<input
								id="agent-problem-title"
								type="text"
								value={title}
								maxLength={200}
								onInput={(e) => setTitle(e.currentTarget.value)}
								aria-invalid={!!titleError}
								aria-describedby={titleError ? 'agent-problem-title-error' : undefined}
							/>
							{titleError && (
								<p id="agent-problem-title-error" class="mostrador-error">
									{titleError}
								</p>
							)}
							<label for="agent-problem-description">{labels.problemDescription}</label>
							<textarea id="agent-problem-description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
							<button type="submit" class="mostrador-button" disabled={busy}>
								{labels.createProblemSubmit}
							</button>
						</form>
					</details>
				</>
			)}
		</section>
	);
}
