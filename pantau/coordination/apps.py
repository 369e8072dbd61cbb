"""Coordinated posting: accounts that post the same text or link together."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "pantau.coordination"
    label = "coordination"
    verbose_name = _("Coordination")
