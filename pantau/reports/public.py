"""Which pages belong to the public (reporters) rather than to the office."""

from django.urls import reverse


def is_public_path(path: str) -> bool:
    """The report form, receipt, status and privacy pages: /lapor/ but not the staff's /lapor/staf/."""
    return path.startswith(reverse("reports:form")) and not path.startswith(reverse("reports:staff_list"))
