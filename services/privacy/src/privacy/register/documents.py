"""The register as a whole: the officers' record (JSON, CSV) and the public page."""

import csv
import io
from collections.abc import Sequence
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.register import service
from privacy.register.models import EngagedBy
from privacy.register.schemas import (
    Processor,
    PublicCategory,
    PublicProcessor,
    PublicPurpose,
    PublicRegister,
    RegisterDocument,
    Transfer,
    Transfers,
)
from privacy.settings import Settings

CONTROLLER: Final = "SOKET (soket.ee)"

SECURITY_MEASURES: Final = (
    "Only the data the service needs is collected or analysed (P8).",
    "Passwords are salted and hashed with bcrypt (P9).",
    "TLS protects the whole service, answering included (P10).",
    "SPF, DKIM and DMARC protect against email spoofed in Soket's name (P11).",
    "Statistics about a person carry a pseudonymous reference, never a name or an email.",
    "Staff actions on personal data and on this register are kept in a hash-chained audit log.",
)
"""GDPR art. 30(1)(g): the general description the policy gives (Andmete turvalisus)."""

NO_TRANSFER_BY_DEFAULT: Final = (
    "None by default: Soket and the processors it engages process personal data in the EU/EEA "
    "(P7). Data leaves it only through an integration listed here, when the client chooses it."
)
SOKET_TRANSFERS: Final = (
    "Soket transfers personal data outside the EU/EEA through the processors listed here."
)

CSV_HEADER: Final = (
    "activity_id",
    "category",
    "category_et",
    "data_subjects",
    "soket_role",
    "controller",
    "source",
    "purpose",
    "purpose_et",
    "legal_basis",
    "basis_note",
    "retention",
    "recipients",
    "processors",
    "transfers_outside_eu_eea",
)


async def register_document(session: AsyncSession, *, settings: Settings) -> RegisterDocument:
    activities, _ = await service.activities(session)
    processors, _ = await service.processors(session)
    return RegisterDocument(
        controller=CONTROLLER,
        data_protection_contact=settings.data_protection_contact,
        supervisory_authority=settings.supervisory_authority,
        activities=activities,
        processors=processors,
        transfers=_transfers(processors),
        security_measures=list(SECURITY_MEASURES),
    )


async def public_register(session: AsyncSession, *, settings: Settings) -> PublicRegister:
    document = await register_document(session, settings=settings)
    return PublicRegister(
        controller=document.controller,
        data_protection_contact=document.data_protection_contact,
        supervisory_authority=document.supervisory_authority,
        right_to_complain=(
            "Anyone may complain about how their personal data is processed to the supervisory "
            f"authority: {document.supervisory_authority} (GDPR art. 77)."
        ),
        processors=[
            PublicProcessor(
                company=item.company,
                service=item.service,
                processed_in=item.processed_in,
                countries=item.countries,
                outside_eu_eea=item.outside_eu_eea,
                engaged_by=item.engaged_by,
                terms_url=item.terms_url,
            )
            for item in document.processors
        ],
        transfers=document.transfers,
        categories=[
            PublicCategory(
                category=item.category,
                category_et=item.category_et,
                data_subjects=item.subject_kind,
                soket_role=item.soket_role,
                controller=item.controller,
                purposes=[
                    PublicPurpose(purpose=purpose.purpose, legal_basis=purpose.legal_basis)
                    for purpose in item.purposes
                ],
                retention=item.retention,
            )
            for item in document.activities
        ],
    )


def register_csv(document: RegisterDocument) -> str:
    """One row per (category, purpose): each purpose with its legal basis (P2, Q1)."""
    by_id = {item.id: item for item in document.processors}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in document.activities:
        serving = [by_id[brief.id] for brief in item.processors]
        for purpose in item.purposes:
            writer.writerow(
                _cells(
                    (
                        str(item.id),
                        item.category,
                        item.category_et,
                        item.subject_kind.value,
                        item.soket_role.value,
                        item.controller,
                        item.source,
                        purpose.purpose,
                        purpose.purpose_et,
                        purpose.legal_basis.value,
                        purpose.basis_note,
                        item.retention,
                        "; ".join(item.recipients),
                        "; ".join(f"{p.company} ({p.processed_in})" for p in serving),
                        "; ".join(f"{p.company}: {p.transfer}" for p in serving if p.transfer)
                        or "none",
                    )
                )
            )
    return buffer.getvalue()


def _transfers(processors: Sequence[Processor]) -> Transfers:
    through = [item for item in processors if item.transfer is not None]
    by_soket = any(item.engaged_by is EngagedBy.SOKET for item in through)
    return Transfers(
        by_default=SOKET_TRANSFERS if by_soket else NO_TRANSFER_BY_DEFAULT,
        through=[
            Transfer(
                processor_id=item.id,
                company=item.company,
                countries=item.countries,
                transfer=item.transfer or "",
            )
            for item in through
        ],
    )


def _cells(values: Sequence[str | None]) -> list[str]:
    """Empty for None; text a spreadsheet would run as a formula is quoted."""
    return [
        "" if value is None else "'" + value if value[:1] in ("=", "+", "-", "@") else value
        for value in values
    ]
