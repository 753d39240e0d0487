"""Back office: API keys. Staff manage their own keys; managers see and revoke every key."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.models import ApiToken
from eigenkracht.accounts.policies import can_see_all_api_tokens, can_use_backoffice
from eigenkracht.accounts.tokens import api_token_create, api_token_revoke, api_tokens_visible_to


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": gettext_lazy("Naam van de sleutel")}


@policy_required(can_use_backoffice)
def token_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/backoffice/token_list.html",
        {
            "tokens": api_tokens_visible_to(request.user),
            "show_owner": can_see_all_api_tokens(request.user),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy_required(can_use_backoffice)
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = api_token_create(
            user=request.user, name=form.cleaned_data["name"], actor=request.user
        )
        # Rendered, not redirected: the key exists only in this response and is never stored.
        return render(
            request, "accounts/backoffice/token_created.html", {"token": token, "key": key}
        )
    return render(request, "accounts/backoffice/token_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@policy_required(can_use_backoffice)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_visible_to(request.user), pk=pk)
    if token.is_revoked:
        messages.warning(request, _("Deze sleutel is al ingetrokken."))
        return redirect("accounts_backoffice:token_list")
    if request.method == "POST":
        api_token_revoke(token=token, actor=request.user)
        messages.success(
            request,
            _("De sleutel “%(name)s” is ingetrokken. Hij werkt vanaf nu niet meer.")
            % {"name": token.name},
        )
        return redirect("accounts_backoffice:token_list")
    return render(request, "accounts/backoffice/token_revoke.html", {"token": token})
