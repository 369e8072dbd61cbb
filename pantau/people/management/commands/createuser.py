import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pantau.people.roles import ASSIGNABLE_ROLES
from pantau.people.services import create_user


class Command(BaseCommand):
    help = "Create a user with a role and an agency."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ASSIGNABLE_ROLES))
        parser.add_argument("--agency", default="bawaslu", help="Agency code (bawaslu, diskominfo, polres, ...).")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="Full name.")
        parser.add_argument("--password", help="Password (asked for when left out).")

    def handle(self, *args, **options):
        password = options["password"] or getpass.getpass("Password: ")
        first, _, last = options["name"].partition(" ")
        try:
            user = create_user(
                options["username"],
                password,
                options["role"],
                options["agency"],
                first_name=first,
                last_name=last,
                email=options["email"],
            )
        except ValidationError as exc:
            raise CommandError("password not accepted: " + " ".join(exc.messages)) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}, {user.agency})")
