"""Who may open what: the declared table the generated access test checks.

Every URL pattern of the resolver and every operation of the API schema has a
row here; `tests/core/test_role_matrix.py` walks them all, fills their ids
with objects of the world it builds (owned by Diskominfo, the "pokja" role;
"other_pokja" is a member of Polres, another agency), and asks each role.
A URL or operation without a row fails the test, and so does a row whose
roles differ from what the server answers.

A row is `(object, roles, method)`:
- `object` names the world's object whose id fills the URL (None: no id);
- `roles` are those that get the page (not 403/404/redirect to login);
- `method` is how it is asked: GET, or POST with an empty form for pages
  that only take a form (a refused role must be refused before validation).
"""

ANON = "anon"
ANALYST = "analyst"
COORDINATOR = "coordinator"
POKJA = "pokja"  # Diskominfo: the agency the world's case and action belong to
OTHER_POKJA = "other_pokja"  # Polres: invited to nothing, assigned nothing
ADMIN = "admin"

ROLES = (ANON, ANALYST, COORDINATOR, POKJA, OTHER_POKJA, ADMIN)
EVERYONE = frozenset(ROLES)
HANDLERS = frozenset({ANALYST, COORDINATOR})
COORD = frozenset({COORDINATOR})
MEMBERS = frozenset({ANALYST, COORDINATOR, POKJA, OTHER_POKJA, ADMIN})
HANDLERS_AND_AGENCY = HANDLERS | {POKJA}

GET, POST = "GET", "POST"

