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
-- Added after the first stacks were built: this file runs on every start, so existing data folders
-- get the columns without a reset.
-- outbound: mail the stack "sent" (auth, functions); inbound: mail it received on its SMTP port.
alter table _stack.mail add column if not exists direction text not null default 'outbound' check (direction in ('outbound', 'inbound'));
-- The header fields as a mail client shows them ("From", "Reply-To", "Message-ID", …), one string each.
alter table _stack.mail add column if not exists headers jsonb not null default '{}';
-- The message exactly as it came over SMTP, byte for byte (inbound only; served at /_mail/<id>/raw).
alter table _stack.mail add column if not exists raw bytea;
create index if not exists mail_to on _stack.mail (lower("to"), id desc);
