"""The error summary at the top of a form: every error, each a link to the field it is about."""

from django import forms
from django.template import Context, Template

SUMMARY = Template("{% load error_summary %}{% error_summary form people heading=heading %}")


class PersonForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=80)
    email = forms.EmailField(
        label="E-mailadres", error_messages={"invalid": "Vul een geldig e-mailadres in."}
    )
    role = forms.ChoiceField(
        label="Rol", choices=[("a", "Aanmelder"), ("b", "Burger")], widget=forms.RadioSelect
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=8)

    def clean(self):
        raise forms.ValidationError("Dit geheel klopt niet.")


People = forms.formset_factory(PersonForm, extra=0, min_num=1, validate_min=True)


def render(form, people=None, heading="Niet verstuurd") -> str:
    return SUMMARY.render(Context({"form": form, "people": people, "heading": heading}))


def test_every_error_is_a_link_to_its_field_and_django_s_own_words_name_the_field():
    html = render(PersonForm({"email": "geen"}))

    assert '<div class="error-summary" role="alert" tabindex="-1"' in html
    assert '<h2 id="error-summary-title">Niet verstuurd</h2>' in html
    assert '<a href="#id_name">Naam: Dit veld is verplicht.</a>' in html
    assert '<a href="#id_email">Vul een geldig e-mailadres in.</a>' in html
    # A group of radio buttons: its first option.
    assert '<a href="#id_role_0">Rol: Dit veld is verplicht.</a>' in html
    # What belongs to no visible field is said without a link.
    assert "<li>Dit geheel klopt niet.</li>" in html
    assert 'href="#id_token"' not in html


def test_the_rows_of_a_formset_link_to_their_own_fields():
    people = People({"p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-0-email": "x"}, prefix="p")
    html = render(None, people)
    assert 'href="#id_p-0-name"' in html and 'href="#id_p-0-email"' in html


def test_a_form_not_sent_yet_has_no_summary():
    assert render(PersonForm(), People(prefix="p")).strip() == ""


class ContactForm(forms.Form):
    first_name = forms.CharField(label="Voornaam", max_length=5)
    last_name = forms.CharField(label="Familienaam", max_length=5)
    link = forms.CharField(label="Link")

    def clean_link(self):
        raise forms.ValidationError(
            [forms.ValidationError("Vul een link in die begint met https://.")] * 2
        )


def test_a_generic_message_names_its_field_and_one_said_twice_shows_once():
    html = render(ContactForm({"first_name": "Annemie", "last_name": "Janssens", "link": "x"}))

    assert "Voornaam: Zorg dat deze waarde niet meer dan 5 tekens bevat" in html
    assert "Familienaam: Zorg dat deze waarde niet meer dan 5 tekens bevat" in html
    assert html.count("Vul een link in die begint met https://.") == 1
    assert "Link: Vul een link" not in html  # a message of its own says what it is about


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="Ik ga akkoord met de privacyverklaring.",
        error_messages={"required": "Om in te schrijven moet je akkoord gaan."},
    )
    phone = forms.CharField(label="Telefoon (niet verplicht)", required=False, max_length=3)
    audience = forms.CharField(label="Aan wie?")


def test_a_message_of_its_own_stays_as_it_is_and_a_label_reads_as_dutch():
    html = render(ConsentForm({"phone": "0470 12 34 56"}))

    assert '<a href="#id_consent">Om in te schrijven moet je akkoord gaan.</a>' in html
    assert "Telefoon: Zorg dat deze waarde niet meer dan 3 tekens bevat" in html
    assert "Aan wie? Dit veld is verplicht." in html
