"""`{% organisation_part "emails/_footer.html" %}`: a part of every mail's frame that shows only
the organisation (its name, address, e-mail and phone), made once per mail task for the same
organisation, as `{% training_part %}` is for a training (`trainings/templatetags/mail_parts.py`).

The footer's six values were a tenth of rendering a confirmation's HTML, the same in every
mail. The part is rendered with the organisation alone in its context, in the including mail's
escaping and language, and made again when any column of the organisation as loaded for this
mail differs (the organisation is read again for every batch: an edit reaches the next batch's
mails). Outside a mail task it is rendered every time.
"""

from django import template
from django.db.models import Model
from django.template import Context
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from eigenkracht.core.outbox import loaded_row, shared_made

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_part(context: Context, template_name: str) -> SafeString:
    organisation = context.get("organisation")

    def make() -> SafeString:
        part = context.template.engine.get_template(template_name)
        alone = Context(
            {"organisation": organisation},
            autoescape=context.autoescape,
            use_l10n=context.use_l10n,
            use_tz=context.use_tz,
        )
        # Escaped as the including mail escapes: safe as it is.
        return mark_safe(part.render(alone))  # noqa: S308

    if not isinstance(organisation, Model):  # nothing to key it on: rendered as it is
        return make()
    return shared_made(
        lambda: (
            "organisation part",
            template_name,
            type(organisation),
            context.autoescape,
            translation.get_language(),
            *loaded_row(organisation),
        ),
        make,
    )
