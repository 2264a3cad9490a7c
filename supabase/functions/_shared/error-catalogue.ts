// Every stable error code the backend answers with, in words for the person who meets it: the codes the
// migrations raise through private.fail (the RPC error's `message`), the codes the edge functions send
// as `{code}`, the field codes of the ticket schema (ticket-input.ts), and the few the site meets
// without either saying them (the backend cannot be reached, the session expired, Auth's refusals).
// tests/unit/error-catalogue.test.ts scans the migrations, the functions and the schema and fails on a
// code missing here, or on an entry nothing raises. Imported by the edge functions (Deno) and the site
// (Vite): no imports, plain data.

export type Lang = 'es' | 'en';

/** Who can meet the code. Absent: anyone, customers and staff alike. */
export type Audience = 'customer' | 'staff' | 'system';

/** Where a code comes from when neither a migration nor an edge function raises it. */
export type Origin =
	/** The request never got an answer, or got a 5xx: the site says so itself. */
	| 'transport'
	/** PostgREST's own refusals (an expired token, a privilege the role lacks). */
	| 'postgrest'
	/** Supabase Auth (GoTrue) error codes. */
	| 'auth'
	/** Supabase Storage answers to an upload or a download. */
	| 'storage'
	/** A code the site's islands use for a state of their own. */
	| 'site';

export interface ErrorEntry {
	readonly es: string;
	readonly en: string;
	/** The HTTP status the code comes with (PostgREST's mapping of the SQLSTATE, or the function's answer). */
	readonly status?: number;
	/** Who can meet it; 'system' codes reach only a worker, a cron job or a direct API call, and may be terse. */
	readonly audience?: Audience;
	/** Set only for codes no migration or edge function raises. */
	readonly origin?: Origin;
}