PAGES = {
    # name: (object, roles, method)
    "core:home": (None, EVERYONE, GET),  # the login form for anonymous visitors
    "core:healthz": (None, EVERYONE, GET),
    "people:login": (None, EVERYONE, GET),
    "people:logout": (None, MEMBERS, POST),
    "people:api_tokens": (None, MEMBERS, GET),
    "people:grants": (None, COORD, GET),
    "people:grant_decide": ("grant", COORD, POST),
    "audit:list": (None, COORD, GET),
    "audit:csv": (None, COORD, GET),
    "set_language": (None, EVERYONE, POST),
    "api:schema": (None, EVERYONE, GET),
    "api:api-root": (None, HANDLERS | {ADMIN}, GET),
    "jobs:list": (None, MEMBERS, GET),
    "jobs:detail": ("job", HANDLERS, GET),
    "intake:list": (None, HANDLERS, GET),
    "intake:detail": ("post", HANDLERS, GET),
    "intake:capture": (None, HANDLERS, GET),
    "intake:import": (None, HANDLERS, GET),
    "intake:export": (None, HANDLERS, POST),
    "intake:searches": (None, HANDLERS, GET),
    "intake:search_subscribe": ("saved_search", HANDLERS, POST),
    "intake:search_delete": ("saved_search", {ANALYST, COORDINATOR}, POST),  # its author (the analyst) or a coordinator
    "evidence:preview": ("evidence", HANDLERS, GET),
    "evidence:download": ("evidence", HANDLERS, GET),
    "inventory:accounts": (None, HANDLERS_AND_AGENCY | {OTHER_POKJA}, GET),
    "inventory:accounts_status": (None, HANDLERS, POST),
    "inventory:account": ("confirmed_account", HANDLERS_AND_AGENCY | {OTHER_POKJA}, GET),
    "inventory:account_status": ("account", HANDLERS, POST),
    "inventory:account_alias": ("account", HANDLERS, POST),
    "inventory:groups": (None, HANDLERS, GET),
    "inventory:groups_status": (None, HANDLERS, POST),
    "inventory:group": ("group", HANDLERS, GET),
    "inventory:group_status": ("group", HANDLERS, POST),
    "inventory:group_role": ("group", HANDLERS, POST),
    "detection:queue": (None, HANDLERS, GET),
    "detection:post": ("post", HANDLERS, GET),
    "detection:review": ("post", HANDLERS, POST),
    "detection:bulk_review": (None, HANDLERS, POST),
    "detection:classify": (None, HANDLERS, POST),
    "detection:models": (None, HANDLERS, GET),
    "detection:retrain": (None, HANDLERS, POST),
    "detection:activate": (None, COORD, POST),
    "detection:slang": (None, HANDLERS, POST),
    "detection:factchecks": (None, HANDLERS, GET),
    "detection:factcheck_upload": (None, HANDLERS, POST),
    "detection:factcheck_export": (None, HANDLERS, GET),
    "coordination:list": (None, HANDLERS, GET),
    "coordination:run": (None, HANDLERS, POST),
    "coordination:detail": ("cluster", HANDLERS, GET),
    "coordination:flag": ("cluster", HANDLERS, POST),
    "coordination:export": ("cluster_csv", HANDLERS, GET),
    "reports:form": (None, EVERYONE, GET),
    # The receipt is shown only to the browser that just sent the report (from its session).
    "reports:receipt": (None, frozenset(), GET),
    "reports:receipt_pdf": (None, frozenset(), GET),
    "reports:status": (None, EVERYONE, GET),
    "reports:complete": (None, frozenset(), POST),  # needs a receipt code: 404 without one
    "reports:privacy": (None, EVERYONE, GET),
    "reports:staff_list": (None, HANDLERS, GET),
    "reports:staff_detail": ("report", HANDLERS, GET),
    "reports:staff_identity": ("report", HANDLERS, GET),
    "reports:start_inquiry": ("report", HANDLERS, POST),
    "reports:conclude_inquiry": ("report", HANDLERS, POST),
    "reports:attachment": ("attachment", HANDLERS, GET),
    "cases:list": (None, HANDLERS_AND_AGENCY | {OTHER_POKJA}, GET),
    "cases:new_finding": (None, HANDLERS, GET),
    "cases:from_report": ("report", HANDLERS, POST),
    "cases:deadlines": (None, HANDLERS_AND_AGENCY | {OTHER_POKJA}, GET),
    "cases:detail": ("case", HANDLERS_AND_AGENCY, GET),
    "cases:move": ("case", HANDLERS, POST),
    "cases:assign": ("case", HANDLERS, POST),
    "cases:note": ("case", HANDLERS, POST),
    "cases:outcome": ("case", HANDLERS, POST),
    "cases:extend": ("case", HANDLERS, POST),
    "cases:attach": ("case", HANDLERS, POST),
    "cases:join": ("case", HANDLERS, POST),
    "cases:forward": ("case", COORD, GET),
    # The world's case is forwarded to Diskominfo: its members get the letter, Polres's do not.
    "cases:forwarding_letter": ("forwarding", HANDLERS_AND_AGENCY, GET),
    "cases:answer": ("forwarding", HANDLERS, POST),
    "pokja:list": (None, MEMBERS, GET),
    "pokja:create": (None, COORD, GET),
    "pokja:detail": ("meeting", HANDLERS_AND_AGENCY, GET),
    "pokja:edit": ("meeting", HANDLERS, GET),
    "pokja:invite": ("meeting", HANDLERS, POST),
    "pokja:agenda_add": ("meeting", HANDLERS, POST),
    "pokja:agenda_propose": ("meeting", HANDLERS, POST),
    "pokja:agenda_edit": ("agenda_item", HANDLERS, POST),
    "pokja:agenda_delete": ("agenda_item", HANDLERS, POST),
    "pokja:hold": ("meeting", COORD, POST),
    "pokja:decision_add": ("meeting", COORD, POST),
    "pokja:action_add": ("meeting", COORD, POST),
    "pokja:follow_up": ("meeting", COORD, POST),
    "pokja:actions": (None, MEMBERS, GET),
    "pokja:action_status": ("action", HANDLERS_AND_AGENCY, POST),
    "documents:new": (None, MEMBERS, GET),
    "documents:download": ("job", HANDLERS, GET),
    "documents:register": (None, HANDLERS, GET),
    "documents:logo": (None, {ADMIN}, GET),
    "documents:logo_image": (None, {ADMIN}, GET),
    "outreach:people": (None, HANDLERS, GET),
    "outreach:person_new": (None, HANDLERS, GET),
    "outreach:person": ("person", HANDLERS, GET),
    "outreach:person_edit": ("person", HANDLERS, GET),
    "outreach:person_tie": ("person", HANDLERS, POST),
    "outreach:person_merge": ("person", HANDLERS, POST),
    "outreach:meeting_invite": ("meeting", HANDLERS, POST),
    "outreach:commitment_add": ("meeting", HANDLERS, POST),
    "outreach:invitation_status": ("outside_invitation", HANDLERS, POST),
    "outreach:commitments": (None, HANDLERS, GET),
    "outreach:commitment_close": ("commitment", HANDLERS, POST),
    "dashboards:dashboard": (None, MEMBERS, GET),
    "dashboards:export": (None, MEMBERS, GET),
    "dashboards:notifications": (None, MEMBERS, GET),
    "dashboards:notifications_read": (None, MEMBERS, POST),
    "dashboards:watch_lists": (None, HANDLERS, GET),
    "dashboards:watch_list_delete": ("watch_list", {ANALYST}, POST),
    "dashboards:positive": (None, HANDLERS, GET),
}

# Django's admin: only the office's IT admin gets in, to whatever it lists.
ADMIN_SITE = ("admin:index", frozenset({ADMIN}))

