"""A template loader that compiles each template once per language, its fixed texts translated.

`{% translate "..." %}` and `{% blocktranslate %}` look their text up in the catalog every time
they render: a lazy string, the active language read from a context-local, the catalogs walked.
In a confirmation mail that was a third of its rendering, for texts that are the same in every
mail. The texts are fixed in the template and the catalogs do not change while a process runs,
so this loader translates them when it compiles the template, in the language active then, and
keeps a compiled template per language. What a tag fills in (`{{ name }}`) is rendered each
time, escaped as before.

A tag rendered in another language than the one it was translated in (inside `{% language %}`,
a block shown by a parent inside one, a template kept and rendered later under another language)
renders as Django's own tag does. So does a variable or a filtered text, `noop`, a message context
that is a variable, and a plural with `count`. The language is read once per template rendered
(and again inside `{% language %}`): a tag of our own that changed the language while rendering
its content would have to do as `_LanguageNode` does.
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
        _translate_fixed_texts(template.nodelist, translation.get_language())
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


def _translate_fixed_texts(nodelist: NodeList, language: str | None) -> None:
    for index, node in enumerate(nodelist):
        translated = _translated(node, language)
        if translated is not None:
            nodelist[index] = translated
            continue
        if isinstance(node, IfNode):  # its `nodelist` is a copy made on each read
            children = [child for _, child in node.conditions_nodelists]
        else:
            children = [getattr(node, name, None) for name in node.child_nodelists]
        for child in children:
            if isinstance(child, NodeList):
                _translate_fixed_texts(child, language)


def _translated(node: Node, language: str | None) -> Node | None:
    if type(node) is TranslateNode:
        return _FixedTranslateNode.made_from(node, language)
    if type(node) is BlockTranslateNode:
        return _FixedBlockTranslateNode.made_from(node, language)
    if type(node) is LanguageNode:
        _translate_fixed_texts(node.nodelist, language)
        return _LanguageNode.made_from(node)
    return None


# In the state Django keeps per template rendered: the language it renders in, read once (a
# context-local read per tag cost a tenth of a mail's rendering).
_LANGUAGE = object()
_UNREAD = object()


def _rendering_language(context: Context) -> str | None:
    state = context.render_context
    language = state.get(_LANGUAGE, _UNREAD)
    if language is _UNREAD:
        language = state[_LANGUAGE] = translation.get_language()
    return language


class _LanguageNode(LanguageNode):
    """`{% language %}`: the tags inside read the language it sets, and those after it the one
    before (they share the state of the template being rendered, as do a child's blocks that a
    parent shows inside it)."""

    @classmethod
    def made_from(cls, node: LanguageNode) -> "_LanguageNode":
        made = cls(node.nodelist, node.language)
        made.token, made.origin = node.token, node.origin
        return made

    def render(self, context: Context) -> str:
        state = context.render_context
        outer = state.get(_LANGUAGE, _UNREAD)
        state[_LANGUAGE] = _UNREAD
        try:
            return super().render(context)
        finally:
            state[_LANGUAGE] = outer


def _fixed(expression: FilterExpression) -> str | None:
    """The text of a quoted string with no filters, else None. (Django keeps a quoted message
    context as the string itself, and the text of `{% translate %}` as a Variable.)"""
    if expression.filters:
        return None
    value = expression.var.literal if isinstance(expression.var, Variable) else expression.var
    return value if isinstance(value, str) else None


def _fixed_context(node: TranslateNode | BlockTranslateNode) -> tuple[bool, str]:
    """Whether the message context is fixed, and what it is ('' for none, as for Django)."""
    if node.message_context is None:
        return True, ""
    context = _fixed(node.message_context)
    return context is not None, context or ""


def _gettext(context: str, message: str) -> str:
    return translation.pgettext(context, message) if context else translation.gettext(message)


class _FixedTranslateNode(Node):
    """`{% translate "text" %}`, translated once: what Django's TranslateNode renders."""

    child_nodelists = ()

    def __init__(self, django_node: TranslateNode, language: str | None, text: SafeString):
        self.django_node, self.language, self.text = django_node, language, text
        self.asvar = django_node.asvar
        self.token, self.origin = django_node.token, django_node.origin

    @classmethod
    def made_from(cls, node: TranslateNode, language: str | None) -> "_FixedTranslateNode | None":
        msgid = _fixed(node.filter_expression)
        fixed, context = _fixed_context(node)
        if msgid is None or node.noop or not fixed:
            return None
        text = _gettext(context, msgid.replace("%", "%%")).replace("%%", "%")
        # A quoted text in a template is safe: Django does not escape it, nor its translation.
        return cls(node, language, mark_safe(text))  # noqa: S308

    def render(self, context: Context) -> str:
        if _rendering_language(context) != self.language:
            return self.django_node.render(context)
        if self.asvar:
            context[self.asvar] = self.text
            return ""
        return self.text


class _FixedBlockTranslateNode(BlockTranslateNode):
    """`{% blocktranslate %}` without a plural: its text translated once, its values filled in
    at each render as Django does."""

    @classmethod
    def made_from(
        cls, node: BlockTranslateNode, language: str | None
    ) -> "_FixedBlockTranslateNode | None":
        fixed, context = _fixed_context(node)
        if node.plural or node.countervar or node.counter or not fixed:
            return None
        made = cls(
            node.extra_context,
            node.singular,
            message_context=node.message_context,
            trimmed=node.trimmed,
            asvar=node.asvar,
            tag_name=node.tag_name,
        )
        made.token, made.origin, made.language = node.token, node.origin, language
        singular, made.names = made.render_token_list(node.singular)
        made.text = _gettext(context, singular)
        return made

    def render(self, context: Context, nested: bool = False) -> str:
        # Django's own rendering: in another language, and for its second try, untranslated,
        # after a translation it could not fill (it calls this method again with `nested`).
        if nested or _rendering_language(context) != self.language:
            return super().render(context, nested=nested)
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
