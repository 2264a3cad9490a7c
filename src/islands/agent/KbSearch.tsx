// Finds an article in the site's own search index (Pagefind, through src/lib/search.ts) and hands the
// chosen one to the caller: the composer inserts a link to it, the problem page records it as the
// known error's article. It lives inside other forms, so it is not a form itself: Enter in its field
// searches instead of sending the message.
import { useState } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import { search, type FilterKeys, type SearchHit } from '../../lib/search.ts';
import type { AgentLabels } from './labels.ts';

export interface Article {
	title: string;
	/** Site path, e.g. /base-de-conocimiento/indice-desactualizado/ */
	url: string;
}

interface Props {
	labels: AgentLabels;
	keys: FilterKeys;
	kbLabel: string;
	/** Only knowledge-base articles. */
	onlyKb?: boolean;
	idPrefix: string;
	label: string;
	/** The pick button's text, and its full name with {title} (which starts with that text). */
	pickText: string;
	pickLabel: string;
	onPick: (article: Article) => void;
}

export default function KbSearch({ labels, keys, kbLabel, onlyKb, idPrefix, label, pickText, pickLabel, onPick }: Props) {
	const [query, setQuery] = useState('');
	const [hits, setHits] = useState<SearchHit[] | null>(null);
	const [state, setState] = useState<'idle' | 'searching' | 'failed'>('idle');

	async function run() {
		const q = query.trim();
		if (q.length < 2) return;
		setState('searching');
		try {
			const found = await search(q, { limit: 8, keys, filters: onlyKb ? { type: [kbLabel] } : {} });
			setHits(found.hits);
			setState('idle');
		} catch {
			setHits(null);
			setState('failed');
		}
	}

	const inputId = `${idPrefix}-kb-query`;
	return (
		<div class="agent-kb" role="search" aria-label={label}>
			<label for={inputId}>{label}</label>
			<div class="agent-inline">
				<input
					id={inputId}
					type="search"
					value={query}
					onInput={(e) => setQuery(e.currentTarget.value)}
					onKeyDown={(e) => {
						if (e.key === 'Enter') {
							e.preventDefault();
							run();
						}
					}}
				/>
				<button type="button" class="mostrador-button agent-secondary" onClick={run} disabled={state === 'searching'}>
					{labels.kbSearch}
				</button>
			</div>
			<div aria-live="polite">
				{state === 'searching' && <p class="mostrador-status">{labels.kbSearching}</p>}
				{state === 'failed' && <p class="mostrador-error">{labels.kbFailed}</p>}
				{state === 'idle' && hits !== null && hits.length === 0 && <p class="mostrador-status">{labels.kbNone}</p>}
			</div>
			{hits !== null && hits.length > 0 && (
				<ul class="agent-kb-results">
					{hits.map((h) => (
						<li key={h.url}>
							<a href={h.url} target="_blank" rel="noopener">
								{h.title}
							</a>{' '}
							<button type="button" class="mostrador-link" aria-label={fill(pickLabel, { title: h.title })} onClick={() => onPick({ title: h.title, url: h.url })}>
								{pickText}
							</button>
						</li>
					))}
				</ul>
			)}
		</div>
	);
}
