"""Parts of a mail made once per mail task, and `{% organisation_part %}`, the frame's footer.

A statement's confirmations are thousands of mails about a few hundred trainings and one
organisation: rendering the same dates and place, or the same footer, for every mail was a
large share of composing it. `shared_part` renders such a part with only the values it is
given in its context (it cannot show one mail's registration in another), in the including
mail's escaping, and shares it through `shared_made`: made again when anything it is made from
differs as loaded for this mail. Outside a mail task it is rendered every time.

`{% organisation_part "emails/_footer.html" %}` shows the organisation alone (its name,
address, e-mail and phone): six values that were a tenth of rendering a confirmation's HTML.
It is keyed on every column of the organisation, which is read again for every batch, so an
edit reaches the next batch's mails. `{% training_part %}` (`trainings/templatetags/
mail_parts.py`) does the same for a training.
"""

from collections.abc import Callable, Hashable
from typing import Any

from django import template
from django.db.models import Model
from django.template import Context
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from eigenkracht.core.outbox import loaded_row, shared_made

register = template.Library()


def shared_part(
    context: Context,
    template_name: str,
    values: dict[str, Any],
    made_from: Callable[[], tuple[Hashable, ...]] | None,
) -> SafeString:
    """`template_name` rendered with `values` alone, shared by the mails of a task whose
    `made_from()` (everything the values are made from, as loaded) is the same; rendered every
    time when `made_from` is None."""

    def make() -> SafeString:
        part = context.template.engine.get_template(template_name)
        alone = Context(
            values,
            autoescape=context.autoescape,
            use_l10n=context.use_l10n,
            use_tz=context.use_tz,
        )
        # Escaped as the including mail escapes (the text body not at all): safe as it is.
        return mark_safe(part.render(alone))  # noqa: S308

    if made_from is None:
        return make()
    return shared_made(lambda: ("part", template_name, context.autoescape, *made_from()), make)


@register.simple_tag(takes_context=True)
def organisation_part(context: Context, template_name: str) -> SafeString:
    organisation = context.get("organisation")

    def made_from() -> tuple[Hashable, ...]:
        return (type(organisation), translation.get_language(), *loaded_row(organisation))

    # Anything but a model has nothing to key it on: rendered as it is.
    keyed = made_from if isinstance(organisation, Model) else None
    return shared_part(context, template_name, {"organisation": organisation}, keyed)
