"""Endpoints of API tokens: exchange a password for a token, revoke your own."""

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .permissions import IsMember
from .tokens import issue_token, revoke_token, revoke_tokens


class Credentials(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, write_only=True, style={"input_type": "password"})


IssuedToken = inline_serializer(
    "IssuedToken", {"token": serializers.CharField(), "expiry": serializers.DateTimeField(allow_null=True)}
)


@extend_schema(request=Credentials, responses={200: IssuedToken}, auth=[])
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([])
def obtain_token(request):
    """A new token for a username and password; the token is in this answer only, never again."""
    credentials = Credentials(data=request.data)
    credentials.is_valid(raise_exception=True)
    # The Django request, so that django-axes counts failures by the caller's address and the audit
    # log hears user_login_failed / user_logged_in as for the login form.
    http_request = request._request
    user = authenticate(http_request, **credentials.validated_data)
    if user is None:
        raise ValidationError(_("Unable to log in with that username and password."))
    token, secret = issue_token(user)
    user_logged_in.send(sender=user.__class__, request=http_request, user=user)
    return Response({"token": secret, "expiry": token.expiry})


@extend_schema(request=None, responses={204: None})
@api_view(["POST"])
@permission_classes([IsMember])
def revoke_current_token(request):
    """End the token that makes this call (a script's log-out)."""
    if request.auth is None:
        raise ValidationError(_("This call was not made with an API token."))
    revoke_token(request.auth)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    request=None, responses={200: inline_serializer("RevokedTokens", {"revoked": serializers.IntegerField()})}
)
@api_view(["POST"])
@permission_classes([IsMember])
def revoke_all_tokens(request):
    """End every token of the caller (e.g. after a laptop is lost)."""
    return Response({"revoked": revoke_tokens(request.user)})
