-- Replies with attachments, for the ticket page (src/islands/tickets). reply_to_ticket takes only
-- text and customers may not write ticket_attachments, so a reply that carries files goes through
-- reply_with_attachments: the island first uploads each file to the private `attachments` bucket under
-- <organisation id>/<ticket id>/…, then calls this, which writes the reply (through reply_to_ticket,
-- so the status machine, SLA flags and notifications stay in one place) and links the files to it, in
-- one transaction. The files are linked by private.attach_files (the tickets migration), as for the
-- ticket form and the agent's reply: a file is accepted only when its object exists, was uploaded by
-- the caller, lies directly in this ticket's public folder, and keeps to the bucket's size and type
-- limits; the size and type stored are the ones Storage recorded, not what the browser claims.

create function public.reply_with_attachments(ticket uuid, body text, attachments jsonb default '[]')
returns public.ticket_messages
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets := private.ticket_for_update(ticket);
	m public.ticket_messages;
begin
	m := public.reply_to_ticket(ticket, body, false);
	perform private.attach_files(t, m.id, attachments, t.organisation_id || '/' || t.id || '/', 'public', (select auth.uid()));
	return m;
end $$;

revoke execute on function public.reply_with_attachments(uuid, text, jsonb) from public, anon;
grant execute on function public.reply_with_attachments(uuid, text, jsonb) to authenticated, service_role;
