"""The pokja's action items as an export, registered in pantau.dashboards.

Rows come from actions_for(user): a member's export holds their agency's
items only; `user` None (the `pantau export` command) is the office at the
server: every item.
"""

from pantau.dashboards.exports import CHUNK, Sheet, export_kind
from pantau.jobs.db import in_chunks

from .access import POKJA_ROLES, actions_for
from .models import ActionItem


@export_kind("actions", "Tindak lanjut pokja", POKJA_ROLES)
def actions_export(user):
    def rows():
        found = actions_for(user) if user is not None else ActionItem.objects.all()
        for a in in_chunks(found.select_related("meeting", "owner_agency", "owner_person").order_by("pk"), CHUNK):
            yield [a.pk, a.meeting.title, a.title, str(a.owner_agency), str(a.owner_person or ""),
                   a.due_date.isoformat() if a.due_date else "", a.status]  # fmt: skip

    return [Sheet("Tindak lanjut", ["id", "rapat", "tindak lanjut", "instansi", "orang", "tenggat", "status"], rows())]
