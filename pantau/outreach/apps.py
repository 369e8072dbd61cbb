"""People outside the office (group admins, moderators, page owners, figures), their invitations and commitments."""

from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "pantau.outreach"
    label = "outreach"