const CATALOGUE = {
	// ── Reaching the backend, sessions, permissions ────────────────────────────────────────────────
	unavailable: {
		es: 'El servicio de soporte no responde en este momento. La documentación sigue disponible; inténtalo más tarde.',
		en: 'The support service is not responding right now. The documentation is still available; please try again later.',
		status: 503,
		origin: 'transport',
	},
	failed: {
		es: 'No pudimos completar la solicitud. Inténtalo de nuevo.',
		en: 'We could not complete the request. Please try again.',
		origin: 'site',
	},
	internal_error: {
		es: 'Algo falló de nuestro lado. Inténtalo de nuevo en unos minutos; si vuelve a pasar, avisa al equipo de soporte.',
		en: 'Something went wrong on our side. Please try again in a few minutes; if it happens again, let the support team know.',
		status: 500,
	},
	session_expired: {
		es: 'Tu sesión terminó. Vuelve a iniciar sesión.',
		en: 'Your session has ended. Please sign in again.',
		status: 401,
		origin: 'postgrest',
	},
	not_signed_in: {
		es: 'Inicia sesión para hacer esto. Si ya la habías iniciado, tu sesión terminó: vuelve a entrar.',
		en: 'Sign in to do this. If you were signed in, your session has ended: please sign in again.',
		status: 401,
	},
	not_allowed: {
		es: 'No tienes permiso para hacer esto.',
		en: 'You are not allowed to do this.',
		status: 403,
	},
	forbidden: {
		es: 'Solo el equipo de soporte y los coordinadores de la organización pueden ver esto.',
		en: 'Only the support team and the organisation’s coordinators can see this.',
		status: 403,
	},
	staff_only: {
		es: 'Solo el equipo de soporte puede hacer esto.',
		en: 'Only the support team can do this.',
		status: 403,
	},
	admin_only: {
		es: 'Solo los administradores pueden hacer esto.',
		en: 'Only administrators can do this.',
		status: 403,
		audience: 'staff',
	},
	customer_only: {
		es: 'Solo el cliente puede confirmar o reabrir un ticket.',
		en: 'Only the customer can confirm or reopen a ticket.',
		status: 403,
	},
	rate_limited: {
		es: 'Recibimos demasiadas solicitudes seguidas desde aquí. Espera un rato e inténtalo de nuevo.',
		en: 'We received too many requests in a row from here. Please wait a while and try again.',
		status: 400,
	},
	invalid_json: {
		es: 'No pudimos leer la solicitud. Recarga la página e inténtalo de nuevo.',
		en: 'We could not read the request. Reload the page and try again.',
		status: 400,
	},
	invalid_input: {
		es: 'Revisa los datos marcados e inténtalo de nuevo.',
		en: 'Check the marked details and try again.',
		status: 400,
	},

	// ── Supabase Auth (signing in) ─────────────────────────────────────────────────────────────────
	invalid_credentials: {
		es: 'El correo o la contraseña no son correctos. Revisa ambos, o entra con un enlace o código por correo.',
		en: 'The e-mail or the password is not right. Check both, or sign in with a link or code by e-mail.',
		status: 400,
		origin: 'auth',
	},
	email_not_confirmed: {
		es: 'Este correo todavía no está confirmado. Entra con un enlace o código por correo para confirmarlo.',
		en: 'This e-mail is not confirmed yet. Sign in with a link or code by e-mail to confirm it.',
		status: 400,
		origin: 'auth',
	},
	user_banned: {
		es: 'Esta cuenta está suspendida. Si crees que es un error, escribe al equipo de soporte.',
		en: 'This account is suspended. If you think this is a mistake, write to the support team.',
		status: 403,
		origin: 'auth',
	},
	otp_expired: {
		es: 'El código no es válido o ya caducó. Pide un correo nuevo.',
		en: 'The code is not valid or has expired. Ask for a new e-mail.',
		status: 403,
		origin: 'auth',
	},
	over_email_send_rate_limit: {
		es: 'Acabamos de enviarte un correo. Espera unos segundos antes de pedir otro.',
		en: 'We just sent you an e-mail. Wait a few seconds before asking for another.',
		status: 429,
		origin: 'auth',
	},
	over_request_rate_limit: {
		es: 'Hubo demasiados intentos seguidos. Espera unos minutos e inténtalo de nuevo.',
		en: 'There were too many attempts in a row. Wait a few minutes and try again.',
		status: 429,
		origin: 'auth',
	},

	// ── Profiles, organisations, memberships, invitations ──────────────────────────────────────────
	profile_field_readonly: {
		es: 'De tu perfil solo puedes cambiar el nombre y el idioma.',
		en: 'Of your profile, you can change only your name and language.',
		status: 403,
	},
	not_a_member: {
		es: 'Ya no perteneces a esa organización. Recarga la página para ver las tuyas.',
		en: 'You no longer belong to that organisation. Reload the page to see yours.',
		status: 403,
	},
	organisation_required: {
		es: 'Elige para qué organización es el ticket.',
		en: 'Choose which organisation the ticket is for.',
		status: 400,
		audience: 'customer',
	},
	organisation_not_found: {
		es: 'No existe esa organización. Recarga la página e inténtalo de nuevo.',
		en: 'There is no such organisation. Reload the page and try again.',
		status: 404,
	},
	organisation_exists: {
		es: 'Ya hay una organización con este nombre.',
		en: 'An organisation with this name already exists.',
		status: 400,
		audience: 'staff',
	},
	plan_not_found: {
		es: 'Ese plan no existe en el programa.',
		en: 'That plan does not exist in the programme.',
		status: 404,
		audience: 'staff',
	},
	contract_start_required: {
		es: 'Indica el primer día del contrato.',
		en: 'Enter the contract’s first day.',
		status: 400,
		audience: 'staff',
	},
	invalid_contract_dates: {
		es: 'El contrato no puede terminar antes de empezar.',
		en: 'The contract cannot end before it starts.',
		status: 400,
		audience: 'staff',
	},
	invalid_timezone: {
		es: 'Escribe una zona horaria como America/Mexico_City.',
		en: 'Enter a time zone such as America/Mexico_City.',
		status: 400,
		audience: 'staff',
	},
	contract_inactive: {
		es: 'El contrato de soporte de tu organización no está vigente. Escribe a tu ejecutivo de cuenta para renovarlo.',
		en: 'Your organisation’s support contract is not in force. Write to your account manager to renew it.',
		status: 403,
		audience: 'customer',
	},
	tickets_not_offered: {
		es: 'Este programa de soporte no atiende tickets. Encuentra ayuda en la documentación, en los canales de la comunidad o con un socio que ofrezca soporte profesional.',
		en: 'This support programme takes no tickets. Find help in the documentation, the community channels, or from a partner who offers professional support.',
		status: 403,
		audience: 'customer',
	},
	plan_period_ended: {
		es: 'El plan de tu organización estaba incluido por un tiempo después de la puesta en marcha, y ese periodo terminó. Escribe a tu ejecutivo de cuenta para contratar un plan.',
		en: 'Your organisation’s plan was included for a time after go-live, and that period has ended. Write to your account manager to take out a plan.',
		status: 403,
		audience: 'customer',
	},
	authorized_contacts_limit: {
		es: 'La organización ya tiene todos los contactos autorizados que permite su plan (coordinadores incluidos). Para sumar otro, antes hay que pasar a alguien a miembro.',
		en: 'The organisation already has as many authorized contacts as its plan allows (coordinators included). To add another, someone must first become a member.',
		status: 400,
	},
	invalid_role: {
		es: 'Elige un rol de la lista.',
		en: 'Choose a role from the list.',
		status: 400,
	},
	membership_not_found: {
		es: 'Esta persona ya no pertenece a la organización. Actualiza la lista.',
		en: 'This person no longer belongs to the organisation. Refresh the list.',
		status: 404,
	},
	coordinator_role_admin_only: {
		es: 'Solo un administrador nombra o retira coordinadores.',
		en: 'Only an administrator makes or unmakes coordinators.',
		status: 403,
	},
	coordinator_remove_admin_only: {
		es: 'Solo un administrador puede quitar a un coordinador de la organización.',
		en: 'Only an administrator can remove a coordinator from the organisation.',
		status: 403,
	},
	membership_key_readonly: {
		es: 'Una membresía no se puede pasar a otra persona ni a otra organización: quítala y agrega una nueva.',
		en: 'A membership cannot move to another person or organisation: remove it and add a new one.',
		status: 403,
	},
	person_not_found: {
		es: 'Nadie tiene una cuenta con este correo. Envíale un código de invitación.',
		en: 'Nobody has an account with this e-mail. Send them an invitation code.',
		status: 404,
		audience: 'staff',
	},
	// ── Operators (20261121001800_operators.sql) ────────────────────────────────────────────────────
	programme_without_tickets: {
		es: 'Este programa no atiende tickets de clientes: elige un programa con tickets.',
		en: 'This programme takes no customer tickets: choose a programme that does.',
		status: 400,
		audience: 'staff',
	},
	invalid_go_live: {
		es: 'La puesta en marcha no puede ser anterior al inicio del contrato.',
		en: 'Go-live cannot come before the contract starts.',
		status: 400,
		audience: 'staff',
	},
	invalid_effective_date: {
		es: 'El cambio se aplica desde hoy o desde una fecha posterior (en la zona horaria de la organización).',
		en: 'The change applies from today or a later date (in the organisation’s time zone).',
		status: 400,
		audience: 'staff',
	},
	retarget_other_programme: {
		es: 'Los tickets abiertos se quedan en su programa: un cambio de programa solo se aplica a los tickets nuevos. Desmarca «aplicar también a los tickets abiertos».',
		en: 'Open tickets stay on their programme: a change of programme applies to new tickets only. Untick “also apply to open tickets”.',
		status: 400,
		audience: 'staff',
	},
	plan_unchanged: {
		es: 'La organización ya tiene este plan.',
		en: 'The organisation is on this plan already.',
		status: 400,
		audience: 'staff',
	},
	plan_change_not_found: {
		es: 'Ese cambio de plan no existe. Actualiza la página.',
		en: 'There is no such plan change. Reload the page.',
		status: 404,
		audience: 'staff',
	},
	plan_change_applied: {
		es: 'Ese cambio ya está en vigor y no se puede cancelar; programa otro cambio para deshacerlo.',
		en: 'That change is in force already and cannot be cancelled; schedule another change to undo it.',
		status: 400,
		audience: 'staff',
	},
	invalid_email: {
		es: 'Escribe una dirección de correo, por ejemplo ana@example.com.',
		en: 'Enter an e-mail address, such as ana@example.com.',
		status: 400,
		audience: 'staff',
	},
	already_staff: {
		es: 'Esta persona ya forma parte del equipo de soporte; cambia su rol en la lista.',
		en: 'This person is on the support team already; change their role in the list.',
		status: 400,
		audience: 'staff',
	},
	staff_not_found: {
		es: 'Esta persona ya no forma parte del equipo de soporte. Actualiza la lista.',
		en: 'This person is no longer on the support team. Refresh the list.',
		status: 404,
		audience: 'staff',
	},
	staff_invitation_not_found: {
		es: 'Esa invitación al equipo no existe. Actualiza la lista.',
		en: 'There is no such team invitation. Refresh the list.',
		status: 404,
		audience: 'staff',
	},
	// The invitee meets these on the account page, before they are staff: no audience.
	staff_invitation_invalid: {
		es: 'Este enlace de invitación al equipo no es válido: puede que haya caducado, que ya se haya usado o que se haya retirado. Pide al administrador que te invite de nuevo.',
		en: 'This team invitation link is not valid: it may have expired, been used already or been withdrawn. Ask the administrator to invite you again.',
		status: 400,
	},
	staff_invitation_other_address: {
		es: 'Esta invitación es para otra dirección de correo. Cierra la sesión y entra con la dirección a la que llegó la invitación.',
		en: 'This invitation is for another e-mail address. Sign out and sign in with the address the invitation was sent to.',
		status: 403,
	},
	last_admin: {
		es: 'El equipo de soporte necesita al menos un administrador: nombra otro antes.',
		en: 'The support team needs at least one administrator: make someone else one first.',
		status: 400,
		audience: 'staff',
	},
	staff_self: {
		es: 'No puedes darte de baja a ti mismo: lo hace otro administrador.',
		en: 'You cannot take yourself off the team: another administrator does it.',
		status: 403,
		audience: 'staff',
	},
	invalid_validity: {
		es: 'Un código de invitación vale entre 1 y 365 días.',
		en: 'An invitation code is valid for 1 to 365 days.',
		status: 400,
	},
	invalid_max_uses: {
		es: 'Escribe un número de usos de 1 en adelante, o déjalo vacío.',
		en: 'Enter a number of uses from 1 up, or leave it empty.',
		status: 400,
	},
	invitation_not_found: {
		es: 'No hay ninguna invitación con este código. Revisa que esté bien escrito.',
		en: 'No invitation has this code. Check that it is typed correctly.',
		status: 404,
	},
	invitation_expired: {
		es: 'Esta invitación ya caducó. Pide un código nuevo al coordinador de tu organización.',
		en: 'This invitation has expired. Ask your organisation’s coordinator for a new code.',
		status: 400,
	},
	invitation_revoked: {
		es: 'Esta invitación fue cancelada. Pide un código nuevo al coordinador de tu organización.',
		en: 'This invitation was cancelled. Ask your organisation’s coordinator for a new code.',
		status: 400,
	},
	invitation_used_up: {
		es: 'Esta invitación ya se usó todas las veces permitidas. Pide un código nuevo al coordinador de tu organización.',
		en: 'This invitation has been used as many times as allowed. Ask your organisation’s coordinator for a new code.',
		status: 400,
	},

	// ── Tickets ────────────────────────────────────────────────────────────────────────────────────
	ticket_not_found: {
		es: 'No encontramos ese ticket. Revisa el número: puede que no exista o que pertenezca a otra organización.',
		en: 'We could not find that ticket. Check the number: it may not exist or may belong to another organisation.',
		status: 404,
	},
	ticket_closed: {
		es: 'El ticket ya está cerrado y no admite cambios. Si el problema sigue, abre un ticket nuevo.',
		en: 'The ticket is already closed and takes no changes. If the problem persists, open a new ticket.',
		status: 400,
	},
	not_authorized_contact: {
		es: 'Solo los contactos autorizados de tu organización pueden abrir tickets. Como miembro, puedes seguir los tickets de tu organización y responder en ellos.',
		en: 'Only your organisation’s authorized contacts can open tickets. As a member, you can follow your organisation’s tickets and reply to them.',
		status: 403,
		audience: 'customer',
	},
	quota_exceeded: {
		es: 'Tu organización ya usó todos los tickets que su plan incluye este mes. Tu borrador queda guardado hasta que se renueve el cupo.',
		en: 'Your organisation has used all the tickets its plan includes this month. Your draft stays saved until the allowance renews.',
		status: 409,
		audience: 'customer',
	},
	invalid_severity: {
		es: 'Elige una de las severidades de la lista.',
		en: 'Choose one of the severities in the list.',
		status: 400,
	},
	invalid_status_transition: {
		es: 'El ticket no puede pasar a ese estado desde el actual. Recarga la página para ver su estado.',
		en: 'The ticket cannot move to that status from its current one. Reload the page to see where it stands.',
		status: 400,
	},
	not_resolved: {
		es: 'El ticket ya no está resuelto: actualiza la página para ver su estado.',
		en: 'The ticket is no longer resolved: reload the page to see where it stands.',
		status: 400,
	},
	not_reopenable: {
		es: 'Solo se reabre un ticket que espera al cliente.',
		en: 'Only a ticket waiting on the customer can be reopened.',
		status: 400,
		audience: 'staff',
	},
	ticket_taken: {
		es: 'Otro agente ya tomó este ticket; para pasártelo, asígnalo.',
		en: 'Another agent already took this ticket; to hand it over, assign it.',
		status: 400,
		audience: 'staff',
	},
	assignee_not_staff: {
		es: 'Solo se asignan tickets al equipo de soporte.',
		en: 'Tickets are assigned to support staff only.',
		status: 400,
		audience: 'staff',
	},
	invalid_level: {
		es: 'El nivel de soporte es 1 o 2.',
		en: 'The support level is 1 or 2.',
		status: 400,
		audience: 'staff',
	},
	invalid_action: {
		es: 'Elige responder, escribir una nota, pedir información o resolver.',
		en: 'Choose reply, note, request information or resolve.',
		status: 400,
		audience: 'staff',
	},
	problem_not_found: {
		es: 'No existe ese problema. Recarga la página.',
		en: 'There is no such problem. Reload the page.',
		status: 404,
		audience: 'staff',
	},
	invalid_product: {
		es: 'Ese producto no está en el catálogo. Elige uno de la lista.',
		en: 'That product is not in the catalogue. Choose one from the list.',
		status: 400,
	},
	invalid_version: {
		es: 'Esa versión no existe para el producto elegido. Elige una de la lista.',
		en: 'That version does not exist for the chosen product. Choose one from the list.',
		status: 400,
	},

	// ── Ticket fields (ticket-input.ts; the form names the field) ──────────────────────────────────
	required: {
		es: 'Este campo es obligatorio.',
		en: 'This field is required.',
		status: 400,
	},
	too_short: {
		es: 'Es demasiado corto: escribe un poco más.',
		en: 'It is too short: please write a little more.',
		status: 400,
	},
	too_long: {
		es: 'Es demasiado largo: acórtalo e inténtalo de nuevo.',
		en: 'It is too long: shorten it and try again.',
		status: 400,
	},
	invalid: {
		es: 'Revisa este valor.',
		en: 'Check this value.',
		status: 400,
	},
	invalid_characters: {
		es: 'El texto tiene caracteres que no se pueden guardar, o ninguno visible. Revísalo y vuelve a escribirlo.',
		en: 'The text has characters that cannot be stored, or no visible ones. Check it and type it again.',
		status: 400,
	},
	invalid_organisation: {
		es: 'Elige para qué organización es el ticket.',
		en: 'Choose which organisation the ticket is for.',
		status: 400,
		audience: 'customer',
	},
	invalid_environment: {
		es: 'Elige producción o pruebas.',
		en: 'Choose production or test.',
		status: 400,
		audience: 'customer',
	},
	invalid_idempotency_key: {
		es: 'No pudimos enviar el ticket. Recarga la página y vuelve a enviarlo; tu borrador sigue guardado.',
		en: 'We could not send the ticket. Reload the page and send it again; your draft is still saved.',
		status: 400,
		audience: 'customer',
	},

	// ── Attachments ────────────────────────────────────────────────────────────────────────────────
	too_many_attachments: {
		es: 'Puedes adjuntar hasta 10 archivos; quita alguno para agregar otros.',
		en: 'You can attach up to 10 files; remove one to add others.',
		status: 400,
	},
	attachment_too_large: {
		es: 'Uno de los archivos pesa más que el máximo por archivo. Quítalo o envía una versión más pequeña.',
		en: 'One of the files is larger than the limit per file. Remove it or send a smaller version.',
		status: 400,
	},
	attachment_type_not_allowed: {
		es: 'Uno de los archivos es de un tipo que no aceptamos. Envía imágenes, PDF, texto, CSV, ZIP, video, Word, Excel, JSON o XML.',
		en: 'One of the files is of a type we do not accept. Send images, PDF, text, CSV, ZIP, video, Word, Excel, JSON or XML.',
		status: 400,
	},
	attachment_outside_folder: {
		es: 'No pudimos adjuntar uno de los archivos. Quítalo y vuelve a intentarlo.',
		en: 'We could not attach one of the files. Remove it and try again.',
		status: 400,
	},
	attachment_not_uploaded: {
		es: 'Uno de los archivos no terminó de subirse. Quítalo y vuelve a adjuntarlo.',
		en: 'One of the files did not finish uploading. Remove it and attach it again.',
		status: 400,
	},
	attachment_already_attached: {
		es: 'Ese archivo ya está adjunto. Quítalo de la lista y vuelve a intentarlo.',
		en: 'That file is already attached. Remove it from the list and try again.',
		status: 409,
	},
	invalid_file_name: {
		es: 'El nombre de uno de los archivos no es válido: debe tener entre 1 y 255 caracteres. Cámbialo y vuelve a adjuntarlo.',
		en: 'One of the file names is not valid: it must have 1 to 255 characters. Rename the file and attach it again.',
		status: 400,
	},
	invalid_attachments: {
		es: 'No pudimos leer la lista de archivos adjuntos. Recarga la página e inténtalo de nuevo.',
		en: 'We could not read the list of attachments. Reload the page and try again.',
		status: 400,
	},

	// ── Articles: comments, votes, deflections ─────────────────────────────────────────────────────
	invalid_article: {
		es: 'La dirección del artículo no es válida. Ábrelo desde el centro de soporte e inténtalo de nuevo.',
		en: 'The article’s address is not valid. Open it from the support center and try again.',
		status: 400,
	},
	article_not_found: {
		es: 'Ese artículo no existe o ya no está publicado.',
		en: 'That article does not exist or is no longer published.',
		status: 404,
	},
	anon_key_required: {
		es: 'No pudimos registrarlo desde este navegador. Recarga la página e inténtalo de nuevo.',
		en: 'We could not record it from this browser. Reload the page and try again.',
		status: 400,
	},
	invalid_comment: {
		es: 'El comentario debe tener entre 1 y 5000 caracteres.',
		en: 'A comment must have 1 to 5,000 characters.',
		status: 400,
	},
	invalid_vote: {
		es: 'No pudimos registrar tu opinión. Recarga la página e inténtalo de nuevo.',
		en: 'We could not record your feedback. Reload the page and try again.',
		status: 400,
	},
	comment_not_found: {
		es: 'Ese comentario ya no existe.',
		en: 'That comment no longer exists.',
		status: 404,
	},
	comment_hidden: {
		es: 'El equipo de soporte ocultó este comentario, así que ya no se puede editar.',
		en: 'The support team hid this comment, so it can no longer be edited.',
		status: 400,
	},
	not_author: {
		es: 'Solo quien escribió un comentario puede editarlo.',
		en: 'Only the person who wrote a comment can edit it.',
		status: 403,
	},
	edit_window_closed: {
		es: 'Ya pasaron los 15 minutos en los que se puede editar un comentario.',
		en: 'The 15 minutes in which a comment can be edited have passed.',
		status: 400,
	},

	// ── Downloads ──────────────────────────────────────────────────────────────────────────────────
	version_not_found: {
		es: 'Esa versión ya no está disponible. Recarga la página.',
		en: 'That version is no longer available. Reload the page.',
		status: 404,
	},
	file_missing: {
		es: 'El archivo de esta versión no está disponible. Avisa al equipo de soporte.',
		en: 'The file for this version is not available. Please let the support team know.',
		status: 404,
		origin: 'storage',
	},
	item_not_found: {
		es: 'Ese elemento de descarga ya no existe.',
		en: 'That download item no longer exists.',
		status: 404,
		audience: 'staff',
	},
	invalid_slug: {
		es: 'Usa minúsculas, cifras y guiones, por ejemplo quetzal-docs-servidor.',
		en: 'Use lower-case letters, digits and dashes, e.g. quetzal-docs-servidor.',
		status: 400,
		audience: 'staff',
	},
	download_slug_taken: {
		es: 'Ya hay un elemento con este identificador.',
		en: 'Another item already has this identifier.',
		status: 400,
		audience: 'staff',
	},
	invalid_name: {
		es: 'El nombre debe tener entre 1 y 200 caracteres.',
		en: 'The name must have 1 to 200 characters.',
		status: 400,
		audience: 'staff',
	},
	invalid_kind: {
		es: 'Elige un tipo de la lista.',
		en: 'Choose a kind from the list.',
		status: 400,
		audience: 'staff',
	},
	invalid_visibility: {
		es: 'Elige quién puede descargarlo.',
		en: 'Choose who may download it.',
		status: 400,
		audience: 'staff',
	},
	invalid_description: {
		es: 'La descripción admite como máximo 5000 caracteres.',
		en: 'The description takes at most 5000 characters.',
		status: 400,
		audience: 'staff',
	},
	product_not_found: {
		es: 'Ese producto no está en el catálogo.',
		en: 'That product is not in the catalogue.',
		status: 404,
	},
	version_exists: {
		es: 'Esta versión ya está publicada.',
		en: 'This version is already published.',
		status: 409,
		audience: 'staff',
	},
	path_in_use: {
		es: 'Otra versión publicada usa ya ese archivo; cambia la versión.',
		en: 'Another published version already uses that file; change the version.',
		status: 409,
		audience: 'staff',
	},
	path_outside_item: {
		es: 'El archivo debe ir en la carpeta del elemento.',
		en: 'The file must go in the item’s folder.',
		status: 400,
		audience: 'staff',
	},
	file_not_found: {
		es: 'El archivo no llegó al almacenamiento. Vuelve a subirlo.',
		en: 'The file did not reach storage. Upload it again.',
		status: 404,
		audience: 'staff',
	},
	checksum_mismatch: {
		es: 'La suma SHA-256 del archivo guardado no coincide con la del archivo elegido: no se publicó nada y el archivo se borró. Vuelve a subirlo.',
		en: 'The stored file’s SHA-256 checksum does not match the chosen file’s: nothing was published and the file was removed. Upload it again.',
		status: 422,
		audience: 'staff',
	},
	file_too_large: {
		es: 'El archivo supera el tamaño máximo que admite el almacenamiento.',
		en: 'The file is larger than storage accepts.',
		status: 413,
		audience: 'staff',
		origin: 'storage',
	},
	upload_failed: {
		es: 'No se pudo subir el archivo. Inténtalo de nuevo.',
		en: 'The file could not be uploaded. Please try again.',
		audience: 'staff',
		origin: 'storage',
	},

	// ── Alerts ─────────────────────────────────────────────────────────────────────────────────────
	invalid_title: {
		es: 'Revisa el título: no puede quedar vacío ni ser demasiado largo.',
		en: 'Check the title: it cannot be empty or too long.',
		status: 400,
		audience: 'staff',
	},
	invalid_versions: {
		es: 'Las versiones no son válidas: escríbelas como 5.1 o 5.1.2.',
		en: 'The versions are not valid: write them as 5.1 or 5.1.2.',
		status: 400,
		audience: 'staff',
	},
	audience_required: {
		es: 'Esta alerta no es de un producto concreto: elige las organizaciones a las que avisar.',
		en: 'This alert is about no particular product: choose the organisations to tell.',
		status: 400,
		audience: 'staff',
	},
	no_affected_organisations: {
		es: 'Ninguna organización tiene tickets ni descargas de este producto en las versiones afectadas. Elige las organizaciones a mano si quieres avisar a alguna.',
		en: 'No organisation has tickets or downloads of this product in the affected versions. Choose organisations by hand to tell some.',
		status: 400,
		audience: 'staff',
	},

	// ── Dashboards and reports ─────────────────────────────────────────────────────────────────────
	invalid_range: {
		es: 'Revisa el periodo: necesita un inicio y un fin, y el inicio no puede ser posterior al fin.',
		en: 'Check the period: it needs a start and an end, and the start cannot come after the end.',
		status: 400,
	},
	range_too_long: {
		es: 'El periodo es demasiado largo. Elige uno más corto.',
		en: 'The period is too long. Choose a shorter one.',
		status: 400,
	},

	// ── Workers, cron jobs and the service role ────────────────────────────────────────────────────
	service_role_only: {
		es: 'Solo el servicio interno puede hacer esto.',
		en: 'Only the internal service can do this.',
		status: 403,
		audience: 'system',
	},
	unauthorized: {
		es: 'Falta el token del servicio.',
		en: 'A service token is required.',
		status: 401,
		audience: 'system',
	},
	method_not_allowed: {
		es: 'Método no admitido.',
		en: 'Method not allowed.',
		status: 405,
		audience: 'system',
	},
	invalid_body: {
		es: 'El cuerpo de la solicitud no es válido.',
		en: 'The request body is not valid.',
		status: 400,
		audience: 'system',
	},
	not_configured: {
		es: 'El envío de correo no está configurado.',
		en: 'Mail sending is not configured.',
		status: 500,
		audience: 'system',
	},
	sweep_failed: {
		es: 'La revisión de plazos falló.',
		en: 'The deadline sweep failed.',
		status: 500,
		audience: 'system',
	},
	append_only: {
		es: 'Este registro no admite cambios ni borrados.',
		en: 'This log takes no changes or deletions.',
		status: 403,
		audience: 'system',
	},
	invalid_ticket: {
		es: 'Ticket mal formado.',
		en: 'Malformed ticket.',
		status: 400,
		audience: 'system',
	},
	requester_required: {
		es: 'Falta quién abre el ticket.',
		en: 'The ticket’s requester is missing.',
		status: 400,
		audience: 'system',
	},
	opened_at_out_of_range: {
		es: 'La hora de apertura está fuera de margen.',
		en: 'The opening time is out of range.',
		status: 400,
		audience: 'system',
	},
	invalid_batch: {
		es: 'Tamaño de lote no válido (1 a 500).',
		en: 'Invalid batch size (1 to 500).',
		status: 400,
		audience: 'system',
	},
	invalid_max_attempts: {
		es: 'Número máximo de intentos no válido.',
		en: 'Invalid maximum number of attempts.',
		status: 400,
		audience: 'system',
	},
	invalid_lease: {
		es: 'Duración de la reserva no válida (10 a 3600 s).',
		en: 'Invalid lease duration (10 to 3600 s).',
		status: 400,
		audience: 'system',
	},
	invalid_outcome: {
		es: 'Resultado no válido: sent, failed o dead.',
		en: 'Invalid outcome: sent, failed or dead.',
		status: 400,
		audience: 'system',
	},
	error_required: {
		es: 'Falta el motivo del fallo.',
		en: 'The failure’s reason is missing.',
		status: 400,
		audience: 'system',
	},
	retry_at_required: {
		es: 'Falta la hora del siguiente intento.',
		en: 'The time of the next attempt is missing.',
		status: 400,
		audience: 'system',
	},
	claim_lost: {
		es: 'La notificación ya no está reservada por este intento.',
		en: 'The notification is no longer claimed by this attempt.',
		status: 404,
		audience: 'system',
	},
	invalid_search: {
		es: 'Escribe entre 1 y 200 caracteres para buscar.',
		en: 'Type 1 to 200 characters to search.',
		status: 400,
		audience: 'customer',
	},
	trail_too_long: {
		es: 'Como mucho 10 búsquedas y 10 artículos.',
		en: 'At most 10 searches and 10 articles.',
		status: 400,
		audience: 'system',
	},
	trail_too_late: {
		es: 'El recorrido se envía al abrir el ticket.',
		en: 'The trail is sent when the ticket is opened.',
		status: 400,
		audience: 'system',
	},
	invalid_event: {
		es: 'El evento de búsqueda es search, click, ticket o suggest.',
		en: 'The search event is search, click, ticket or suggest.',
		status: 400,
		audience: 'system',
	},
	invalid_lang: {
		es: 'El idioma es es o en.',
		en: 'The language is es or en.',
		status: 400,
		audience: 'system',
	},
	invalid_results: {
		es: 'El número de resultados no puede ser negativo.',
		en: 'The number of results cannot be negative.',
		status: 400,
		audience: 'system',
	},
	too_many_articles: {
		es: 'Como mucho 10 sugerencias.',
		en: 'At most 10 suggestions.',
		status: 400,
		audience: 'system',
	},
	invalid_days: {
		es: 'El periodo es de 1 a 366 días.',
		en: 'The period is 1 to 366 days.',
		status: 400,
		audience: 'staff',
	},
} as const satisfies Record<string, ErrorEntry>;

