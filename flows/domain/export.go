package domain

import (
	"context"
	"time"
)

// ExportFormat is the version of UserExport's JSON: raised when a field
// changes meaning or goes away (new fields keep it).
const ExportFormat = 1

// ExportStore reads everything stored about one user, for the user's own
// data export (issue 15, point 1).
type ExportStore interface {
	// ExportUser returns what is stored about userID, read in one
	// read-only transaction so that the sections agree, with Format and
	// GeneratedAt set. Nothing names another person: others appear by
	// role, requests by reference. It returns ErrNotFound for an unknown
	// or deleted user.
	ExportUser(ctx context.Context, userID int64) (UserExport, error)
}

// UserExport is everything stored about one user, as the JSON document the
// user receives: keys in English snake_case, stable within a Format.
// Lists are empty, never null; dates without a time are "2006-01-02".
type UserExport struct {
	Format         int                  `json:"format"`
	GeneratedAt    time.Time            `json:"generated_at"`
	Profile        ExportProfile        `json:"profile"`
	Roles          []ExportRole         `json:"roles"`
	Consents       []ExportConsent      `json:"consents"`
	Municipalities []ExportMunicipal    `json:"municipal_contacts"`
	Organisations  []ExportOrganisation `json:"organisations"`
	AdvisorProfile *ExportAdvisor       `json:"advisor_profile"` // nil: none
	Requests       []ExportRequest      `json:"requests"`
	History        []ExportHistoryRow   `json:"request_history_written"`
	Offers         []ExportOffer        `json:"offers_received"`
	Assignments    []ExportAssignment   `json:"assignments"`
	Appointments   []ExportAppointment  `json:"appointments"`
	Reports        []ExportReport       `json:"reports_written"`
	ReportActions  []ExportReportAction `json:"reports_answered"`
	RatingsGiven   []ExportRating       `json:"ratings_given"`
	RatingsGot     []ExportRating       `json:"ratings_received"`
	Events         []ExportEvent        `json:"events_organised"`
	Invitations    []ExportInvitation   `json:"invitations"`
	InvitesMade    []ExportInvite       `json:"invites_created"`
	InvitesUsed    []ExportInvite       `json:"invites_used"`
}

// ExportProfile is the user's own record.
type ExportProfile struct {
	UserID     int64     `json:"user_id"`
	TelegramID int64     `json:"telegram_id"`
	ChatID     int64     `json:"chat_id"`
	Name       string    `json:"name"`
	Language   string    `json:"language"`
	CreatedAt  time.Time `json:"created_at"`
}

// ExportRole is a role the user holds, since when.
type ExportRole struct {
	Role      string    `json:"role"`
	GrantedAt time.Time `json:"granted_at"`
}

// ExportConsent is a consent the user gave: its purpose, the version of the
// privacy text, when, and when it was withdrawn (nil: not).
type ExportConsent struct {
	Purpose     string     `json:"purpose"`
	Version     int        `json:"version"`
	GivenAt     time.Time  `json:"given_at"`
	WithdrawnAt *time.Time `json:"withdrawn_at"`
}

// ExportMunicipal is the user's link to a municipality and the office's
// decision on it (decided by a coordinator, not named).
type ExportMunicipal struct {
	Municipality string     `json:"municipality"`
	State        string     `json:"state"`
	Function     string     `json:"function"`
	Verification string     `json:"verification"`
	DecidedAt    *time.Time `json:"decided_at"`
	CreatedAt    time.Time  `json:"created_at"`
}

// ExportOrganisation is an association the user is a member of, with its
// profile.
type ExportOrganisation struct {
	ID            int64     `json:"organisation_id"`
	Name          string    `json:"name"`
	City          string    `json:"city"`
	State         *string   `json:"state"`
	Topics        []string  `json:"topics"`
	InviteLang    string    `json:"invite_language"`
	StoppedAll    bool      `json:"invitations_stopped"`
	StoppedTopics []string  `json:"invitations_stopped_topics"`
	JoinedAt      time.Time `json:"joined_at"`
}

