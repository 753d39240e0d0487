"""The office edits the trainings mails: a list, an editor with preview and test send, a reset.

Views stay thin: they check the policy, call a service and render.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.http import client_ip
from eigenkracht.trainings.mail_templates import services
from eigenkracht.trainings.mail_templates.forms import MailTemplateForm
from eigenkracht.trainings.mail_templates.kinds import DJANGO_LANGUAGE, Language, MailKind
from eigenkracht.trainings.mail_templates.languages import languages_offered, texts_missing
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.services import registration_viewed

backoffice_view = policy_required(can_use_backoffice)

ACTION_SAVE, ACTION_PREVIEW, ACTION_TEST = "save", "preview", "test"


def _mail_or_404(kind: str, language: str) -> MailKind:
    mail = services.mail_kind_or_none(kind, language)
    if mail is None:
        raise Http404
    return mail


@backoffice_view
def mail_template_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trainings/mail_templates/list.html",
        {
            "rows": services.mail_template_overview(),
            "languages": Language.choices,
            "offers": [
                (Language(language).label, missing) for language, missing in texts_missing().items()
            ],
        },
    )


def _choices(selected: Registration | None) -> list[Registration]:
    registrations = list(services.preview_registrations())
    if selected is not None and selected.pk not in {r.pk for r in registrations}:
        registrations.insert(0, selected)
    return registrations


@backoffice_view
@require_http_methods(["GET", "POST"])
def mail_template_edit(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    mail = _mail_or_404(kind, language)
    saved = services.mail_template_get(kind, language)
    data = request.POST if request.method == "POST" else None
    registration = services.preview_registration(
        (data or request.GET).get("registration") or request.GET.get("inschrijving"),
        asks_payment=mail.with_qr,
    )
    if saved is not None:
        initial = {"subject": saved.subject, "body": saved.body}
    else:
        subject, body = services.starter_text(kind, language)
        initial = {"subject": subject, "body": body}
    if registration is not None:
        initial["registration"] = registration.pk
        # The preview shows this registrant's name, address and link.
        registration_viewed(
            registration=registration,
            actor=request.user,
            page=f"mail_template_preview:{kind}:{language}",
            ip_address=client_ip(request),
        )
    form = MailTemplateForm(data, initial=initial, mail=mail, registrations=_choices(registration))
    preview, preview_of_editor = None, False
    status = 200
    if data is not None:
        action = data.get("action", ACTION_SAVE)
        if not form.is_valid():
            status = 400
            messages.error(request, _("De tekst bevat fouten: kijk de foutmeldingen na."))
        elif action == ACTION_SAVE:
            services.mail_template_save(
                mail=mail,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                actor=request.user,
            )
            messages.success(
                request, _("De tekst is bewaard. Vanaf nu gaat deze versie de deur uit.")
            )
            return redirect("trainings_mail_templates:edit", kind=kind, language=language)
        elif registration is None:
            messages.error(
                request, _("Er zijn nog geen inschrijvingen om een voorbeeld mee te maken.")
            )
        elif action == ACTION_TEST:
            services.mail_template_test_send(
                mail=mail,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                registration=registration,
                actor=request.user,
            )
            messages.success(
                request,
                _("De testmail is verstuurd naar %(email)s. De tekst is nog niet bewaard.")
                % {"email": request.user.email},
            )
        if form.is_valid() and registration is not None:
            preview_of_editor = True
            preview = services.preview_office_text(
                mail=mail,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                registration=registration,
            )
    elif registration is not None:
        if saved is not None:
            preview = services.preview_office_text(
                mail=mail,
                language=language,
                subject=saved.subject,
                body=saved.body,
                registration=registration,
            )
        else:
            preview = services.preview_standard(mail=mail, registration=registration)
    return render(
        request,
        "trainings/mail_templates/edit.html",
        {
            "mail": mail,
            "language": language,
            "language_label": Language(language).label,
            "saved": saved,
            "form": form,
            "registration": registration,
            "preview": preview,
            "preview_of_editor": preview_of_editor,
        },
        status=status,
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def mail_template_reset(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    mail = _mail_or_404(kind, language)
    saved = services.mail_template_get(kind, language)
    if request.method == "POST":
        if services.mail_template_reset(mail=mail, language=language, actor=request.user):
            messages.success(request, _("De standaardtekst wordt weer gebruikt."))
        return redirect("trainings_mail_templates:edit", kind=kind, language=language)
    if saved is None:
        messages.info(request, _("Voor deze mail wordt de standaardtekst al gebruikt."))
        return redirect("trainings_mail_templates:edit", kind=kind, language=language)
    return render(
        request,
        "trainings/mail_templates/reset.html",
        {
            "mail": mail,
            "language": language,
            "language_label": Language(language).label,
            "offered": language != Language.NL
            and DJANGO_LANGUAGE[language] in dict(languages_offered()),
        },
    )
