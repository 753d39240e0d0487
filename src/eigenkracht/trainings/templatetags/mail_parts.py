"""`{% training_part "trainings/emails/_dates_and_place.html" training sessions %}`: a part of a
mail that shows only the training and the sessions it is given (its dates and its place), made
once per mail task for each training.

A statement's confirmations are thousands of mails about a few hundred trainings: rendering the
same sessions and venue for every one of them was a third of composing a mail. The part is
rendered with the training and the sessions alone in its context, so it cannot show anything of
one mail's registration to another. The sessions are given, not read from the training: the
office's preview of a move shows the sessions as typed, before they are saved. The part is made
again when the training, its venue, its stored sessions or the sessions given differ as loaded
for this mail, or the language or escaping (the text and the HTML body) does. Outside a mail
task it is rendered every time.
"""

from collections.abc import Sequence

from django import template
from django.template import Context
from django.utils.safestring import SafeString

from eigenkracht.core.templatetags.mail_frame import shared_part
from eigenkracht.trainings.emails import training_made_from
from eigenkracht.trainings.models import Session, Training

register = template.Library()


@register.simple_tag(takes_context=True)
def training_part(
    context: Context, template_name: str, training: Training, sessions: Sequence[Session]
) -> SafeString:
    return shared_part(
        context,
        template_name,
        {"training": training, "sessions": sessions},
        lambda: training_made_from(training, sessions),
    )
