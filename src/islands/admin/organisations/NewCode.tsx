// An invitation code just issued: shown this once (only its hash is stored), with a button that
// copies it. Focus moves here so the person notices it before moving on.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminProps } from '../props.ts';
import { Done } from '../FormEnd.tsx';

export function NewCode({ code, props, onDone }: { code: string; props: AdminProps; onDone: () => void }) {
	const { labels } = props;
	const [copied, setCopied] = useState('');
	const box = useRef<HTMLDivElement>(null);
	const text = useRef<HTMLElement>(null);
	useEffect(() => box.current?.focus(), [code]);

	async function copy() {
		try {
			await navigator.clipboard.writeText(code);
			setCopied(labels['invites.copied']);
		} catch {
			// No clipboard access (permissions, an insecure origin): select the code for Ctrl+C.
			const range = document.createRange();
			if (text.current) range.selectNodeContents(text.current);
			getSelection()?.removeAllRanges();
			getSelection()?.addRange(range);
			setCopied(labels['invites.copyManually']);
		}
	}

	return (
		<div ref={box} class="admin-code" tabIndex={-1} role="group" aria-labelledby="admin-code-label">
			<p id="admin-code-label">{labels['invites.codeLabel']}</p>
			<p>
				<code ref={text} class="admin-code-value" data-testid="invitation-code">
					{code}
				</code>
			</p>
			<p class="admin-hint">{labels['invites.codeOnce']}</p>
			<button type="button" class="mostrador-button" onClick={copy}>
				{labels['invites.copy']}
			</button>{' '}
			<button type="button" class="mostrador-link" onClick={onDone}>
				{labels['invites.done']}
			</button>
			<Done text={copied} />
		</div>
	);
}
