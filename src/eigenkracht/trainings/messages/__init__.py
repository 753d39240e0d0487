"""The office writes one mail to the participants of a training (all, or by status): checked,
previewed, then sent as individual mails from the outbox, in each registrant's language where
the office wrote that version."""
