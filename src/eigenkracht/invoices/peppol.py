"""Hands a UBL document to a Peppol access point over its HTTP API (pure: no Django).

The access point (a service the organisation subscribes to) does the Peppol part: looking up the
receiver, signing, AS4. The contract this adapter speaks, documented in docs/deployment.md:

    POST <PEPPOL_ACCESS_POINT_URL>
    Authorization: Bearer <PEPPOL_ACCESS_POINT_TOKEN>
    Content-Type: application/xml
    X-Peppol-Sender: 0208:<our enterprise number>
    X-Peppol-Receiver: <the buyer's participant id, e.g. 0208:0412345614>
    X-Peppol-Document-Type: <the Peppol document type id of an invoice or a credit note>
    X-Peppol-Process: urn:fdc:peppol.eu:2017:poacc:billing:01:1.0
    Idempotency-Key: <the document's number>
    <the UBL document>

Any 2xx answer means accepted; a JSON body's "id" is kept as the access point's reference.
Anything else (another status, no answer within the timeout) is a failure with its reason.
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

PROCESS_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Handover:
    accepted: bool
    reference: str = ""  # the access point's id for the document, when it gave one
    error: str = ""


def peppol_send(
    *,
    url: str,
    token: str,
    ubl: bytes,
    sender: str,
    receiver: str,
    document_type: str,
    idempotency_key: str,
    timeout: float = TIMEOUT_SECONDS,
) -> Handover:
    if not url.startswith(("https://", "http://")):
        return Handover(accepted=False, error=f"Not an http(s) address: {url!r}")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=ubl,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/xml",
            "X-Peppol-Sender": sender,
            "X-Peppol-Receiver": receiver,
            "X-Peppol-Document-Type": document_type,
            "X-Peppol-Process": PROCESS_ID,
            "Idempotency-Key": idempotency_key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(10_000)
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        return Handover(accepted=False, error=f"HTTP {exc.code}: {detail}"[:500])
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return Handover(accepted=False, error=f"No answer from the access point: {exc}"[:500])
    return Handover(accepted=True, reference=_reference(body))


def _reference(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    return str(data.get("id", ""))[:100] if isinstance(data, dict) else ""
