"""Questions per training: the office adds them to the registration form (a short text, one or
several choices, yes or no), each participant answers them, and the answers show on the
registration's page, in the participant exports and on the attendance list.

Answers may say something about health (a diet, what someone needs to take part): only staff and
the registrant on their own page see them, and pages that show them are audited like other reads
of registrants' data.
"""
