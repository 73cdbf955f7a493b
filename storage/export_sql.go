package storage

// The queries of a user's data export (see export.go): each takes the
// user's id as $1 and returns one row with one JSON value whose keys are
// the json tags of the section's type in flows/domain/export.go. Nothing
// selects another person's name or contact; another person's free text is
// selected only where the user wrote it.

// exportList wraps the query sel (its columns named as the type's keys)
// into a JSON array in sel's order, '[]' for none.
func exportList(sel string) string {
	return `SELECT COALESCE(json_agg(x), '[]'::json) FROM (` + sel + `) x`
}

// exportObject wraps the query sel of at most one row into a JSON object,
// null for none.
func exportObject(sel string) string {
	return `SELECT (SELECT row_to_json(x) FROM (` + sel + `) x)`
}

// The profile is the only section without a row when the user is unknown
// or deleted: no row is ErrNotFound.
const exportProfileSQL = `SELECT row_to_json(x) FROM (
	SELECT id AS user_id, telegram_id, chat_id, name, language, created_at
	FROM users WHERE id = $1 AND deleted_at IS NULL) x`

var (
	exportRolesSQL = exportList(`SELECT role, granted_at FROM user_roles WHERE user_id = $1
		ORDER BY granted_at, role`)

	// Every consent per purpose, with the version of its text (as
	// ConsentsOf reads them).
	exportConsentsSQL = exportList(`SELECT purpose, version, given_at, withdrawn_at FROM user_consents
		WHERE user_id = $1 ORDER BY given_at, purpose`)

	exportMunicipalSQL = exportList(`SELECT m.name AS municipality, m.state, c.function,
		c.status AS verification, c.decided_at, c.created_at
		FROM municipal_contacts c JOIN municipalities m ON m.id = c.municipality_id
		WHERE c.user_id = $1 ORDER BY c.created_at, c.municipality_id`)

	exportOrganisationsSQL = exportList(`SELECT o.id AS organisation_id, o.name, o.city, o.state, o.topics,
		o.invite_lang AS invite_language, o.stopped_all AS invitations_stopped,
		o.stopped_topics AS invitations_stopped_topics, om.joined_at
		FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
		WHERE om.user_id = $1 ORDER BY om.joined_at, o.id`)

	exportAdvisorSQL = exportObject(`SELECT expertise, languages, city, state, travels AS travels_to, online_only,
		formats, max_per_quarter, paused_until, reach, deactivated, updated_at
		FROM advisor_profiles WHERE user_id = $1`)

	exportRequestsSQL = exportList(`SELECT r.ref, r.status, m.name AS municipality, r.department,
		r.contact_function, r.contact_reach, r.topic, r.topic_other, r.description, r.goal, r.format,
		r.earliest, r.latest, r.place, r.languages, r.target_groups, r.associations, r.tandem, r.urgency,
		r.created_at, r.updated_at
		FROM requests r JOIN municipalities m ON m.id = r.municipality_id
		WHERE r.requester_id = $1 ORDER BY r.created_at, r.id`)

	exportHistorySQL = exportList(`SELECT r.ref, e.at, e.kind, e.from_status, e.to_status, e.note
		FROM request_events e JOIN requests r ON r.id = e.request_id
		WHERE e.actor_user_id = $1 ORDER BY e.at, e.id`)

	exportOffersSQL = exportList(`SELECT o.id AS offer_id, r.ref, o.mode, o.status, o.created_at, o.offered_at,
		o.deadline, o.answered_at, o.decline_reason, o.decline_note
		FROM offers o JOIN requests r ON r.id = o.request_id
		WHERE o.advisor_id = $1 ORDER BY o.created_at, o.id`)

	exportAssignmentsSQL = exportList(`SELECT r.ref, s.seat, s.assigned_at
		FROM request_seats s JOIN requests r ON r.id = s.request_id
		WHERE s.advisor_id = $1 ORDER BY s.assigned_at, r.id`)

	// The note belongs to the newest round's proposal, the reason to the
	// last cancellation or reschedule: each shows only where the user
	// wrote it (a reschedule's author is not recorded, so only the
	// canceller's reason shows).
	exportAppointmentsSQL = exportList(`SELECT a.id AS appointment_id, r.ref, a.status, a.starts_at, a.ends_at,
		a.place, a.link, COALESCE(a.created_by = $1, false) AS proposed_by_me,
		CASE WHEN ` + noteAuthor + ` = $1 THEN a.note ELSE '' END AS note,
		CASE WHEN a.cancelled_by = $1 THEN a.reason ELSE '' END AS cancel_reason,
		a.created_at, a.agreed_at, a.cancelled_at
		FROM appointments a JOIN requests r ON r.id = a.request_id
		WHERE r.requester_id = $1
		   OR EXISTS (SELECT 1 FROM request_seats s WHERE s.request_id = a.request_id AND s.advisor_id = $1)
		ORDER BY a.created_at, a.id`)

	exportReportsSQL = exportList(`SELECT p.id AS report_id, r.ref, p.version, p.status, p.dates,
		p.prep_minutes, p.session_minutes, p.followup_minutes, p.km, p.km_rate_cents, p.ticket_cents,
		p.other_cents, p.note, p.submitted_at, p.question_at, p.confirmed_at
		FROM reports p JOIN requests r ON r.id = p.request_id
		WHERE p.advisor_id = $1 ORDER BY p.submitted_at, p.id`)

	exportReportActionsSQL = exportList(`SELECT * FROM (
		SELECT p.id AS report_id, r.ref, p.version, 'confirmed' AS action, p.confirmed_at AS at, '' AS question
		FROM reports p JOIN requests r ON r.id = p.request_id WHERE p.confirmed_by = $1
		UNION ALL
		SELECT p.id, r.ref, p.version, 'asked', p.question_at, p.question
		FROM reports p JOIN requests r ON r.id = p.request_id WHERE p.question_by = $1) a
		ORDER BY at, report_id`)

	exportRatingsGivenSQL = exportList(`SELECT r.ref, t.stars, t.comment, t.rated_at
		FROM report_ratings t JOIN requests r ON r.id = t.request_id
		WHERE t.rater_id = $1 ORDER BY t.rated_at, r.id`)

	// Ratings of the requests the user held a seat of or reported on: they
	// are about the user's work (the rater is not named).
	exportRatingsGotSQL = exportList(`SELECT r.ref, t.stars, t.comment, t.rated_at
		FROM report_ratings t JOIN requests r ON r.id = t.request_id
		WHERE EXISTS (SELECT 1 FROM request_seats s WHERE s.request_id = t.request_id AND s.advisor_id = $1)
		   OR EXISTS (SELECT 1 FROM reports p WHERE p.request_id = t.request_id AND p.advisor_id = $1)
		ORDER BY t.rated_at, r.id`)

	exportEventsSQL = exportList(`SELECT e.id AS event_id, e.status, e.title, e.description, e.starts_at, e.ends_at,
		e.place, e.link, e.city, e.state, e.topics, e.languages, e.capacity, e.deadline AS answer_deadline,
		e.contact, e.needs,
		(SELECT count(DISTINCT i.organisation_id) FROM event_invitations i WHERE i.event_id = e.id) AS organisations_invited,
		e.created_at, e.published_at, e.cancelled_at
		FROM events e WHERE e.organiser_id = $1 ORDER BY e.starts_at, e.id`)

	// The interpreting language is the answering member's words: it shows
	// only where the user answered.
	exportInvitationsSQL = exportList(`SELECT e.id AS event_id, e.title, e.starts_at, i.organisation_id, i.invited_at,
		a.reply, COALESCE(a.persons, 0) AS persons, COALESCE(a.seats, 0) AS seats,
		COALESCE(a.needs, '{}') AS needs,
		CASE WHEN a.answered_by = $1 THEN a.interpreting ELSE '' END AS interpreting,
		COALESCE(a.answered_by = $1, false) AS answered_by_me, a.answered_at, a.attended
		FROM event_invitations i JOIN events e ON e.id = i.event_id
		LEFT JOIN event_answers a ON a.event_id = i.event_id AND a.organisation_id = i.organisation_id
		WHERE i.user_id = $1 ORDER BY e.starts_at, e.id`)

	exportInvitesMadeSQL = exportList(`SELECT v.id AS invite_id, v.role, ` + exportScope + ` AS scope,
		'me' AS created_by, v.created_at, v.expires_at, v.used_at, v.revoked_at
		FROM invites v LEFT JOIN municipalities m ON m.id = v.municipality_id
		LEFT JOIN organisations o ON o.id = v.organisation_id
		WHERE v.created_by = $1 ORDER BY v.created_at, v.id`)

	// Who made an invite the user used, by role: the system, a
	// coordinator, or a colleague (the invite's role).
	exportInvitesUsedSQL = exportList(`SELECT v.id AS invite_id, v.role, ` + exportScope + ` AS scope,
		CASE WHEN v.created_by IS NULL THEN 'system'
		     WHEN EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = v.created_by AND ur.role = 'coordinator')
		     THEN 'coordinator' ELSE v.role END AS created_by,
		v.created_at, v.expires_at, v.used_at, v.revoked_at
		FROM invites v LEFT JOIN municipalities m ON m.id = v.municipality_id
		LEFT JOIN organisations o ON o.id = v.organisation_id
		WHERE v.used_by = $1 ORDER BY v.used_at, v.id`)
)

// noteAuthor is who wrote the note of appointment a: the proposer of its
// latest round (the export shows the note to them, the erasure blanks it
// for them).
const noteAuthor = `(SELECT o.proposed_by FROM appointment_options o WHERE o.appointment_id = a.id
	ORDER BY o.round DESC, o.id DESC LIMIT 1)`

// exportScope names where an invite's user joins: the municipality or the
// organisation; empty for none.
const exportScope = `COALESCE(m.name, o.name, '')`
