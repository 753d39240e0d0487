"""The accountant's export per period: invoices, credit notes, money in, refunds out, and how
those agree with what the bank booked on our own accounts."""
