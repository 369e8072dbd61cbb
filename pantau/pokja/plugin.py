"""What the pokja adds to the shared seams (pantau.core.seams): its actions export and agenda source.

The export's rows come from actions_for(user): a member's export holds their
agency's items only; `user` None (the `pantau export` command) is the office
at the server: every item.
"""

from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.attention import Attention
from pantau.core.seams import seams
from pantau.dashboards import svg
from pantau.dashboards.exports import CHUNK, Sheet
from pantau.jobs.db import in_chunks
from pantau.people.roles import MEMBER_ROLES, has_role

from . import api, demo
from .access import POKJA_ROLES, actions_for
from .agenda import Proposal
from .letters import minutes
from .models import ActionItem

seams.documents.add(minutes, "minutes", "Notulen rapat", MEMBER_ROLES, needs_meeting=True)


@seams.exports("actions", "Tindak lanjut pokja", POKJA_ROLES)
def actions_export(user):
    def rows():
        found = actions_for(user) if user is not None else ActionItem.objects.all()
        for a in in_chunks(found.select_related("meeting", "owner_agency", "owner_person").order_by("pk"), CHUNK):
            yield [a.pk, a.meeting.title, a.title, str(a.owner_agency), str(a.owner_person or ""),
                   a.due_date.isoformat() if a.due_date else "", a.status]  # fmt: skip

    return [Sheet("Tindak lanjut", ["id", "rapat", "tindak lanjut", "instansi", "orang", "tenggat", "status"], rows())]


@seams.agenda_sources("pokja.actions", order=30)
def open_actions(meeting, since, user=None):
    rows = ActionItem.objects.all() if user is None else actions_for(user)
    rows = rows.exclude(status=ActionItem.Status.DONE).exclude(meeting=meeting)
    rows = list(rows.select_related("owner_agency")[:50])
    if not rows:
        return []
    today = timezone.localdate()
    lines = []
    for row in rows:
        late = _(" (OVERDUE)") if row.due_date and row.due_date < today else ""
        due = row.due_date.isoformat() if row.due_date else "-"
        lines.append(f"- {row.title} [{row.owner_agency}] {due}{late}")
    overdue = sum(1 for row in rows if row.due_date and row.due_date < today)
    return [
        Proposal(
            _("Follow-up of open action items (%(count)d, %(overdue)d overdue)")
            % {"count": len(rows), "overdue": overdue},
            "\n".join(lines),
            "pokja.actions",
        )
    ]


@seams.panels("actions", gettext_lazy("Action items by status"), MEMBER_ROLES, order=50)
def actions_by_status(user):
    rows = actions_for(user)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    overdue = rows.exclude(status=ActionItem.Status.DONE).filter(due_date__lt=timezone.localdate()).count()
    items = [(label, counts.get(value, 0)) for value, label in ActionItem.Status.choices]
    return render_to_string(
        "pokja/panels/actions.html", {"chart": mark_safe(svg.bars(items, _("Action items"))), "overdue": overdue}
    )


seams.menu.add("pokja:list", gettext_lazy("Pokja"), order=110)


@seams.attention.add
def waiting_work(user):
    if not has_role(user, MEMBER_ROLES):
        return []
    late = actions_for(user).exclude(status=ActionItem.Status.DONE).filter(due_date__lt=timezone.localdate()).count()
    return [Attention(_("Follow-up actions past their due date"), late, reverse("pokja:actions"), urgent=True)]


seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
