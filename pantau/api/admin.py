"""No API token in Django's admin: knox registers its token model there (digests, and a form
that mints tokens for any user); office IT revokes a user's tokens from the user list instead."""

from django.contrib import admin
from knox import admin as knox_admin  # registers AuthToken first, so that it can be taken away
from knox.models import AuthToken

if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)
del knox_admin
