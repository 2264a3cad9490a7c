// A section's list, read when the section opens and again after each change: the rows (null until the
// first answer), and the failure said in the page's words (''; a failed reload keeps the rows shown).
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Result } from '../shared/backend.ts';
import { messageFor } from './errors.ts';
import type { AdminProps } from './props.ts';

export function useList<T>(read: () => Promise<Result<T>>, labels: AdminProps['labels'], inputs: readonly unknown[]): { rows: T | null; error: string; reload: () => Promise<void> } {
	const [rows, setRows] = useState<T | null>(null);
	const [error, setError] = useState('');

	const reload = useCallback(async () => {
		const result = await read();
		if (!result.ok) return setError(messageFor(result, labels));
		setError('');
		setRows(() => result.data);
	}, [...inputs, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);
	return { rows, error, reload };
}
