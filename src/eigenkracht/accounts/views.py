"""Login with a second factor, the user's own account page, invitations and password resets.

Login is two steps. The password step (Django's LoginView; django-axes still counts failed
passwords) does not log the user in: it remembers them in the session (`pending_login`). Then:
- no confirmed authenticator app yet: the enrolment page. It shows the QR code only to a session
  that followed a one-time link from the user's mail (see `enrolment`); otherwise it says that
  such a link was mailed. After one code confirms the app, the recovery codes are shown once and
  the user is logged in;
- otherwise: the code page, which takes a code from the app or a recovery code.
Only then are `django.contrib.auth.login` and `django_otp.login` called.
"""

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts import pending_login
from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.enrolment import (
    enrolment_grant_clear,
    enrolment_grant_new,
    enrolment_grant_store,
    enrolment_granted,
    enrolment_token_generator,
)
from eigenkracht.accounts.forms import (
    LoginCodeForm,
    LoginForm,
    PasswordResetRequestForm,
    RecoveryCodeForm,
    TotpCodeForm,
)
from eigenkracht.accounts.invitations import invitation_token_generator
from eigenkracht.accounts.models import User
from eigenkracht.accounts.pending_login import Expired, PendingLogin
from eigenkracht.accounts.policies import (
    can_manage_organisation,
    can_teach,
    can_use_backoffice,
    can_use_trajectories,
    needs_second_factor,
)
from eigenkracht.accounts.services import (
    confirmed_totp_device,
    enrolment_link_send,
    format_recovery_code,
    login_lock,
    login_lock_lift,
    login_locks,
    password_reset_completed,
    password_reset_request,
    recovery_codes_generate,
    recovery_codes_left,
    second_factor_check,
    second_factor_reset,
    totp_code_check,
    totp_device_confirm,
    totp_device_for_enrolment,
    users_with_second_factor,
)
from eigenkracht.accounts.two_factor import is_verified, second_factor_required
from eigenkracht.core.audit import audit_record
from eigenkracht.core.http import client_ip

LOW_RECOVERY_CODES = 3


def landing_url(user: Any) -> str:
    """Where a login without `next` ends: the back office for staff, their trajectories for
    coordinators and referrers, their trainings for trainers, the account page otherwise."""
    if can_use_backoffice(user):
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    if can_use_trajectories(user):
        return reverse("trajectories:list")
    if can_teach(user):
        return reverse("trainer:home")
    return reverse("accounts:overview")


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _login_again(request: HttpRequest, next_url: str = "") -> HttpResponseRedirect:
    next_url = _safe_next(request, next_url)
    if next_url:
        return redirect_to_login(next_url)
    return redirect("accounts:login")


def _expired(request: HttpRequest, error: Expired) -> HttpResponseRedirect:
    messages.error(request, _("Inloggen duurde te lang en is verlopen. Log opnieuw in."))
    return _login_again(request, error.next_url)


def _destination(request: HttpRequest, pending: PendingLogin) -> str:
    return _safe_next(request, pending.next_url) or landing_url(pending.user)


def _locked_message(locked_until) -> str:
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
    return ngettext(
        "Je gaf net een foute code in. Wacht %(seconds)d seconde en probeer het opnieuw.",
        "Je gaf net een foute code in. Wacht %(seconds)d seconden en probeer het opnieuw.",
        seconds,
    ) % {"seconds": seconds}


def _wrong_code(request: HttpRequest, pending: PendingLogin) -> HttpResponseRedirect | str:
    """Count a wrong code: the error to show, or a redirect to the password step when the
    pending login used up its attempts."""
    left = pending_login.pending_count_failure(request)
    if left == 0:
        messages.error(
            request,
            _("Je gaf te vaak een foute code in. Log opnieuw in met je wachtwoord."),
        )
        return _login_again(request, pending.next_url)
    return ngettext(
        "Deze code klopt niet. Kijk na of je de juiste code overtypte. Je hebt nog %(left)d "
        "poging.",
        "Deze code klopt niet. Kijk na of je de juiste code overtypte. Je hebt nog %(left)d "
        "pogingen.",
        left,
    ) % {"left": left}


# Password step ---------------------------------------------------------------------------------


