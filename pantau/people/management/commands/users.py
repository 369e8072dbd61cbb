from django.core.management.base import BaseCommand, CommandError

from pantau.people import grants
from pantau.people.models import Agency, User
from pantau.people.roles import ASSIGNABLE_ROLES


class Command(BaseCommand):
    help = "Users' roles and agencies from the server: list, set-role, set-agency, grants (logged in the audit log)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Every user with role, agency and whether active.")
        role = sub.add_parser("set-role", help="Give a user a role directly (the operator needs no confirmation).")
        role.add_argument("username")
        role.add_argument("role", choices=sorted(ASSIGNABLE_ROLES))
        agency = sub.add_parser("set-agency", help="Move a user to another agency.")
        agency.add_argument("username")
        agency.add_argument("agency", help="Agency code (bawaslu, diskominfo, polres, ...).")
        sub.add_parser("grants", help="Role grants waiting for a coordinator's confirmation.")

    def handle(self, *args, action, **options):
        getattr(self, "_" + action.replace("-", "_"))(options)

    def _user(self, username):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        return user

    def _list(self, options):
        for user in User.objects.select_related("agency").order_by("username"):
            active = "" if user.is_active else "  (inactive)"
            self.stdout.write(f"{user.username:<20} {user.role:<12} {user.agency.code if user.agency else '-'}{active}")

    def _set_role(self, options):
        user = self._user(options["username"])
        grants.set_role(user, options["role"], by=None)
        self.stdout.write(f"{user.username} now has the role {user.role}")

    def _set_agency(self, options):
        user = self._user(options["username"])
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            known = ", ".join(Agency.objects.values_list("code", flat=True))
            raise CommandError(f"unknown agency {options['agency']!r}; known agencies: {known}")
        grants.set_agency(user, agency, by=None)
        self.stdout.write(f"{user.username} now belongs to {agency.code}")

    def _grants(self, options):
        waiting = grants.pending_grants()
        for grant in waiting:
            by = grant.requested_by.username if grant.requested_by else "-"
            change = f"{grant.previous_role} -> {grant.role}"
            self.stdout.write(f"{grant.pk:<6} {grant.user.username:<20} {change}  asked by {by}")
        if not waiting:
            self.stdout.write("no role grant waits for confirmation")
