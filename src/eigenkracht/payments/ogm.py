"""Moved to `eigenkracht.banking.ogm`; these names stay importable for branches merged later."""

from eigenkracht.banking.ogm import ogm_display, ogm_generate, ogm_is_valid

__all__ = ["ogm_display", "ogm_generate", "ogm_is_valid"]
