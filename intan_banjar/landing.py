"""The front door `/`: signed-in people get their home page (`intan_banjar.home`), anonymous
visitors a short landing page leading to the public catalogue and to sign-in, instead of the
sign-in form they did not ask for."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .home import home


@login_not_required
@require_safe
def front_page(request):
    if request.user.is_authenticated:
        return home(request)
    return render(request, "landing.html")
