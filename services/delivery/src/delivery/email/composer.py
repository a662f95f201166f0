"""A queued email row's content as the raw message the provider takes."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from contracts.events.notifications import NoticeTemplate
from contracts.vocabulary import Language
from delivery.email.mime import build_email
from delivery.email.rendering import EmailRenderer
from delivery.sending.outcomes import Outcome
from delivery.unsubscribe.tokens import UnsubscribeTarget, make_token

_MONTHS_ET = (
    "jaanuar", "veebruar", "märts", "aprill", "mai", "juuni",
    "juuli", "august", "september", "oktoober", "november", "detsember",
)  # fmt: skip


class EmailTransport(Protocol):
    name: str

    @property
    def concurrency(self) -> int: ...

    async def max_send_rate(self) -> float: ...

    async def send(
        self, *, to: str, raw: bytes, tags: dict[str, str], message_id: str
    ) -> Outcome: ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class ComposedEmail:
    to: str
    message_id: str
    raw: bytes
    tags: dict[str, str]


class EmailComposer:
    def __init__(
        self,
        *,
        renderer: EmailRenderer,
        from_address: str,
        public_base_url: str,
        unsubscribe_key: bytes,
    ) -> None:
        self.renderer = renderer
        self.from_address = from_address
        self.public_base_url = public_base_url
        self.unsubscribe_key = unsubscribe_key

    def unsubscribe_url(self, *, tenant_id: UUID, subject_ref: str) -> str:
        token = make_token(self.unsubscribe_key, UnsubscribeTarget(tenant_id, subject_ref))
        return f"{self.public_base_url}/unsubscribe/{token}"

    def compose(
        self,
        *,
        message_id: UUID,
        kind: str,
        tenant_id: UUID | None,
        subject_ref: str | None,
        content: dict[str, Any],
    ) -> ComposedEmail:
        language = Language(content["language"])
        unsubscribe_url = (
            self.unsubscribe_url(tenant_id=tenant_id, subject_ref=subject_ref)
            if tenant_id is not None and subject_ref is not None
            else None
        )
        if kind == "notice":
            rendered = self.renderer.render_notice(
                NoticeTemplate(content["template"]), language, dict(content["parameters"])
            )
        else:
            rendered = self.renderer.render(
                content["template"],
                language,
                {
                    "title": content["title"],
                    "question": content["question"],
                    "answer_url": content["answer_url"],
                    "answer_by": format_moment(
                        datetime.fromisoformat(content["answer_by"]), language
                    ),
                    "unsubscribe_url": unsubscribe_url or "",
                },
            )
        smtp_id, raw = build_email(
            from_address=self.from_address,
            to=content["address"],
            rendered=rendered,
            unsubscribe_url=unsubscribe_url,
        )
        return ComposedEmail(
            to=content["address"],
            message_id=smtp_id,
            raw=raw,
            tags={"soket_message": str(message_id), "soket_kind": kind},
        )


def format_moment(moment: datetime, language: Language) -> str:
    if language is Language.ESTONIAN:
        return f"{moment.day}. {_MONTHS_ET[moment.month - 1]} {moment.year} kell {moment:%H:%M} UTC"
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M} UTC"
