// The scheduler behind pg_cron and pg_net locally. Migrations declare jobs with cron.schedule(...)
// exactly as on a hosted project (the bootstrap's stand-in records them in cron.job); this runs each
// active job on its schedule as the database owner, logs it in cron.job_run_details, and sends the
// HTTP requests net.http_post queued once their transaction committed, storing the replies in
// net._http_response — the way pg_cron's background worker and pg_net's do.
// POST /_cron/tick (service role) or `npm run stack -- --tick` runs every active job once, now.
import type pg from 'pg';
import { json, type Service } from './http.ts';
import { identify } from './as-role.ts';
import { firesAt, parseSchedule } from './cron-expression.ts';
import type { HttpDelivery, JobRun, Scheduler, Stack, TickResult } from './stack-types.ts';

export type { HttpDelivery, JobRun, Scheduler, TickResult } from './stack-types.ts';

interface Job {
	jobid: number;
	jobname: string | null;
	schedule: string;
	command: string;
	username: string;
}

export function createScheduler(stack: Stack): Scheduler {
	const running = new Set<number>();
	let timer: NodeJS.Timeout | undefined;
	let lastSecond = 0;
	let delivering: Promise<HttpDelivery[]> | undefined;

	async function runJob(job: Job): Promise<JobRun> {
		running.add(job.jobid);
		let client: pg.PoolClient;
		let runid: number;
		try {
			client = await stack.admin.connect();
		} catch (e) {
			running.delete(job.jobid);
			throw e;
		}
		try {
			const { rows } = await client.query<{ runid: number }>(
				`insert into cron.job_run_details (jobid, job_pid, database, username, command, status, start_time) values ($1, pg_backend_pid(), current_database(), $2, $3, 'running', now()) returning runid`,
				[job.jobid, job.username, job.command],
			);
			runid = rows[0].runid;
		} catch (e) {
			client.release();
			running.delete(job.jobid);
			throw e;
		}
		let status: JobRun['status'] = 'succeeded';
		let message = '';
		try {
			await client.query('begin');
			// pg_cron runs the command as the role that scheduled it.
			if (job.username !== (await client.query('select current_user as u')).rows[0].u) await client.query(`set local role "${job.username.replaceAll('"', '""')}"`);
			const result = await client.query(job.command);
			await client.query('commit');
			const last = Array.isArray(result) ? result.at(-1) : result;
			message = `${last?.command ?? ''} ${last?.rowCount ?? ''}`.trim();
		} catch (e) {
			await client.query('rollback').catch(() => {});
			status = 'failed';
			message = (e as Error).message;
			stack.log(`cron job ${job.jobname ?? job.jobid} failed: ${message}`);
		} finally {
			await client.query(`update cron.job_run_details set status = $2, return_message = $3, end_time = now() where runid = $1`, [runid, status, message]).catch(() => {});
			client.release();
			running.delete(job.jobid);
		}
		return { jobid: job.jobid, jobname: job.jobname, status, message };
	}

	async function deliverOnce(): Promise<HttpDelivery[]> {
		const { rows } = await stack.admin.query<{ id: number; method: string; url: string; headers: Record<string, string>; body: Buffer | null; timeout_milliseconds: number }>(
			`delete from net.http_request_queue where id in (select id from net.http_request_queue order by id limit 100 for update skip locked) returning *`,
		);
		return Promise.all(
			rows.map(async (r): Promise<HttpDelivery> => {
				let status: number | null = null;
				let error: string | null = null;
				let content: string | null = null;
				let headers: Record<string, string> = {};
				let contentType: string | null = null;
				let timedOut = false;
				try {
					const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.method === 'GET' || !r.body ? undefined : new Uint8Array(r.body), signal: AbortSignal.timeout(r.timeout_milliseconds) });
					status = res.status;
					content = await res.text();
					headers = Object.fromEntries(res.headers);
					contentType = res.headers.get('content-type');
				} catch (e) {
					timedOut = (e as Error).name === 'TimeoutError';
					error = timedOut ? `Timeout of ${r.timeout_milliseconds} ms reached` : (e as Error).message;
				}
				await stack.admin.query(`insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg) values ($1, $2, $3, $4, $5, $6, $7)`, [r.id, status, contentType, headers, content, timedOut, error]);
				if (error || (status ?? 500) >= 400) stack.log(`net.http_${r.method.toLowerCase()} ${r.url} → ${error ?? status}`);
				return { id: Number(r.id), url: r.url, status, error };
			}),
		);
	}

	async function deliver(): Promise<HttpDelivery[]> {
		// One delivery loop at a time; a caller arriving meanwhile waits for it and then drains again.
		while (delivering) await delivering.catch(() => {});
		delivering = (async () => {
			const all: HttpDelivery[] = [];
			for (;;) {
				const batch = await deliverOnce();
				all.push(...batch);
				if (batch.length === 0) return all;
			}
		})();
		try {
			return await delivering;
		} finally {
			delivering = undefined;
		}
	}

	async function activeJobs(): Promise<Job[]> {
		const { rows } = await stack.admin.query<Job>('select jobid, jobname, schedule, command, username from cron.job where active order by jobid');
		return rows;
	}

	async function everySecond() {
		const now = new Date();
		const second = Math.floor(now.getTime() / 1000);
		if (second === lastSecond) return;
		lastSecond = second;
		try {
			for (const job of await activeJobs()) {
				if (running.has(job.jobid)) continue;
				let schedule;
				try {
					schedule = parseSchedule(job.schedule);
				} catch (e) {
					stack.log(`cron job ${job.jobname ?? job.jobid}: ${(e as Error).message}`);
					continue;
				}
				// Minute schedules fire in the first second of their minute.
				if (schedule.kind === 'cron' && now.getUTCSeconds() !== 0) continue;
				if (firesAt(schedule, now)) void runJob(job).then(() => deliver());
			}
			await deliver();
		} catch (e) {
			stack.log(`cron: ${(e as Error).message}`);
		}
	}

	const scheduler: Scheduler = {
		start() {
			timer ??= setInterval(() => void everySecond(), 250);
		},
		stop() {
			if (timer) clearInterval(timer);
			timer = undefined;
		},
		async tick() {
			const jobs: JobRun[] = [];
			for (const job of await activeJobs()) jobs.push(await runJob(job));
			return { jobs, requests: await deliver() };
		},
		deliver,
		service: {
			prefix: '/_cron',
			async handle(req, ctx) {
				let role = 'anon';
				try {
					role = (await identify(ctx.token, ctx.stack.config.jwtSecret)).role;
				} catch {}
				if (role !== 'service_role') return json({ message: 'The scheduler answers to the service role only' }, 403);
				if (req.method === 'POST' && ctx.path === '/tick') return json(await scheduler.tick());
				if (req.method === 'GET' && ctx.path === '/') return json(await activeJobs());
				return json({ message: 'Use POST /_cron/tick or GET /_cron' }, 404);
			},
		},
	};
	return scheduler;
}
