"""Where a case can be forwarded, as data: the addressee of the letter, the pokja agencies told, the rules.

`agencies` are the codes of the pokja's agencies (people/agencies.py) whose
members are told in the app and by e-mail; the coordinator may add others.
`answer_rule` is the key of the deadline rule (data/procedure.toml) the
receiving agency's answer runs under, or None where the law sets no time.
`identity_may_be_required`: the reporter is a witness in a criminal
investigation, so the police may need their identity; everywhere else the
letter never names the reporter.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.audit.log import record

from . import domain


@dataclass(frozen=True)
class Destination:
    key: str
    name: str | Promise
    addressee: str  # "Kepada Yth." of the letter; {region} is the office's regency (PANTAU_OFFICE_REGION_CODE)
    status: str  # the case's status once forwarded there
    agencies: tuple[str, ...]
    basis: str
    answer_rule: str | None = None
    identity_may_be_required: bool = False


DESTINATIONS = [
    Destination(
        key="gakkumdu",
        name=gettext_lazy("Sentra Gakkumdu (election crime)"),
        addressee="Koordinator Sentra Penegakan Hukum Terpadu (Gakkumdu) {region}",
        status=domain.FORWARDED_GAKKUMDU,
        agencies=("polres", "kejaksaan"),
        basis="UU 1/2015 jo. UU 10/2016 Pasal 152 (Sentra Gakkumdu)",
        answer_rule="follow_up_gakkumdu",
        identity_may_be_required=True,
    ),
    Destination(
        key="kpu",
        name=gettext_lazy("KPU (administrative violation)"),
        addressee="Ketua Komisi Pemilihan Umum {region}",
        status=domain.FORWARDED_KPU,
        agencies=("kpu",),
        basis="UU 1/2015 jo. UU 10/2016 Pasal 139 dan 140",
        answer_rule="follow_up_kpu",
    ),
    Destination(
        key="police",
        name=gettext_lazy("The police (other offences, e.g. UU ITE)"),
        addressee="Kepala Kepolisian Resor {region}",
        status=domain.FORWARDED_OTHER,
        agencies=("polres",),
        basis="UU 10/2016 Pasal 134 ayat (1); pelanggaran peraturan perundang-undangan lainnya",
        answer_rule="follow_up_other",
        identity_may_be_required=True,
    ),
    Destination(
        key="kasn",
        name=gettext_lazy("Civil-service commission (KASN/BKN, neutrality)"),
        addressee="Kepala Badan Kepegawaian Negara (pengawasan netralitas ASN, dahulu KASN)",
        status=domain.FORWARDED_OTHER,
        agencies=(),
        basis="UU 10/2016 Pasal 70 dan 71; UU 20/2023 tentang ASN",
        answer_rule="follow_up_other",
    ),
    Destination(
        key="other",
        name=gettext_lazy("Another agency"),
        addressee="",
        status=domain.FORWARDED_OTHER,
        agencies=(),
        basis="UU 10/2016 Pasal 134 ayat (1); pelanggaran peraturan perundang-undangan lainnya",
        answer_rule="follow_up_other",
    ),
]
DESTINATION_BY_KEY = {d.key: d for d in DESTINATIONS}

# A case is forwarded once its violation is decided; a forwarded case may go to one more agency.
FORWARDABLE = {domain.VIOLATION, domain.FORWARDED_KPU, domain.FORWARDED_GAKKUMDU, domain.FORWARDED_OTHER}
FORWARDED = {d.status for d in DESTINATIONS}


class ForwardingRefused(ValueError):
    """The forwarding cannot be made as asked: the message says why, in one line for the person."""


def receiving_agencies(destination: Destination, chosen=()):
    from pantau.people.models import Agency

    return sorted({*Agency.objects.filter(code__in=destination.agencies), *chosen}, key=lambda a: a.short_name)


def office_region() -> str:
    from pantau.regions.models import Region

    region = Region.objects.filter(code=settings.PANTAU_OFFICE_REGION_CODE).first()
    return region.name if region else settings.PANTAU_OFFICE_CITY


def addressee_of(forwarding) -> str:
    """The letter's addressee: as the coordinator wrote it, else the destination's, else the agencies' heads."""
    if forwarding.addressee:
        return forwarding.addressee
    destination = DESTINATION_BY_KEY.get(forwarding.destination)
    if destination and destination.addressee:
        return destination.addressee.format(region=office_region())
    return ", ".join(f"Pimpinan {agency.name}" for agency in forwarding.agencies.all())


