-- What only the local stack keeps (never in a hosted project): the mailbox behind /_mail.
create schema if not exists _stack;
revoke all on schema _stack from public;
create table if not exists _stack.mail (
	id bigserial primary key,
	sent_at timestamptz not null default now(),
	"to" text not null,
	subject text not null,
	text text not null default '',
	html text,
	-- what sent it: auth.magiclink, auth.signup, notify, ...
	kind text not null default 'other',
	data jsonb not null default '{}'
);
create index if not exists mail_to on _stack.mail (lower("to"), id desc);