# API operations from the OpenAPI schema: "METHOD /path/{id}/" -> (object, roles).
API = {
    "GET /api/stats/": (None, MEMBERS),
    "GET /api/me/": (None, MEMBERS),
    "POST /api/detection/detect/": (None, HANDLERS),
    "GET /api/jobs/": (None, MEMBERS),
    "GET /api/jobs/{id}/": ("job", HANDLERS),
    "GET /api/posts/": (None, HANDLERS),
    "GET /api/posts/{id}/": ("post", HANDLERS),
    "GET /api/accounts/": (None, HANDLERS_AND_AGENCY | {OTHER_POKJA}),
    "GET /api/accounts/{id}/": ("confirmed_account", HANDLERS_AND_AGENCY | {OTHER_POKJA}),
    "POST /api/accounts/{id}/status/": ("account", HANDLERS),
    "GET /api/groups/": (None, HANDLERS),
    "GET /api/groups/{id}/": ("group", HANDLERS),
    "POST /api/groups/{id}/status/": ("group", HANDLERS),
    "GET /api/detection/classifications/": (None, HANDLERS),
    "GET /api/detection/classifications/{id}/": ("classification", HANDLERS),
    "GET /api/coordination/clusters/": (None, HANDLERS),
    "GET /api/coordination/clusters/{id}/": ("cluster", HANDLERS),
    "GET /api/reports/": (None, HANDLERS),
    "GET /api/reports/{id}/": ("report", HANDLERS),
    "GET /api/cases/": (None, HANDLERS_AND_AGENCY | {OTHER_POKJA}),
    "GET /api/cases/{id}/": ("case", HANDLERS_AND_AGENCY),
    "POST /api/cases/{id}/move/": ("case", HANDLERS),
    "GET /api/pokja/meetings/": (None, MEMBERS),
    "GET /api/pokja/meetings/{id}/": ("meeting", HANDLERS_AND_AGENCY),
    "GET /api/pokja/actions/": (None, MEMBERS),
    "GET /api/pokja/actions/{id}/": ("action", HANDLERS_AND_AGENCY),
    "PATCH /api/pokja/actions/{id}/": ("action", HANDLERS_AND_AGENCY),
    "GET /api/outreach/people/": (None, HANDLERS),
    "GET /api/outreach/people/{id}/": ("person", HANDLERS),
    "GET /api/outreach/commitments/": (None, HANDLERS),
    "GET /api/outreach/commitments/{id}/": ("commitment", HANDLERS),
    "GET /api/dashboards/watch-lists/": (None, HANDLERS),
    "POST /api/dashboards/watch-lists/": (None, HANDLERS),
    "GET /api/dashboards/watch-lists/{id}/": ("watch_list", {ANALYST}),
    "PUT /api/dashboards/watch-lists/{id}/": ("watch_list", {ANALYST}),
    "PATCH /api/dashboards/watch-lists/{id}/": ("watch_list", {ANALYST}),
    "DELETE /api/dashboards/watch-lists/{id}/": ("watch_list", {ANALYST}),
    "GET /api/dashboards/notifications/": (None, MEMBERS),
    "POST /api/dashboards/notifications/read-all/": (None, MEMBERS),
    "GET /api/dashboards/notifications/{id}/": ("notification", {ANALYST}),
    "POST /api/dashboards/notifications/{id}/read/": ("notification", {ANALYST}),
    "GET /api/dashboards/positive/": (None, HANDLERS),
    "POST /api/dashboards/positive/": (None, HANDLERS),
    "GET /api/dashboards/positive/{id}/": ("positive", HANDLERS),
    "PUT /api/dashboards/positive/{id}/": ("positive", HANDLERS),
    "PATCH /api/dashboards/positive/{id}/": ("positive", HANDLERS),
    "POST /api/token/": (None, EVERYONE),
    "POST /api/token/revoke/": (None, MEMBERS),
    "POST /api/token/revoke-all/": (None, MEMBERS),
}

# Exports (pantau.dashboards.exports) and documents (pantau.documents.registry): who may make each.
EXPORTS = {
    "actions": MEMBERS - {ADMIN},
    "cases": HANDLERS_AND_AGENCY | {OTHER_POKJA},
    "clusters": HANDLERS,
    "inventory": HANDLERS,
    "posts": HANDLERS,
    "reports": HANDLERS,
}
DOCUMENTS = {
    "case": HANDLERS_AND_AGENCY,  # the case of the world is Diskominfo's
    "forwarding": HANDLERS_AND_AGENCY,  # forwarded to Diskominfo
    "inventory": HANDLERS,
    "invitation": HANDLERS,
    "minutes": HANDLERS_AND_AGENCY,  # Polres is not invited to the world's meeting
}
