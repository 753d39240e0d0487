"""The template loader that compiles a template per language with its fixed texts translated: it
shows what Django's own loader shows, in the language active when it renders."""

from pathlib import Path
from unittest import mock

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.template import Context, Engine
from django.test import override_settings
from django.utils import translation
from django.utils.autoreload import file_changed

from eigenkracht.core.translated_templates import Loader

# A French catalog of our own, so that a translation differs from the Dutch text it translates.
FRENCH = {
    "Dag": "Bonjour",
    "Dag %(name)s,": "Bonjour %(name)s,",
    "Betaal 100%% vóór": "Payez 100%% avant",
    "Betaal 100%% vóór %(date)s": "Payez 100%% avant le %(date)s",
    "Kort <en> goed": "Court <et> bien",
    ("knop", "Verder"): "Continuer",
    "Dag %(name)s!": "Bonjour %(nom)s !",  # a translator's slip: Django falls back to the Dutch
}

SNIPPETS = {
    "translate": '{% translate "Dag" %}',
    "percent sign": '{% translate "Betaal 100% vóór" %}',
    "html in the text": '{% translate "Kort <en> goed" %}',
    "as a variable": '{% translate "Dag" as hello %}[{{ hello }}]',
    "message context": '{% translate "Verder" context "knop" %}',
    "noop": '{% translate "Dag" noop %}',
    "a variable": "{% translate word %}",
    "a filter": '{% translate "Dag"|upper %}',
    "blocktranslate": "{% blocktranslate with name=person %}Dag {{ name }},{% endblocktranslate %}",
    "blocktranslate unescaped": (
        "{% autoescape off %}{% blocktranslate with name=person %}Dag {{ name }},"
        "{% endblocktranslate %}{% endautoescape %}"
    ),
    "blocktranslate percent": (
        "{% blocktranslate %}Betaal 100% vóór {{ date }}{% endblocktranslate %}"
    ),
    "blocktranslate trimmed": (
        "{% blocktranslate trimmed with name=person %}\n  Dag\n  {{ name }},\n"
        "{% endblocktranslate %}"
    ),
    "blocktranslate as a variable": (
        "{% blocktranslate with name=person asvar hello %}Dag {{ name }},{% endblocktranslate %}"
        "[{{ hello }}]"
    ),
    "blocktranslate with a missing value": (
        "{% blocktranslate %}Dag {{ nobody }},{% endblocktranslate %}"
    ),
    "blocktranslate with a translation that cannot be filled": (
        "{% blocktranslate with name=person %}Dag {{ name }}!{% endblocktranslate %}"
    ),
    "blocktranslate plural": (
        "{% blocktranslate count n=count %}Dag{% plural %}Dag {{ n }}{% endblocktranslate %}"
    ),
    "inside if, for and with": (
        '{% if yes %}{% for i in "ab" %}{% with x=i %}{{ x }}{% translate "Dag" %}'
        "{% endwith %}{% empty %}-{% endfor %}{% elif no %}x{% else %}"
        '{% translate "Dag" %}{% endif %}'
    ),
    "inside language, between two": (
        '{% translate "Dag" %}{% language "nl-be" %}{% translate "Dag" %}'
        "{% blocktranslate %}Dag {{ person }},{% endblocktranslate %}{% endlanguage %}"
        '{% translate "Dag" %}'
    ),
    "blocktranslate with a message context": (
        '{% blocktranslate context "knop" %}Verder{% endblocktranslate %}'
    ),
    "an empty message context": '{% translate "Dag" context "" %}',
    "in a block of a parent": '{% extends "parent.html" %}{% block body %}'
    '{% translate "Dag" %}{% endblock %}',
    "in a block a parent shows inside language": '{% extends "dutch_parent.html" %}'
    '{% block body %}{% translate "Dag" %}{% endblock %}',
    "an include inside language, in a loop": (
        '{% for code in codes %}{% language code %}{% include "hello.html" %}'
        "{% endlanguage %};{% endfor %}"
    ),
}
PARENTS = {
    "parent.html": '<{% block body %}{% translate "Kort <en> goed" %}{% endblock %}>',
    "dutch_parent.html": (
        '{% translate "Dag" %}{% language "nl-be" %}<{% block body %}{% endblock %}>'
        '{% endlanguage %}{% translate "Dag" %}'
    ),
    "hello.html": '{% translate "Dag" %}',
}
CONTEXT = {
    "person": "<Ann>",
    "date": "1/3",
    "word": "Dag",
    "count": 2,
    "yes": True,
    "codes": ["fr-be", "nl-be"],
}