/** A code the catalogue knows. */
export type ErrorCode = keyof typeof CATALOGUE;

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorEntry>> = CATALOGUE;

/** Codes that arrive in an error's `code` rather than its `message`, and the entry that says them. */
const ALIASES: Readonly<Record<string, ErrorCode>> = {
	// PostgREST: the JWT could not be decoded, or its claims (expiry) are not valid.
	PGRST301: 'session_expired',
	PGRST303: 'session_expired',
	// PostgreSQL's insufficient_privilege without one of our codes: a grant or a policy said no.
	'42501': 'not_allowed',
};

const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const has = (code: string): code is ErrorCode => own(CATALOGUE, code);
const alias = (code: string | null | undefined): ErrorCode | undefined => (code && own(ALIASES, code) ? ALIASES[code] : undefined);

/** Whether `code` is one the catalogue knows. */
export function isErrorCode(code: string | null | undefined): code is ErrorCode {
	return typeof code === 'string' && has(code);
}

/**
 * The catalogue code of a backend error: our code in `message` (RPCs) or `code` (edge functions), else
 * PostgREST's or PostgreSQL's code through ALIASES; undefined when none is known.
 */
export function errorCodeOf(error: { message?: string | null; code?: string | null } | null | undefined): ErrorCode | undefined {
	if (!error) return undefined;
	for (const candidate of [error.message, error.code]) {
		if (isErrorCode(candidate)) return candidate;
	}
	return alias(error.code);
}

/** The page language of a BCP 47 tag ('en', 'en-GB' → 'en'); Spanish otherwise, the site's first language. */
export function langOf(tag: string | null | undefined): Lang {
	return typeof tag === 'string' && /^en(-|$)/i.test(tag) ? 'en' : 'es';
}

/** The message for `code` in `lang`; an alias's entry for PostgREST codes, and the generic message for anything else. */
export function errorMessage(code: string | null | undefined, lang: Lang): string {
	return CATALOGUE[(isErrorCode(code) ? code : alias(code)) ?? 'failed'][lang];
}
