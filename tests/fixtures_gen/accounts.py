"""Bank accounts for generated statements.

`OUR_ACCOUNT` is the IBAN an `Organisation` gets by default, so a statement of it imports as it
is; statements of the others are refused unless staff list the account as ours or import the file
on purpose.
"""

OUR_ACCOUNT = "BE68539007547034"
OTHER_BELGIAN_ACCOUNT = "BE56363123456788"
FRENCH_ACCOUNT = "FR7630006000011234567890189"
