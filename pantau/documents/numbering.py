"""The register of outgoing letters: numbers per year and classification code, never reused.

A number is issued for a key (what the letter is: "invitation:person:12"), so
making the same letter again prints the number it already has, and no two
letters share one. The form comes from PANTAU_LETTER_NUMBER_FORMAT.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import IssuedNumber

ATTEMPTS = 5


def format_number(sequence: int, code: str, day) -> str:
    return settings.PANTAU_LETTER_NUMBER_FORMAT.format(seq=sequence, code=code, month=day.month, year=day.year)


def issue_number(key: str, kind: str, subject="", recipient="", user=None, code=None, day=None) -> IssuedNumber:
    """The number issued for `key`, issuing the next one of its year and code the first time."""
    existing = IssuedNumber.objects.filter(key=key).first()
    if existing:
        return existing
    day = day or timezone.localdate()
    code = code or settings.PANTAU_LETTER_CLASSIFICATION
    for _attempt in range(ATTEMPTS):
        last = IssuedNumber.objects.filter(year=day.year, code=code).aggregate(n=Max("sequence"))["n"] or 0
        try:
            # Two workers may take the same next sequence; the unique constraint lets one win, the other retries.
            with transaction.atomic():
                return IssuedNumber.objects.create(
                    year=day.year,
                    code=code,
                    sequence=last + 1,
                    number=format_number(last + 1, code, day),
                    key=key,
                    kind=kind,
                    subject=subject[:255],
                    recipient=recipient[:500],
                    issued_by=user if getattr(user, "pk", None) else None,
                )
        except IntegrityError:
            existing = IssuedNumber.objects.filter(key=key).first()
            if existing:
                return existing
    raise IntegrityError(f"could not issue a letter number for {key} after {ATTEMPTS} attempts")


def register():
    return IssuedNumber.objects.select_related("issued_by")
