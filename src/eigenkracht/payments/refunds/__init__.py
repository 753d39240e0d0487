"""Money going back: refunds from the promise to the transfer on our statement.

A refund is due when a paid registration is cancelled (by the registrant, the office or with its
training), when money arrives twice or too much, or when staff decide to send back money for a
cancelled or lapsed registration. The office pays refunds with a SEPA file; the next statement
import recognises the outgoing transfers and marks them done.
"""
