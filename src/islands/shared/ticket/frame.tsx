// The frame both ticket pages share (the agent's workspace and the customer's ticket page): the ticket
// read again every so often while the tab is visible, a failed background read keeping what is on
// screen; the loading line, the not-found and unavailable states, each with the way back; and the
// document title naming the ticket once it is loaded.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Failure } from '../backend.ts';
import { Loading, Unavailable } from '../states.tsx';

export type TicketRead = { ok: true } | { ok: false; notFound: true } | (Failure & { notFound: false });

export function usePolledTicket<L extends TicketRead>(read: () => Promise<L>, inputs: readonly unknown[], everyMs: number): [L | null, () => Promise<void>] {
	const [load, setLoad] = useState<L | null>(null);
	const refresh = useCallback(async () => {
		const next = await read();
		// A failed background refresh keeps what is on screen.
		setLoad((current) => (!next.ok && !next.notFound && current?.ok ? current : next));
	}, inputs);

	useEffect(() => {
		refresh();
		const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), everyMs);
		return () => clearInterval(timer);
	}, [refresh]);
	return [load, refresh];
}

/** "<title> | <site>" once the title is known. */
export function useTicketTitle(title: string | null) {
	useEffect(() => {
		if (title !== null) document.title = `${title} | ${document.title.split(' | ').at(-1)}`;
	}, [title]);
}

/** The way back to the list the ticket came from. */
export function BackLink({ href, text }: { href: string; text: string }) {
	return (
		<p>
			<a href={href}>{text}</a>
		</p>
	);
}

interface StateProps {
	load: Exclude<TicketRead, { ok: true }> | null;
	loading: string;
	notFound: string;
	notFoundClass?: string;
	failure: (f: Failure) => string;
	retry: string;
	onRetry: () => void;
	back: ComponentChildren;
}

/** What the page shows until the ticket is loaded: loading, not found, or unavailable with a retry. */
export function TicketLoadState({ load, loading, notFound, notFoundClass, failure, retry, onRetry, back }: StateProps) {
	if (!load) return <Loading text={loading} />;
	if (load.notFound)
		return (
			<div class={notFoundClass}>
				<Unavailable text={notFound} />
				{back}
			</div>
		);
	return (
		<div>
			<Unavailable text={failure(load)} retry={retry} onRetry={onRetry} />
			{back}
		</div>
	);
}
