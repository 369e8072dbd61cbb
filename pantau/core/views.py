from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pantau.people.views import login

from .attention import attention_for
from .health import health
from .stats import labelled_stats


def home(request):
    # The front door: the login page for visitors, the overview for members.
    if not request.user.is_authenticated:
        return login(request)
    return render(request, "core/home.html", {"stats": labelled_stats(), "attention": attention_for(request.user)})


@never_cache
def healthz(request):
    status = health()
    return JsonResponse(status, status=200 if status["ok"] else 503)
