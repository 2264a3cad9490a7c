// "¿Alguno de estos artículos lo resuelve?": knowledge-base articles from the static Pagefind index
// that match what the customer is typing (debounced), each with "Sí, lo resolvió", which records the
// deflection. Pagefind's excerpts are HTML with <mark> around matches; they are rebuilt here as text
// and <mark> elements, never injected as HTML.
import { useEffect, useState } from 'preact/hooks';
import { suggestKnownProblems, type SearchHit } from '../../lib/search.ts';
import type { TicketFormLabels } from './labels.ts';
import type { SuggestConfig } from './types.ts';

const DEBOUNCE_MS = 400;

/** What to search for: the subject, or while it is still short, the start of the description. */
export function suggestionQuery(subject: string, description: string): string {
	const s = subject.trim();
	if (s.length >= 3) return s;
	return description.trim().split(/\s+/).slice(0, 8).join(' ');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
		if (e[0] === '#') {
			const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : m;
		}
		return ENTITIES[e.toLowerCase()] ?? m;
	});
}

/** Pagefind's excerpt as text runs, marked where it matched; any other tag is dropped. */
export function excerptRuns(html: string): { text: string; mark: boolean }[] {
	return html
		.split(/(<mark>[\s\S]*?<\/mark>)/g)
		.filter(Boolean)
		.map((part) => {
			const mark = part.startsWith('<mark>');
			return { text: decode(part.replace(/<[^>]*>/g, '')), mark };
		});
}

/** The article's slug (its path without the site base and slashes), as comments and votes name articles. */
export function slugOf(url: string, base: string): string | null {
	let path: string;
	try {
		path = decodeURI(new URL(url, 'http://x').pathname);
	} catch {
		return null;
	}
	const root = base.endsWith('/') ? base : `${base}/`;
	if (path.startsWith(root)) path = path.slice(root.length);
	const slug = path.replace(/^\/+|\/+$/g, '');
	return /^[a-z0-9/-]+$/.test(slug) ? slug : null;
}

export interface SuggestionsProps {
	subject: string;
	description: string;
	/** The product's name as the index's product filter holds it; undefined for any product. */
	productName?: string;
	config: SuggestConfig;
	labels: TicketFormLabels;
	headingLevel: 2 | 3 | 4;
	idPrefix: string;
	onSolved(hit: { slug: string; title: string }, query: string): void;
	/** The articles offered for `query` (none: the subject matched nothing). */
	onShown?(query: string, slugs: string[]): void;
}

export function Suggestions({ subject, description, productName, config, labels, headingLevel, idPrefix, onSolved, onShown }: SuggestionsProps) {
	const [hits, setHits] = useState<SearchHit[]>([]);
	const [query, setQuery] = useState('');
	const text = suggestionQuery(subject, description);

	useEffect(() => {
		let live = true;
		if (text.length < 3) {
			setHits([]);
			return;
		}
		const timer = setTimeout(() => {
			suggestKnownProblems(text, { kbLabel: config.kbLabel, product: productName, keys: config.keys, base: config.base, limit: 4 })
				.then((found) => {
					if (!live) return;
					setHits(found);
					setQuery(text);
					onShown?.(text, found.map((h) => slugOf(h.url, config.base)).filter((s): s is string => !!s));
				})
				// Without the index (offline, or a build without search) the form simply has no suggestions.
				.catch(() => live && setHits([]));
		}, DEBOUNCE_MS);
		return () => {
			live = false;
			clearTimeout(timer);
		};
	}, [text, productName]);

	const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
	const headingId = `${idPrefix}-suggestions`;
	return (
		<section class="ticket-form-suggestions" aria-labelledby={hits.length ? headingId : undefined}>
			{/* Announced once when suggestions appear, rather than the whole list on every keystroke. */}
			<p class="sr-only" role="status">
				{hits.length ? labels.suggestionsTitle : ''}
			</p>
			{hits.length > 0 && (
				<>
					<Heading id={headingId}>{labels.suggestionsTitle}</Heading>
					<p class="ticket-form-hint">{labels.suggestionsHint}</p>
					<ul>
						{hits.map((hit, i) => {
							const slug = slugOf(hit.url, config.base);
							const titleId = `${idPrefix}-suggestion-${i}`;
							return (
								<li key={hit.url}>
									<a id={titleId} href={hit.url}>
										{hit.title}
									</a>
									<p class="ticket-form-excerpt">{excerptRuns(hit.excerpt).map((r, j) => (r.mark ? <mark key={j}>{r.text}</mark> : r.text))}</p>
									{slug && (
										<button type="button" class="mostrador-button ticket-form-solved" aria-describedby={titleId} onClick={() => onSolved({ slug, title: hit.title }, query)}>
											{labels.solved}
										</button>
									)}
								</li>
							);
						})}
					</ul>
				</>
			)}
		</section>
	);
}