@pytest.fixture
def french(tmp_path: Path):
    catalog = Catalog(locale="fr")
    for msgid, msgstr in FRENCH.items():
        context, msgid = msgid if isinstance(msgid, tuple) else (None, msgid)
        catalog.add(msgid, msgstr, context=context)
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "django.mo", "wb") as mo:
        write_mo(mo, catalog)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        yield


def engine(templates: dict[str, str], *, translated: bool) -> Engine:
    memory = ("django.template.loaders.locmem.Loader", templates)
    loader = ("eigenkracht.core.translated_templates.Loader", [memory]) if translated else memory
    return Engine(loaders=[loader], libraries={}, builtins=["django.templatetags.i18n"])


@pytest.mark.parametrize("name", SNIPPETS)
@pytest.mark.parametrize("language", ["fr-be", "nl-be"])
def test_it_shows_what_djangos_own_loader_shows(french, name, language):
    templates = {"page.html": SNIPPETS[name], **PARENTS}
    with translation.override(language):
        ours = engine(templates, translated=True).get_template("page.html")
        django = engine(templates, translated=False).get_template("page.html")
        for _ in range(2):  # once compiled, again from its cache
            assert ours.render(Context(CONTEXT)) == django.render(Context(CONTEXT))


def test_a_fixed_text_shows_in_the_language_active_when_it_renders(french):
    pages = engine({"page.html": '{% translate "Dag" %}'}, translated=True)
    shown = []
    for language in ["nl-be", "fr-be", "nl-be"]:
        with translation.override(language):
            shown.append(pages.get_template("page.html").render(Context()))
    assert shown == ["Dag", "Bonjour", "Dag"]


def test_a_template_kept_and_rendered_in_another_language_shows_that_language(french):
    templates = {"page.html": '{% translate "Dag" %}/{% include "hello.html" %}', **PARENTS}
    with translation.override("fr-be"):
        ours = engine(templates, translated=True).get_template("page.html")
        django = engine(templates, translated=False).get_template("page.html")
    with translation.override("nl-be"):
        assert ours.render(Context()) == django.render(Context()) == "Dag/Dag"


def test_a_fixed_text_is_not_looked_up_again(french):
    """What makes it fast: once compiled, rendering reads no catalog."""
    template = (
        '{% translate "Dag" %} {% translate "Verder" context "knop" %} '
        "{% blocktranslate with name=person %}Dag {{ name }},{% endblocktranslate %} "
        '{% blocktranslate context "knop" %}Verder{% endblocktranslate %}'
    )
    with translation.override("fr-be"):
        page = engine({"page.html": template}, translated=True).get_template("page.html")
        catalog = translation._trans
        with (
            mock.patch.object(catalog, "gettext", wraps=catalog.gettext) as gettext,
            mock.patch.object(catalog, "pgettext", wraps=catalog.pgettext) as pgettext,
        ):
            shown = page.render(Context({"person": "Ann"}))
    assert shown == "Bonjour Continuer Bonjour Ann, Continuer"
    assert gettext.call_count == pgettext.call_count == 0


def test_a_changed_catalog_has_the_templates_compiled_again(french, tmp_path):
    """The dev server reloads a catalog without restarting; the texts in place must follow."""
    from django.template import engines

    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, Loader)
    engines["django"].engine.get_template("emails/base.html")
    assert loader.get_template_cache
    file_changed.send(sender=None, file_path=tmp_path / "fr" / "LC_MESSAGES" / "django.mo")
    assert not loader.get_template_cache
