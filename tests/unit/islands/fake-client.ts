// A tiny stand-in for the supabase-js query builder, for the islands' modules that take a client:
// every builder method (select, eq, order, …) is recorded and returns the builder, and awaiting it
// gives the answer the test chose. Only the client's interface is faked; our own modules run as they are.
export interface Call {
	method: string;
	args: unknown[];
}

export type Answer = { data?: unknown; error?: { message?: string; code?: string } | null; status?: number; count?: number | null };

export function fakeQuery(answer: Answer | ((calls: Call[]) => Answer), calls: Call[] = []): any {
	const result = () => {
		const a = typeof answer === 'function' ? answer(calls) : answer;
		return { data: a.data ?? null, error: a.error ?? null, status: a.status ?? (a.error ? 400 : 200), count: a.count ?? null };
	};
	const builder: any = new Proxy(
		{},
		{
			get(_target, prop) {
				if (prop === 'then') return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) => Promise.resolve().then(result).then(resolve, reject);
				return (...args: unknown[]) => {
					calls.push({ method: String(prop), args });
					return builder;
				};
			},
		},
	);
	return builder;
}

/** A client whose from(table) and rpc(name) answer per table or function name. */
export function fakeClient(answers: { from?: Record<string, Answer | ((calls: Call[]) => Answer)>; rpc?: Record<string, Answer> }) {
	const calls: Record<string, Call[][]> = {};
	const track = (key: string) => {
		const list: Call[] = [];
		(calls[key] ??= []).push(list);
		return list;
	};
	const client: any = {
		from(table: string) {
			const answer = answers.from?.[table];
			if (!answer) throw new Error(`unexpected table ${table}`);
			return fakeQuery(answer, track(`from:${table}`));
		},
		rpc(name: string, args: unknown) {
			const answer = answers.rpc?.[name];
			if (!answer) throw new Error(`unexpected rpc ${name}`);
			const list = track(`rpc:${name}`);
			list.push({ method: 'rpc', args: [name, args] });
			return fakeQuery(answer, list);
		},
	};
	return { client, calls };
}

/** Every label as its own key, so a test sees which label was chosen. */
export const keyLabels = <K extends string>(keys: readonly K[]): Record<K, string> => Object.fromEntries(keys.map((k) => [k, `«${k}»`])) as Record<K, string>;

/** Intl puts no-break and narrow no-break spaces in dates and numbers; tests compare plain spaces. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
