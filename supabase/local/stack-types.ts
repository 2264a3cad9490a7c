// The shapes the stack's parts share, in a types-only module: the running stack, the request context
// the gateway hands each service, the mailbox and the scheduler. stack.ts builds a Stack out of the
// services and the services take one, so these live here rather than in the modules that implement
// them, and nothing imports back into stack.ts. mail.ts, cron.ts, http.ts and stack.ts re-export them.
import type pg from 'pg';
import type { StackConfig } from './config.ts';

export interface Stack {
	config: StackConfig;
	/** Connections as `authenticator`: each request switches to anon, authenticated or service_role. */
	api: pg.Pool;
	/** Superuser connections, for what the real services do as their admin roles (GoTrue's own tables, Storage's bucket lookups). */
	admin: pg.Pool;
	mail: Mailbox;
	cron: Scheduler;
	log(line: string): void;
	/** Connection string of the database (superuser). */
	dbUrl: string;
	stop(): Promise<void>;
}

export interface Ctx {
	stack: Stack;
	url: URL;
	/** Path after the service prefix, always starting with '/': '/tickets', '/object/sign/a/b.png'. */
	path: string;
	/**
	 * The bearer token after the gateway's key mapping (the CLI's Kong rule): the caller's
	 * Authorization if present and not an opaque sb_ key, else the JWT behind the apikey. Unverified.
	 */
	token?: string;
	/** The caller's address (per-IP rate limits). */
	ip: string;
}

export interface Service {
	/** e.g. '/rest/v1' */
	prefix: string;
	handle(req: Request, ctx: Ctx): Promise<Response>;
	/** Releases what the service holds (workers, timers) when the stack stops. */
	stop?(): Promise<void>;
}

export interface Mail {
	id: number;
	sent_at: string;
	/** outbound: the stack "sent" it (auth, functions); inbound: it came in on the stack's SMTP port. */
	direction: 'outbound' | 'inbound';
	to: string;
	subject: string;
	text: string;
	html: string | null;
	kind: string;
	data: Record<string, unknown>;
	/** Header fields as a mail client shows them, e.g. { From, To, "Reply-To", "Message-ID", References }. */
	headers: Record<string, string>;
	/** Inbound only: whether the raw message is kept (GET /_mail/<id>/raw serves it). */
	has_raw: boolean;
}

export interface MailInput {
	to: string;
	subject: string;
	text: string;
	html?: string;
	kind?: string;
	data?: Record<string, unknown>;
	/** Header fields the sender set; From, To, Subject, Date and Message-ID are filled in when missing. */
	headers?: Record<string, string>;
	direction?: 'outbound' | 'inbound';
	/** The message as received (inbound). */
	raw?: Buffer;
}

export interface Mailbox {
	send(mail: MailInput): Promise<Mail>;
	list(filter?: { to?: string; limit?: number }): Promise<Mail[]>;
	get(id: number): Promise<Mail | undefined>;
	/** The raw source of an inbound mail. */
	raw(id: number): Promise<Buffer | undefined>;
	clear(): Promise<void>;
}

export interface JobRun {
	jobid: number;
	jobname: string | null;
	status: 'succeeded' | 'failed';
	message: string;
}

export interface HttpDelivery {
	id: number;
	url: string;
	status: number | null;
	error: string | null;
}

export interface TickResult {
	jobs: JobRun[];
	requests: HttpDelivery[];
}

export interface Scheduler {
	service: Service;
	start(): void;
	stop(): void;
	/** Runs every active job once, then delivers every queued HTTP request. */
	tick(): Promise<TickResult>;
	/** Sends what net.http_post queued; resolves when the replies are stored. */
	deliver(): Promise<HttpDelivery[]>;
}
