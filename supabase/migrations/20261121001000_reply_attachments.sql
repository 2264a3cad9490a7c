-- Replies with attachments, for the ticket page (src/islands/tickets). reply_to_ticket takes only
-- text and customers may not write ticket_attachments, so a reply that carries files goes through
-- reply_with_attachments: the island first uploads each file to the private `attachments` bucket under
-- <organisation id>/<ticket id>/…, then calls this, which writes the reply (through reply_to_ticket,
-- so the status machine, SLA flags and notifications stay in one place) and links the files to it, in
-- one transaction. A file is accepted only when its object exists, was uploaded by the caller, lies in
-- this ticket's public folder, and keeps to the bucket's size and type limits; the size and type stored
-- are the ones Storage recorded when it has them, not what the browser claims.

create function public.reply_with_attachments(ticket uuid, body text, attachments jsonb default '[]')
returns public.ticket_messages
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets := private.ticket_for_update(ticket);
	bucket storage.buckets;
	m public.ticket_messages;
	att jsonb;
	obj storage.objects;
	path text;
	fname text;
	mime text;
	size bigint;
begin
	if jsonb_typeof(coalesce(attachments, '[]')) <> 'array' then perform private.fail('invalid_attachments', 'attachments is a JSON array.'); end if;
	if jsonb_array_length(coalesce(attachments, '[]')) > 10 then
		perform private.fail('too_many_attachments', 'A reply carries at most 10 files.');
	end if;
	select * into bucket from storage.buckets where id = 'attachments';
	m := public.reply_to_ticket(ticket, body, false);
	for att in select * from jsonb_array_elements(coalesce(attachments, '[]')) loop
		path := att ->> 'storage_path';
		fname := btrim(coalesce(att ->> 'file_name', ''));
		-- Public files of this ticket only: never another ticket's or organisation's folder, never internal/.
		if path is null or split_part(path, '/', 1) <> t.organisation_id::text or split_part(path, '/', 2) <> t.id::text
			or split_part(path, '/', 3) = '' or path like '%/../%' then
			perform private.fail('attachment_outside_folder', 'Reply attachments go under <organisation id>/<ticket id>/.');
		end if;
		if char_length(fname) not between 1 and 255 then perform private.fail('invalid_file_name'); end if;
		select * into obj from storage.objects o where o.bucket_id = 'attachments' and o.name = path;
		-- Only the caller's own upload: a path alone must not let anyone claim a file someone else put there.
		if not found or coalesce(obj.owner_id, obj.owner::text) is distinct from (select auth.uid())::text then
			perform private.fail('attachment_not_uploaded', 'Upload the file before attaching it.');
		end if;
		if exists (select 1 from public.ticket_attachments a where a.storage_path = path) then
			perform private.fail('attachment_already_attached', 'That file is already attached.');
		end if;
		mime := coalesce(nullif(obj.metadata ->> 'mimetype', ''), att ->> 'mime_type');
		size := coalesce((obj.metadata ->> 'size')::bigint, (att ->> 'size_bytes')::bigint);
		if mime is null or (bucket.allowed_mime_types is not null and not (mime = any (bucket.allowed_mime_types))) then
			perform private.fail('attachment_type_not_allowed');
		end if;
		if size is null or size < 0 or size > coalesce(bucket.file_size_limit, 26214400) then
			perform private.fail('attachment_too_large');
		end if;
		insert into public.ticket_attachments (ticket_id, message_id, storage_path, file_name, mime_type, size_bytes, uploaded_by)
		values (t.id, m.id, path, fname, mime, size, (select auth.uid()));
	end loop;
	return m;
end $$;

revoke execute on function public.reply_with_attachments(uuid, text, jsonb) from public, anon;
grant execute on function public.reply_with_attachments(uuid, text, jsonb) to authenticated, service_role;
