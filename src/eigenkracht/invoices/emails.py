"""The mail that brings an invoice or credit note to the employer, PDF and UBL attached."""

from django.db.models import QuerySet

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.outbox import Attachment, Mail, mail_recipe
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.services import replaced_by_new_invoice


def documents_for_mail() -> QuerySet[Document]:
    return Document.objects.select_related("registration__training", "credits")


@mail_recipe("invoice_document", queryset=documents_for_mail)
def document_mail(document: Document) -> Mail:
    # Loaded when used: fpdf2 and lxml cost start-up time for every command.
    from eigenkracht.invoices.pdf import document_pdf
    from eigenkracht.invoices.ubl import document_filename, document_ubl

    return Mail(
        template="invoices/emails/document",
        context={
            "document": document,
            "is_invoice": document.kind == Document.Kind.INVOICE,
            "replaced": document.kind == Document.Kind.CREDIT_NOTE
            and replaced_by_new_invoice(document),
            "ogm": ogm_display(document.payment_reference),
            "training": document.registration.training,
            "registration": document.registration,
            # The mail ends the reason with its own full stop.
            "reason": document.reason.rstrip(". "),
        },
        attachments=[
            Attachment(
                document_filename(document, "pdf"), "application/pdf", document_pdf(document)
            ),
            Attachment(
                document_filename(document, "xml"), "application/xml", document_ubl(document)
            ),
        ],
    )
