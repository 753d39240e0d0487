from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from eigenkracht.accounts.services import RECOVERY_CODE_RE, TOTP_CODE_RE, normalise_code


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    # Limited like every typed text: hashing a megabyte-long password costs the server.
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar."),
        "inactive": _("Deze account is niet actief."),
    }


class PasswordResetRequestForm(forms.Form):
    """Only the address: whether an account goes with it is looked up later, in a task."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        error_messages={"required": _("Vul je e-mailadres in.")},
    )


class TotpCodeForm(forms.Form):
    """The six digits from the authenticator app."""

    code = forms.CharField(
        label=_("Code uit je authenticator-app"),
        help_text=_("Zes cijfers; de code verandert elke 30 seconden."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
                "size": 8,
            }
        ),
        error_messages={"required": _("Vul de code uit je authenticator-app in.")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not TOTP_CODE_RE.fullmatch(code):
            raise forms.ValidationError(_("Een code bestaat uit zes cijfers, bijvoorbeeld 123456."))
        return code


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes, for when the phone is not at hand."""

    recovery_code = forms.CharField(
        label=_("Herstelcode"),
        help_text=_("Acht tekens, bijvoorbeeld abcd-2efg. Elke herstelcode werkt één keer."),
        max_length=24,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "off",
                "size": 12,
            }
        ),
        error_messages={"required": _("Vul een herstelcode in.")},
    )

    def clean_recovery_code(self) -> str:
        code = normalise_code(self.cleaned_data["recovery_code"])
        if not RECOVERY_CODE_RE.fullmatch(code):
            raise forms.ValidationError(_("Dit is geen herstelcode. Kijk na wat je overtypte."))
        return code


class LoginCodeForm(TotpCodeForm):
    """The code step's main field: six digits, though a recovery code typed here works too."""

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not (TOTP_CODE_RE.fullmatch(code) or RECOVERY_CODE_RE.fullmatch(code)):
            raise forms.ValidationError(_("Een code bestaat uit zes cijfers, bijvoorbeeld 123456."))
        return code