class PasswordLoginView(auth_views.LoginView):
    """Step 1: e-mail address and password. A correct password does not log in yet."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Only a session that passed the second factor counts as logged in here; a half-logged-in
        # one sees the form (redirecting it would loop back to this page).
        if is_verified(request):
            return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if not needs_second_factor(user):
            return super().form_valid(form)
        pending_login.pending_start(self.request, user=user, next_url=self.get_redirect_url())
        if confirmed_totp_device(user) is None:
            if not enrolment_granted(self.request, user):
                enrolment_link_send(user=user)
            return redirect("accounts:login_enrol")
        return redirect("accounts:login_code")


# Code step -------------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("code", "recovery_code")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """Step 2: a code from the authenticator app, or a recovery code."""
    try:
        pending = pending_login.pending_get(request)
    except Expired as error:
        return _expired(request, error)
    if pending is None:
        return redirect("accounts:login")
    if confirmed_totp_device(pending.user) is None:
        return redirect("accounts:login_enrol")

    posted = request.POST if request.method == "POST" else None
    using_recovery = posted is not None and "recovery_code" in posted
    totp_form = LoginCodeForm(None if using_recovery else posted)
    recovery_form = RecoveryCodeForm(request.POST if using_recovery else None)
    form = recovery_form if using_recovery else totp_form
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["recovery_code" if using_recovery else "code"]
        check = second_factor_check(user=pending.user, code=code)
        if check.ok:
            pending_login.pending_complete(request, pending, check.device)
            if check.recovery_codes_left is not None:
                _recovery_code_used_message(request, check.recovery_codes_left)
            return HttpResponseRedirect(_destination(request, pending))
        if check.locked_until is not None:
            form.add_error(None, _locked_message(check.locked_until))
        else:
            outcome = _wrong_code(request, pending)
            if isinstance(outcome, HttpResponseRedirect):
                return outcome
            form.add_error(None, outcome)
    return render(
        request,
        "accounts/login_code.html",
        {"form": totp_form, "recovery_form": recovery_form, "pending_user": pending.user},
    )


def _recovery_code_used_message(request: HttpRequest, left: int) -> None:
    text = ngettext(
        "Je logde in met een herstelcode; die werkt nu niet meer. Je hebt nog %(left)d "
        "herstelcode.",
        "Je logde in met een herstelcode; die werkt nu niet meer. Je hebt nog %(left)d "
        "herstelcodes.",
        left,
    ) % {"left": left}
    if left <= LOW_RECOVERY_CODES:
        text += " " + _("Maak nieuwe herstelcodes aan via Mijn account.")
        messages.warning(request, text)
    else:
        messages.info(request, text)


# Enrolment -------------------------------------------------------------------------------------


def _qr_svg(device) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        title=_("QR-code om in je authenticator-app te scannen"),
        svgclass="qr-code",
        lineclass=None,
        omitsize=True,
    )
    # role="img": screen readers announce it as one image, named by its <title>.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's markup


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_enrol(request: HttpRequest) -> HttpResponse:
    """Step 2 for someone without an authenticator app yet: scan, confirm with one code, then
    see the recovery codes once (rendered, not redirected: they exist only in that response).
    Without a link from the user's mail in this session: a page that says where the link is."""
    try:
        pending = pending_login.pending_get(request, max_age=pending_login.ENROLMENT_SECONDS)
    except Expired as error:
        return _expired(request, error)
    if pending is None:
        return redirect("accounts:login")
    if confirmed_totp_device(pending.user) is not None:
        return redirect("accounts:login_code")
    if not enrolment_granted(request, pending.user):
        return render(request, "accounts/login_enrol_link.html", {"pending_user": pending.user})

    device = totp_device_for_enrolment(user=pending.user, device_id=pending.enrolment_device_id)
    pending_login.pending_remember_enrolment_device(request, device.pk)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = totp_code_check(device=device, code=form.cleaned_data["code"])
        if check.ok:
            codes = totp_device_confirm(device=check.device, actor=pending.user)
            enrolment_grant_clear(request)
            pending_login.pending_complete(request, pending, check.device)
            return _render_recovery_codes(
                request, codes, next_url=_destination(request, pending), first_time=True
            )
        if check.locked_until is not None:
            form.add_error(None, _locked_message(check.locked_until))
        else:
            outcome = _wrong_code(request, pending)
            if isinstance(outcome, HttpResponseRedirect):
                return outcome
            form.add_error(None, outcome)
    return render(
        request,
        "accounts/login_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _grouped_secret(device),
            "pending_user": pending.user,
            "issuer": getattr(settings, "OTP_TOTP_ISSUER", ""),
        },
    )


