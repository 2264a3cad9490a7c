// One problem (/agente/?problema=<id>): what it is, its linked tickets (recurring incidents), linking
// another ticket by its number, recording the known error with the knowledge-base article that
// documents it, and resolving it, which tells the requesters of linked tickets still open
// (resolve_problem queues a problem_resolved e-mail to each, once).
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RpcArgs, RpcName, SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentProps } from './props.ts';
import { loadProblem, slugOf, SLUG, ticketIdOf, type ProblemLoad } from './problems-data.ts';
import { call } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import ProblemBadge from './ProblemBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import KbSearch from './KbSearch.tsx';
import { shortDate } from './format.ts';
import { Loading } from '../shared/states.tsx';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props extends AgentProps {
	client: SupabaseClient;
	id: string;
	ticketHref: (number: number) => string;
	listHref: string;
}

export default function ProblemView({ client, id, labels, lang, searchKeys, kbLabel, ticketHref, listHref }: Props) {
	const [load, setLoad] = useState<ProblemLoad | null>(null);
	const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
	const [number, setNumber] = useState('');
	const [numberError, setNumberError] = useState<string | null>(null);
	const [slug, setSlug] = useState('');
	const [slugError, setSlugError] = useState<string | null>(null);
	const [notify, setNotify] = useState(true);
	const [busy, setBusy] = useState(false);

	const refresh = useCallback(async () => {
		const next = await loadProblem(client, id);
		setLoad(next);
		if (next.ok) setSlug((s) => s || next.data.problem.kb_article || '');
	}, [client, id]);
	useEffect(() => {
		refresh();
	}, [refresh]);

	async function run<F extends RpcName>(rpc: F, args: RpcArgs<F>, success: string) {
		setBusy(true);
		const result = await call(() => client.rpc(rpc, args));
		setBusy(false);
		if (!result.ok) {
			setNotice({ text: errorText(result, labels), error: true });
			return false;
		}
		setNotice({ text: success });
		await refresh();
		return true;
	}

	const back = (
		<p>
			<a href={listHref}>{labels.backToProblems}</a>
		</p>
	);
	if (!load)
		return <Loading text={labels.loadingProblems} />;
	if (!load.ok)
		return (
			<div>
				<p class="mostrador-error" role="alert">
					{load.notFound ? labels.errProblemNotFound : errorText(load, labels)}
				</p>
				{back}
			</div>
		);

	const { problem: p, tickets } = load.data;
	const open = tickets.filter((t) => t.status !== 'closed');
	const requesters = new Set(open.map((t) => t.requester_id)).size;

	async function link(e: Event) {
		e.preventDefault();
		const n = number.trim().replace(/^#/, '');
		if (!/^\d{1,12}$/.test(n)) return setNumberError(labels.ticketNumberInvalid);
		setNumberError(null);
		const found = await ticketIdOf(client, Number(n));
		if (!found.ok) return setNotice({ text: errorText(found, labels), error: true });
		if (!found.data) return setNumberError(labels.errTicketNotFound);
		if (await run('link_problem', { ticket: found.data, problem: p.id }, fill(labels.ticketLinked, { number: n }))) setNumber('');
	}

	function recordKnownError(e: Event) {
		e.preventDefault();
		const s = slug.trim().replace(/^\/+|\/+$/g, '');
		if (!SLUG.test(s)) return setSlugError(labels.slugInvalid);
		setSlugError(null);
		return run('record_known_error', { problem: p.id, kb_article: s }, labels.knownErrorRecorded);
	}

	return (
		<article class="agent-problem-view" aria-labelledby="agent-problem-title">
			{back}
			<h2 id="agent-problem-title">{fill(labels.problemPageHeading, { title: p.title })}</h2>
			<p class="agent-badges">
				<ProblemBadge status={p.status} labels={labels} /> <span class="agent-sub">{fill(labels.problemCreatedAt, { date: shortDate(p.created_at, lang) })}</span>
				{p.resolved_at && <span class="agent-sub"> · {fill(labels.problemResolvedAt, { date: shortDate(p.resolved_at, lang) })}</span>}
			</p>
			{notice && (
				<p class={notice.error ? 'mostrador-error' : 'mostrador-status agent-notice'} role={notice.error ? 'alert' : 'status'}>
					{notice.text}
				</p>
			)}
			{p.description && <p class="agent-pre">{p.description}</p>}
			{p.kb_article && (
				<p>
					{labels.kbArticle}: <a href={`${lang === 'en' ? '/en' : ''}/${p.kb_article}/`}>{`/${p.kb_article}/`}</a>
				</p>
			)}

			<section aria-labelledby="agent-linked-heading">
				<h3 id="agent-linked-heading">{fill(labels.linkedTickets, { n: tickets.length })}</h3>
				{tickets.length === 0 ? (
					<p class="agent-empty">{labels.noLinkedTickets}</p>
				) : (
					<div class="agent-table-wrap" tabIndex={0} role="group" aria-labelledby="agent-linked-heading">
						<table class="agent-table">
							<caption class="sr-only">{fill(labels.linkedTickets, { n: tickets.length })}</caption>
							<HeaderRow columns={[labels.colNumber, labels.colSubject, labels.fOrganisation, labels.requester, labels.colStatus]} />
							<tbody>
								{tickets.map((t) => (
									<tr key={t.id}>
										<td>{t.number}</td>
										<td>
											<a href={ticketHref(t.number)}>{t.subject}</a>
										</td>
										<td>{t.organisation_name}</td>
										<td>{t.requester_name}</td>
										<td>
											<StatusBadge status={t.status} labels={labels} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				{p.status !== 'resolved' && (
					<form class="agent-inline-form" onSubmit={link} noValidate>
						<label for="agent-link-number">{labels.linkTicketNumber}</label>
						<input
							id="agent-link-number"
							type="text"
							inputMode="numeric"
							value={number}
							onInput={(e) => setNumber(e.currentTarget.value)}
							aria-invalid={!!numberError}
							aria-describedby={numberError ? 'agent-link-number-error' : undefined}
						/>
						<button type="submit" class="mostrador-button agent-secondary" disabled={busy}>
							{labels.link}
						</button>
						{numberError && (
							<p id="agent-link-number-error" class="mostrador-error">
								{numberError}
							</p>
						)}
					</form>
				)}
			</section>

			{p.status !== 'resolved' && (
				<section aria-labelledby="agent-known-error-heading">
					<h3 id="agent-known-error-heading">{labels.knownErrorHeading}</h3>
					<form class="mostrador-form" onSubmit={recordKnownError} noValidate>
						<KbSearch
							labels={labels}
							keys={searchKeys}
							kbLabel={kbLabel}
							onlyKb
							idPrefix="agent-problem"
							label={labels.kbFind}
							pickText={labels.useArticle}
							pickLabel={labels.useArticleTitle}
							onPick={(a) => (setSlug(slugOf(a.url)), setSlugError(null))}
						/>
						<label for="agent-kb-slug">{labels.kbSlug}</label>
						<input
							id="agent-kb-slug"
							type="text"
							value={slug}
							onInput={(e) => setSlug(e.currentTarget.value)}
							aria-invalid={!!slugError}
							aria-describedby={slugError ? 'agent-kb-slug-hint agent-kb-slug-error' : 'agent-kb-slug-hint'}
						/>
						<p id="agent-kb-slug-hint" class="mostrador-status">
							{labels.kbSlugHint}
						</p>
						{slugError && (
							<p id="agent-kb-slug-error" class="mostrador-error">
								{slugError}
							</p>
						)}
						<button type="submit" class="mostrador-button" disabled={busy}>
							{labels.recordKnownError}
						</button>
					</form>
				</section>
			)}

			{p.status !== 'resolved' && (
				<section aria-labelledby="agent-resolve-heading">
					<h3 id="agent-resolve-heading">{labels.resolveProblemHeading}</h3>
					<form
						class="mostrador-form"
						noValidate
						onSubmit={(e) => {
							e.preventDefault();
							run('resolve_problem', { problem: p.id, notify }, notify ? fill(labels.problemResolvedNotified, { n: requesters }) : labels.problemResolvedDone);
						}}
					>
						<label class="agent-check">
							<input type="checkbox" checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} /> {fill(labels.notifyRequesters, { n: requesters })}
						</label>
						<button type="submit" class="mostrador-button" disabled={busy}>
							{labels.resolveProblem}
						</button>
					</form>
				</section>
			)}
		</article>
	);
}
