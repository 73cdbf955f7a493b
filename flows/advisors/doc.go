// Package advisors is what an advisor tells about themself (issue 11,
// point 2): the advisor profile, kept from the menu ("Mein
// Berater*innen-Profil") or with /beraterprofil (in English
// /advisorprofile) at any time. The flow asks the topics they advise on,
// their languages (common ones as buttons, others typed), home city and
// Bundesland, the formats they offer, the Bundesländer they travel to (only
// when they work on site), the most assignments per quarter, an optional
// pause and how a municipality may reach them after an acceptance; the
// summary saves it. A stored profile prefills every answer, so the flow
// opens on its summary and a field is changed with "Ändern". Only
// advisors have the entry; anyone else is told politely.
package advisors
