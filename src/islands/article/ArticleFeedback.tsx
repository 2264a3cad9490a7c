// "¿Te ayudó este artículo?": Sí records the vote at once; No first asks, optionally, what was missing.
// Afterwards the reader is thanked with how many readers the article helped. Nothing talks to the
// backend until the reader answers (see feedback-api.ts), and a backend that cannot be reached is
// said plainly next to the buttons. An answer given before the island hydrated is kept and sent once
// it runs (use-early-click.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import type { Failure } from '../shared/backend.ts';
import { useEarlyClick } from '../shared/use-early-click.ts';
import { alreadyVoted, vote, type Summary } from './feedback-api.ts';
import type { FeedbackLabels } from './labels.ts';

const MAX_REASON = 500;

type Step = { name: 'ask' } | { name: 'reason' } | { name: 'done'; summary: Summary | null } | { name: 'already' };

/** A failure in words; the kit's words (and its error catalogue) load only when there is one. */
async function messageFor(failure: Failure, labels: FeedbackLabels): Promise<string> {
	try {
		const { failureText } = await import('../shared/backend.ts');
		return failureText(failure, labels, (code) => (code === 'rate_limited' ? labels.rateLimited : undefined));
	} catch {
		return labels.unavailable;
	}
}

export default function ArticleFeedback({ article, labels }: { article: string; labels: FeedbackLabels }) {
	const [step, setStep] = useState<Step>({ name: 'ask' });
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<{ field: 'reason' | 'form'; text: string } | null>(null);
	const reasonField = useRef<HTMLTextAreaElement>(null);
	const done = useRef<HTMLParagraphElement>(null);
	const ask = useRef<HTMLDivElement>(null);
	useEarlyClick(ask, (answer) => {
		if (alreadyVoted(article)) return;
		if (answer === 'yes') send(true);
		if (answer === 'no') setStep({ name: 'reason' });
	});

	useEffect(() => {
		if (alreadyVoted(article)) setStep({ name: 'already' });
	}, [article]);
	useEffect(() => {
		if (step.name === 'reason') reasonField.current?.focus();
		if (step.name === 'done') done.current?.focus();
	}, [step.name]);

	async function send(helpful: boolean, reason = '') {
		if (reason.length > MAX_REASON) return setError({ field: 'reason', text: labels.reasonTooLong });
		setBusy(true);
		setError(null);
		const result = await vote(article, helpful, reason);
		setBusy(false);
		if (result.ok) setStep({ name: 'done', summary: result.summary });
		else setError({ field: 'form', text: await messageFor(result, labels) });
	}

	const formError = error?.field === 'form' && (
		<p class="mostrador-error" role="alert">
			{error.text}
		</p>
	);

	if (step.name === 'already') return <p class="mostrador-status">{labels.already}</p>;
	if (step.name === 'done')
		return (
			<div class="mostrador-feedback-done" aria-live="polite">
				<p ref={done} tabIndex={-1}>
					{labels.thanks}
				</p>
				{step.summary && step.summary.total > 0 && <p class="mostrador-status">{fill(labels.summary, { helpful: step.summary.helpful, total: step.summary.total })}</p>}
			</div>
		);
	if (step.name === 'reason')
		return (
			<form
				class="mostrador-form"
				noValidate
				onSubmit={(e) => {
					e.preventDefault();
					send(false, String(new FormData(e.currentTarget).get('reason') ?? '').trim());
				}}
			>
				<label for="mostrador-feedback-reason">{labels.reason}</label>
				<p id="mostrador-feedback-reason-hint" class="mostrador-status">
					{labels.reasonHint}
				</p>
				<textarea
					id="mostrador-feedback-reason"
					name="reason"
					rows={3}
					ref={reasonField}
					aria-invalid={error?.field === 'reason'}
					aria-describedby={error?.field === 'reason' ? 'mostrador-feedback-reason-error mostrador-feedback-reason-hint' : 'mostrador-feedback-reason-hint'}
				/>
				{error?.field === 'reason' && (
					<p id="mostrador-feedback-reason-error" class="mostrador-error">
						{error.text}
					</p>
				)}
				<div class="mostrador-actions">
					<button type="submit" class="mostrador-button" disabled={busy}>
						{busy ? labels.sending : labels.send}
					</button>
					<button type="button" class="mostrador-link" onClick={() => (setError(null), setStep({ name: 'ask' }))}>
						{labels.cancel}
					</button>
				</div>
				{formError}
			</form>
		);
	return (
		<div class="mostrador-feedback-ask" ref={ask}>
			<div role="group" aria-labelledby="mostrador-feedback-question" class="mostrador-actions">
				<p id="mostrador-feedback-question">{labels.question}</p>
				<button type="button" class="mostrador-button" disabled={busy} data-early-click="yes" onClick={() => send(true)}>
					{labels.yes}
				</button>
				<button type="button" class="mostrador-button" disabled={busy} data-early-click="no" onClick={() => (setError(null), setStep({ name: 'reason' }))}>
					{labels.no}
				</button>
			</div>
			{busy && <p class="mostrador-status">{labels.sending}</p>}
			{formError}
		</div>
	);
}