@transaction.atomic
def forward(case, user, destination_key, *, agencies=(), addressee="", request="", with_identity=False, now=None):
    """Forward a decided case: the status, a letter number from the register, the answer's deadline,
    the case shared with the receiving agencies and their pokja members told in the app and by e-mail."""
    from pantau.documents.numbering import issue_number

    from . import services
    from .models import CaseEvent, Forwarding

    destination = DESTINATION_BY_KEY.get(destination_key)
    if destination is None:
        raise ForwardingRefused(_("Choose where the case goes."))
    if case.status not in FORWARDABLE:
        raise ForwardingRefused(_("Only a case decided to be a violation can be forwarded."))
    if with_identity and not (destination.identity_may_be_required and case.report_id and case.report.identity_token):
        raise ForwardingRefused(_("The reporter's identity may go only to the police or Sentra Gakkumdu, of a report."))
    agencies = receiving_agencies(destination, agencies)
    if not agencies and not (addressee or destination.addressee):
        raise ForwardingRefused(_("Name the receiving agency: choose it or write the addressee."))
    now = now or timezone.now()
    if case.status != destination.status and destination.status in domain.TRANSITIONS.get(case.status, set()):
        services.move(case, destination.status, user, note=str(destination.name), now=now)
    deadline = services.open_deadline(case, destination.answer_rule, started=now) if destination.answer_rule else None
    forwarding = Forwarding.objects.create(
        case=case,
        destination=destination.key,
        addressee=addressee[:255],
        request=request,
        with_identity=with_identity,
        sent_by=user,
        deadline=deadline,
    )
    forwarding.agencies.set(agencies)
    recipient = addressee_of(forwarding) or ", ".join(a.name for a in agencies)
    forwarding.number = issue_number(
        f"forwarding:{forwarding.pk}", "forwarding", subject="Penerusan dugaan pelanggaran", recipient=recipient,
        user=user,
    ).number  # fmt: skip
    forwarding.save(update_fields=["number"])
    case.agencies.add(*agencies)
    CaseEvent.objects.create(
        case=case, actor=user, kind=CaseEvent.Kind.FORWARDED, text=f"{forwarding.number} · {recipient}"
    )
    record(
        user,
        "case.forwarded",
        case,
        destination=destination.key,
        agencies=[a.code for a in agencies],
        number=forwarding.number,
        with_identity=with_identity,
    )
    transaction.on_commit(lambda: notify_agencies(forwarding))
    return forwarding


def notify_agencies(forwarding) -> int:
    """Tell the receiving agencies' pokja members, in the app and by e-mail: the case by number and title
    as they may see it, the letter's number and the deadline; nothing of the reporter."""
    from pantau.dashboards.alerts import notify
    from pantau.people.models import User
    from pantau.people.roles import Role

    from .access import title_for

    case = forwarding.case
    destination = DESTINATION_BY_KEY[forwarding.destination]
    members = User.objects.filter(agency__in=forwarding.agencies.all(), role=Role.POKJA, is_active=True)
    told = 0
    for member in members:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Case %(number)s forwarded to %(where)s") % {"number": case.reference, "where": destination.name}
            lines = [
                title_for(member, case),
                _("Forwarding letter %(number)s.") % {"number": forwarding.number},
            ]
            if forwarding.deadline:
                due = timezone.localtime(forwarding.deadline.due_at).strftime("%d-%m-%Y")
                lines.append(
                    _("Answer due %(due)s (%(basis)s).") % {"due": due, "basis": forwarding.deadline.rule_def.basis}
                )
        url = reverse("cases:detail", args=[case.pk])
        told += notify(member, title, "\n".join(lines), url, key=f"case.forwarded:{forwarding.pk}")
    return told


@transaction.atomic
def record_answer(forwarding, user, answer: str, answered_on) -> None:
    """The receiving agency's answer: it meets the answer's deadline."""
    from .models import CaseDeadline, CaseEvent

    forwarding.answer = answer
    forwarding.answered_on = answered_on
    forwarding.answer_recorded_by = user
    forwarding.save(update_fields=["answer", "answered_on", "answer_recorded_by"])
    if forwarding.deadline_id:
        CaseDeadline.objects.filter(pk=forwarding.deadline_id, met_at__isnull=True).update(met_at=timezone.now())
    CaseEvent.objects.create(
        case=forwarding.case, actor=user, kind=CaseEvent.Kind.ANSWERED, text=f"{forwarding.number}: {answer}"
    )
    record(user, "case.forwarding_answered", forwarding.case, number=forwarding.number, answered_on=answered_on)
