"""A template loader that compiles each template once per language, its fixed texts translated.

`{% translate "..." %}` and `{% blocktranslate %}` look their text up in the catalog every time
they render: a lazy string, the active language read from a context-local, the catalogs walked.
In a confirmation mail that was a third of its rendering, for texts that are the same in every
mail. The texts are fixed in the template and the catalogs do not change while a process runs,
so this loader translates them when it loads the template, and keeps a compiled template per
language (the language active when the template is looked up, as Django's tags read it when they
render). What a tag fills in (`{{ name }}`) is rendered each time, escaped as before.

Left for Django to translate at each render: a variable or a filtered text, `noop`, a message
context that is a variable, a plural with `count`, and everything inside `{% language %}`.
"""

from pathlib import Path
from typing import Any

from django.dispatch import receiver
from django.template import Context, Node, NodeList, Template, Variable
from django.template.autoreload import reset_loaders
from django.template.base import FilterExpression, render_value_in_context
from django.template.defaulttags import IfNode
from django.template.loaders import base, cached
from django.templatetags.i18n import BlockTranslateNode, LanguageNode, TranslateNode
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString, mark_safe


class _Translating(base.Loader):
    """Between the cache and the file loaders: translates what it has just compiled."""

    def get_template(self, template_name: str, skip: list | None = None) -> Template:
        template = super().get_template(template_name, skip)
        _translate_fixed_texts(template.nodelist)
        return template


class Loader(cached.Loader, _Translating):
    """Django's cached loader, with one compiled template per language."""

    def cache_key(self, template_name: str, skip: list | None = None) -> str:
        return f"{translation.get_language()}:{super().cache_key(template_name, skip)}"


@receiver(file_changed, dispatch_uid="translated_templates_catalog_changed")
def _catalog_changed(sender: object, file_path: Path, **kwargs: object) -> None:
    """The dev server reloads a changed catalog without restarting: compile the templates again."""
    if file_path.suffix == ".mo":
        reset_loaders()


def _translate_fixed_texts(nodelist: NodeList) -> None:
    for index, node in enumerate(nodelist):
        if isinstance(node, LanguageNode):
            continue  # translated in the language it names, at render time
        translated = _translated(node)
        if translated is not None:
            nodelist[index] = translated
            continue
        if isinstance(node, IfNode):  # its `nodelist` is a copy made on each read
            children = [child for _, child in node.conditions_nodelists]
        else:
            children = [getattr(node, name, None) for name in node.child_nodelists]
        for child in children:
            if isinstance(child, NodeList):
                _translate_fixed_texts(child)


def _translated(node: Node) -> Node | None:
    if type(node) is TranslateNode:
        return _FixedTranslateNode.made_from(node)
    if type(node) is BlockTranslateNode:
        return _FixedBlockTranslateNode.made_from(node)
    return None


def _fixed(expression: FilterExpression | None) -> str | None:
    """The text of a quoted string with no filters, else None."""
    if expression is None or expression.filters or not isinstance(expression.var, Variable):
        return None
    literal = expression.var.literal
    return literal if isinstance(literal, str) else None


class _FixedTranslateNode(Node):
    """`{% translate "text" %}`, translated once: what Django's TranslateNode renders."""

    child_nodelists = ()

    def __init__(self, text: SafeString, asvar: str | None) -> None:
        self.text = text
        self.asvar = asvar

    @classmethod
    def made_from(cls, node: TranslateNode) -> "_FixedTranslateNode | None":
        msgid = _fixed(node.filter_expression)
        if msgid is None or node.noop:
            return None
        if node.message_context is None:
            text = translation.gettext(msgid.replace("%", "%%"))
        else:
            context = _fixed(node.message_context)
            if context is None:
                return None
            text = translation.pgettext(context, msgid.replace("%", "%%"))
        # A quoted text in a template is safe: Django does not escape it, nor its translation.
        fixed = cls(mark_safe(text.replace("%%", "%")), node.asvar)  # noqa: S308
        fixed.token, fixed.origin = node.token, node.origin
        return fixed

    def render(self, context: Context) -> str:
        if self.asvar:
            context[self.asvar] = self.text
            return ""
        return self.text


class _FixedBlockTranslateNode(BlockTranslateNode):
    """`{% blocktranslate %}` without a plural: its text translated once, its values filled in
    at each render as Django does."""

    @classmethod
    def made_from(cls, node: BlockTranslateNode) -> "_FixedBlockTranslateNode | None":
        if node.plural or node.countervar or node.counter:
            return None
        context = None
        if node.message_context is not None:
            context = _fixed(node.message_context)
            if context is None:
                return None
        fixed = cls(
            node.extra_context,
            node.singular,
            message_context=node.message_context,
            trimmed=node.trimmed,
            asvar=node.asvar,
            tag_name=node.tag_name,
        )
        fixed.token, fixed.origin = node.token, node.origin
        singular, fixed.names = fixed.render_token_list(node.singular)
        fixed.text = (
            translation.gettext(singular)
            if context is None
            else translation.pgettext(context, singular)
        )
        return fixed

    def render(self, context: Context, nested: bool = False) -> str:
        if nested:  # Django's second try, untranslated, after a translation it could not fill
            return super().render(context, nested=True)
        context.update({name: value.resolve(context) for name, value in self.extra_context.items()})
        data = {name: self._value(name, context) for name in self.names}
        context.pop()
        try:
            result = self.text % data
        except (KeyError, ValueError):
            with translation.override(None):
                result = super().render(context, nested=True)
        if self.asvar:
            context[self.asvar] = SafeString(result)
            return ""
        return result

    @staticmethod
    def _value(name: str, context: Context) -> Any:
        if name in context:
            return render_value_in_context(context[name], context)
        invalid = context.template.engine.string_if_invalid
        missing = invalid % name if "%s" in invalid else invalid
        return render_value_in_context(missing, context)
