"""Every signed-in person's own profile: name, phone, language; links to the password change;
signing out the other sessions. The language chosen here also applies at each sign-in
(`views.LoginView` sets the language cookie the pages follow)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intan_banjar.pages import attempt

from . import services
from .forms import ProfileForm
from .views import with_language_cookie


@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    language = user.language or translation.get_language()
    initial = {"full_name": user.full_name, "phone": user.phone, "language": language}
    form, status = ProfileForm(initial=initial), 200
    if request.method == "POST":
        form, status = ProfileForm(request.POST), 400
        if form.is_valid():
            result = attempt(
                request,
                lambda: services.profile_update(by=user, user=user, **form.cleaned_data),
                form=form,
            )
            if not result.failed:
                language = result.value.language
                with translation.override(language):
                    messages.success(request, _("Your profile is saved."))
                return with_language_cookie(redirect("profile"), language)
            status = result.status
    return render(request, "accounts/profile.html", {"form": form}, status=status)


@require_POST
def sign_out_other_sessions(request):
    """End the user's sessions in every other browser and their API token; this one stays."""
    # Every session's hash changes; storing the new one here keeps this session alone.
    services.user_sign_out_everywhere(user=request.user)
    update_session_auth_hash(request, request.user)
    messages.success(request, _("Your other sessions are signed out."))
    return redirect("profile")
