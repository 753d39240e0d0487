"""The office's page to mail the participants of a training: write, preview, send."""

import uuid

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.trainings.messages import services
from eigenkracht.trainings.messages.forms import TrainingMessageForm
from eigenkracht.trainings.models import Training


@policy_required(can_use_backoffice)
@require_http_methods(["GET", "POST"])
def training_message(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training.objects.select_related("venue"), pk=pk)
    counts = services.audience_counts(training)
    form = TrainingMessageForm(request.POST or None, initial={"audience": "active"})
    preview = None
    digest = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        first = services.audience_registrations(training, message.audience).first()
        try:
            services.message_check(services.message_texts(message))
            if first is None:
                form.add_error("audience", _("Er is niemand in deze groep om te mailen."))
            elif (
                request.POST.get("action") == "send"
                and request.POST.get("previewed") == services.message_digest(message)
                and (send_key := services.send_key_read(request.POST.get("send_key")))
            ):  # without the preview's key (a page from before it had one) the preview shows again
                try:
                    services.training_message_send(
                        training=training, message=message, actor=request.user, send_key=send_key
                    )
                except services.AlreadySent:
                    flash.info(request, _("Deze mail was al verstuurd: ze gaat niet nog eens weg."))
                    return redirect("trainings_backoffice:training_detail", pk=training.pk)
                flash.success(
                    request,
                    ngettext(
                        "De mail staat klaar in de outbox voor %(count)d inschrijving.",
                        "De mail staat klaar in de outbox voor %(count)d inschrijvingen.",
                        message.recipients,
                    )
                    % {"count": message.recipients},
                )
                return redirect("trainings_backoffice:training_detail", pk=training.pk)
            else:
                if request.POST.get("action") == "send":
                    flash.warning(
                        request,
                        _("De mail veranderde na het voorbeeld: bekijk ze opnieuw, verstuur dan.")
                        if request.POST.get("previewed") != services.message_digest(message)
                        else _("Bekijk het voorbeeld nog eens en verstuur dan."),
                    )
                message.training = training
                preview = services.message_preview(message=message, registration=first)
                digest = services.message_digest(message)
        except services.MessageInvalid as exc:
            for field, problems in exc.problems.items():
                for problem in problems:
                    form.add_error(field, problem)
    if form.errors:
        status = 400
    return render(
        request,
        "trainings/messages/training_message.html",
        {
            "training": training,
            "form": form,
            "audience_choices": [
                (choice, counts.get(choice.data["value"], 0)) for choice in form["audience"]
            ],
            "chosen_count": counts.get(form["audience"].value() or "active", 0),
            "preview": preview,
            "digest": digest,
            # A new key for every preview: the send it leads to goes out once.
            "send_key": uuid.uuid4() if preview else None,
            "placeholders": services.placeholders(),
            "sent": training.messages.select_related("created_by")[:20],
            "section": "trainings",
        },
        status=status,
    )