// ExportAdvisor is the user's advisor profile.
type ExportAdvisor struct {
	Expertise     []string  `json:"expertise"`
	Languages     []string  `json:"languages"`
	City          string    `json:"city"`
	State         string    `json:"state"`
	Travels       []string  `json:"travels_to"`
	OnlineOnly    bool      `json:"online_only"`
	Formats       []string  `json:"formats"`
	MaxPerQuarter int       `json:"max_per_quarter"`
	PausedUntil   *string   `json:"paused_until"`
	Reach         string    `json:"reach"`
	Deactivated   bool      `json:"deactivated"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// ExportRequest is a counseling request the user made, with every field.
type ExportRequest struct {
	Ref             string    `json:"ref"`
	Status          string    `json:"status"`
	Municipality    string    `json:"municipality"`
	Department      string    `json:"department"`
	ContactFunction string    `json:"contact_function"`
	ContactReach    string    `json:"contact_reach"`
	Topic           string    `json:"topic"`
	TopicOther      string    `json:"topic_other"`
	Description     string    `json:"description"`
	Goal            string    `json:"goal"`
	Format          string    `json:"format"`
	Earliest        string    `json:"earliest"`
	Latest          string    `json:"latest"`
	Place           string    `json:"place"`
	Languages       []string  `json:"languages"`
	TargetGroups    string    `json:"target_groups"`
	Associations    string    `json:"associations"`
	Tandem          bool      `json:"tandem"`
	Urgency         string    `json:"urgency"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// ExportHistoryRow is an entry the user wrote into a request's history (a
// status change, question, answer or note).
type ExportHistoryRow struct {
	Ref        string    `json:"ref"`
	At         time.Time `json:"at"`
	Kind       string    `json:"kind"`
	FromStatus *string   `json:"from_status"`
	ToStatus   *string   `json:"to_status"`
	Note       string    `json:"note"`
}

// ExportOffer is a request offered to the user as an advisor, and the
// user's answer.
type ExportOffer struct {
	ID            int64      `json:"offer_id"`
	Ref           string     `json:"ref"`
	Mode          string     `json:"mode"`
	Status        string     `json:"status"`
	CreatedAt     time.Time  `json:"created_at"`
	OfferedAt     *time.Time `json:"offered_at"`
	Deadline      *time.Time `json:"deadline"`
	AnsweredAt    *time.Time `json:"answered_at"`
	DeclineReason *string    `json:"decline_reason"`
	DeclineNote   string     `json:"decline_note"`
}

// ExportAssignment is a seat of a request the user holds as an advisor.
type ExportAssignment struct {
	Ref        string    `json:"ref"`
	Seat       int       `json:"seat"`
	AssignedAt time.Time `json:"assigned_at"`
}

// ExportAppointment is an appointment of a request the user made or holds
// a seat of. Note and CancelReason are there only where the user wrote
// them.
type ExportAppointment struct {
	ID           int64      `json:"appointment_id"`
	Ref          string     `json:"ref"`
	Status       string     `json:"status"`
	StartsAt     *time.Time `json:"starts_at"`
	EndsAt       *time.Time `json:"ends_at"`
	Place        string     `json:"place"`
	Link         string     `json:"link"`
	ProposedByMe bool       `json:"proposed_by_me"`
	Note         string     `json:"note"`
	CancelReason string     `json:"cancel_reason"`
	CreatedAt    time.Time  `json:"created_at"`
	AgreedAt     *time.Time `json:"agreed_at"`
	CancelledAt  *time.Time `json:"cancelled_at"`
}

// ExportReport is a version of a completion report the user wrote. The
// municipal side's question is not theirs: only when it was asked shows.
type ExportReport struct {
	ID              int64      `json:"report_id"`
	Ref             string     `json:"ref"`
	Version         int        `json:"version"`
	Status          string     `json:"status"`
	Dates           []string   `json:"dates"`
	PrepMinutes     int        `json:"prep_minutes"`
	SessionMinutes  int        `json:"session_minutes"`
	FollowupMinutes int        `json:"followup_minutes"`
	Km              int        `json:"km"`
	KmRateCents     int        `json:"km_rate_cents"`
	TicketCents     int64      `json:"ticket_cents"`
	OtherCents      int64      `json:"other_cents"`
	Note            string     `json:"note"`
	SubmittedAt     time.Time  `json:"submitted_at"`
	QuestionAt      *time.Time `json:"question_at"`
	ConfirmedAt     *time.Time `json:"confirmed_at"`
}

// ExportReportAction is what the user did with an advisor's report
// version: "confirmed" it, or "asked" Question about it.
type ExportReportAction struct {
	ReportID int64     `json:"report_id"`
	Ref      string    `json:"ref"`
	Version  int       `json:"version"`
	Action   string    `json:"action"`
	At       time.Time `json:"at"`
	Question string    `json:"question"`
}

// ExportRating is the rating of a request's counseling: given by the user
// (ratings_given) or about the user's work as an advisor
// (ratings_received; the rater is not named).
type ExportRating struct {
	Ref     string    `json:"ref"`
	Stars   int       `json:"stars"`
	Comment string    `json:"comment"`
	RatedAt time.Time `json:"rated_at"`
}

// ExportEvent is an event the user organises, with every field.
type ExportEvent struct {
	ID          int64      `json:"event_id"`
	Status      string     `json:"status"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	StartsAt    time.Time  `json:"starts_at"`
	EndsAt      time.Time  `json:"ends_at"`
	Place       string     `json:"place"`
	Link        string     `json:"link"`
	City        string     `json:"city"`
	State       string     `json:"state"`
	Topics      []string   `json:"topics"`
	Languages   []string   `json:"languages"`
	Capacity    int        `json:"capacity"`
	Deadline    *time.Time `json:"answer_deadline"`
	Contact     string     `json:"contact"`
	Needs       []string   `json:"needs"`
	Invited     int        `json:"organisations_invited"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at"`
	CancelledAt *time.Time `json:"cancelled_at"`
}

// ExportInvitation is an invitation the user received for an association,
// with the association's answer (nil: none yet). Interpreting shows only
// when the user gave the answer.
type ExportInvitation struct {
	EventID        int64      `json:"event_id"`
	Title          string     `json:"title"`
	StartsAt       time.Time  `json:"starts_at"`
	OrganisationID int64      `json:"organisation_id"`
	InvitedAt      time.Time  `json:"invited_at"`
	Reply          *string    `json:"reply"`
	Persons        int        `json:"persons"`
	Seats          int        `json:"seats"`
	Needs          []string   `json:"needs"`
	Interpreting   string     `json:"interpreting"`
	AnsweredByMe   bool       `json:"answered_by_me"`
	AnsweredAt     *time.Time `json:"answered_at"`
	Attended       *bool      `json:"attended"`
}

// ExportInvite is an invite link the user created (CreatedBy "me"; who
// used it is not named) or used (its creator by role: "coordinator", the
// invite's role for a colleague, "system").
type ExportInvite struct {
	ID        int64      `json:"invite_id"`
	Role      string     `json:"role"`
	Scope     string     `json:"scope"`
	CreatedBy string     `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}
