from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pantau.api.tokens import live_tokens, revoke_tokens
from pantau.people.models import User


class Command(BaseCommand):
    help = "API tokens: list who holds live ones (never the tokens themselves), revoke a user's."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Users with live tokens: how many, and when the last one expires.")
        revoke = sub.add_parser("revoke", help="End every token of the named users.")
        revoke.add_argument("usernames", nargs="+")

    def handle(self, *args, **options):
        if options["action"] == "list":
            return self.list_holders()
        return self.revoke(options["usernames"])

    def list_holders(self):
        for user in User.objects.order_by("username"):
            tokens = list(live_tokens(user))
            if tokens:
                last = max((t.expiry for t in tokens if t.expiry), default=None)
                until = timezone.localtime(last).strftime("%Y-%m-%d %H:%M") if last else "never"
                self.stdout.write(f"{user.username:<20} {len(tokens):>3} token(s), last expires {until}")

    def revoke(self, usernames):
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        unknown = [name for name in usernames if name not in users]
        if unknown:
            raise CommandError(f"unknown user(s): {', '.join(unknown)}")
        for name in usernames:
            self.stdout.write(f"{name}: {revoke_tokens(users[name])} token(s) revoked")
