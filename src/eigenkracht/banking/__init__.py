"""Belgian banking notation and numbers, below every app: no Django, no database.

Structured communications (`ogm`), Belgian accounts and IBANs (`iban`), the EPC QR code (`epc`)
and amounts of money (`money`). Trainings, payments and core import these; this package imports
none of them.
"""
