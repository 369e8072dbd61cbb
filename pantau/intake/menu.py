from django.utils.translation import gettext_lazy as _

POSTS = _("Posts")
IMPORT = _("Import")