def _render_recovery_codes(
    request: HttpRequest, codes: list[str], *, next_url: str, first_time: bool
) -> HttpResponse:
    response = render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": [format_recovery_code(code) for code in codes],
            "next_url": next_url,
            "first_time": first_time,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _user_from_uidb64(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


@never_cache
@require_http_methods(["GET"])
def enrolment_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link from the mail: its token goes into the session and the browser moves on
    to an address without it (the login, or straight to the enrolment when the password step was
    just taken in this browser)."""
    user = _user_from_uidb64(uidb64)
    if user is None or not enrolment_token_generator.check_token(user, token):
        return render(request, "accounts/enrolment_link_invalid.html")
    enrolment_grant_store(request, user=user, token=token)
    try:
        pending = pending_login.pending_get(request, max_age=pending_login.ENROLMENT_SECONDS)
    except Expired:
        pending = None
    if pending is not None and pending.user.pk == user.pk:
        return redirect("accounts:login_enrol")
    messages.info(
        request,
        _("Log in met je e-mailadres en wachtwoord; daarna stel je je authenticator-app in."),
    )
    return redirect("accounts:login")


# The user's own account ------------------------------------------------------------------------


@never_cache
@second_factor_required
def overview(request: HttpRequest) -> HttpResponse:
    """Mijn account: who you are, your second factor and how many recovery codes are left."""
    left = recovery_codes_left(request.user)
    return render(
        request,
        "accounts/overview.html",
        {
            "device": confirmed_totp_device(request.user),
            "codes_left": left,
            "codes_low": left <= LOW_RECOVERY_CODES,
            "can_use_backoffice": can_use_backoffice(request.user),
            "can_manage_users": can_manage_organisation(request.user),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@second_factor_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """POST: new recovery codes (the old ones stop working), shown once."""
    if request.method != "POST":
        return redirect("accounts:overview")
    codes = recovery_codes_generate(user=request.user, actor=request.user)
    return _render_recovery_codes(
        request, codes, next_url=reverse("accounts:overview"), first_time=False
    )


# Managers: other users' second factor ----------------------------------------------------------


@policy_required(can_manage_organisation)
def user_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/backoffice/user_list.html",
        {
            "users": users_with_second_factor(),
            "locks": login_locks(),
            "axes_failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy_required(can_manage_organisation)
def lock_lift(request: HttpRequest, lock_id: int) -> HttpResponse:
    """A manager lifts a login lock (audited), after a confirmation page."""
    lock = login_lock(lock_id)
    if lock is None:
        messages.info(request, _("Deze blokkering is al opgeheven of verlopen."))
        return redirect("accounts:user_list")
    if request.method == "POST":
        login_lock_lift(lock=lock, actor=request.user, ip_address=client_ip(request))
        messages.success(
            request,
            _("%(username)s kan vanaf %(address)s weer inloggen.")
            % {"username": lock.username or "—", "address": lock.ip_address or "—"},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/backoffice/login_lock_lift.html", {"lock": lock})


@require_http_methods(["GET", "POST"])
@policy_required(can_manage_organisation)
def user_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager removes someone else's authenticator app and recovery codes (audited); that
    person sets up a new app at their next login."""
    user = get_object_or_404(User.objects.exclude(pk=request.user.pk), pk=pk)
    if request.method == "POST":
        second_factor_reset(user=user, actor=request.user)
        messages.success(
            request,
            _(
                "De tweede factor van %(name)s is gewist. %(name)s kreeg een mail met een link "
                "om een nieuwe authenticator-app in te stellen."
            )
            % {"name": user},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/backoffice/user_second_factor_reset.html", {"person": user})


# Invitations -----------------------------------------------------------------------------------


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page to choose a new password from the mailed link; it also lifts the login
    locks on the account, as the lock page promises."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            password_reset_completed(user=self.user, ip_address=client_ip(self.request))
        return response


class InvitationView(auth_views.PasswordResetConfirmView):
    """The one-time invitation link: choose a password, then log in and set up the app. The
    invitation proved that this browser reads the user's mail, so this session may enrol."""

    template_name = "accounts/invitation.html"
    token_generator = invitation_token_generator
    reset_url_token = "wachtwoord-kiezen"  # noqa: S105 - a URL segment, not a secret
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(actor=self.user, action="user.invitation_accepted", obj=self.user, data={})
        enrolment_grant_new(self.request, user=self.user)
        messages.success(
            self.request,
            _("Je wachtwoord is ingesteld. Log nu in; daarna stel je je authenticator-app in."),
        )
        return response


# Forgotten password ----------------------------------------------------------------------------


class PasswordResetRequestView(auth_views.PasswordResetView):
    """The same answer, as fast, whether or not the address has an account: the lookup and the
    mail happen in a task. Each request counts against the client's address."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetRequestForm) -> HttpResponse:
        if not password_reset_request(
            email=form.cleaned_data["email"], client_address=client_ip(self.request)
        ):
            form.add_error(
                None,
                _(
                    "Er werden vanaf jouw internetadres te veel nieuwe wachtwoorden aangevraagd. "
                    "Probeer het over een uur opnieuw, of neem contact met ons op."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return HttpResponseRedirect(self.get_success_url())
