"""Withdrawal (Q2) and objection (Q3) as request types of the requests machine: a withdrawal
completes at once, ledger and ``privacy.consent.changed.v1`` in the same transaction, no one
deciding; an objection waits for its decider, who upholds it (the purpose stops) or rejects it
on compelling legitimate grounds the person is told. Mailings go out on consent only."""

from uuid import UUID

import httpx
from sqlalchemy import select

from chassis.database import Database
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import NOTIFICATION_REQUESTED, PrivacyNotificationRequested
from privacy.audit.models import AuditEntry
from privacy.requests.models import RequestTransition
from privacy.requests.testing import notices

from .consent_support import ClientUser, changes_of, entries_of, officer


async def _moves(database: Database, request_id: str) -> list[tuple[str, str]]:
    async with database.sessions() as session:
        rows = await session.scalars(
            select(RequestTransition)
            .where(RequestTransition.request_id == UUID(request_id))
            .order_by(RequestTransition.at, RequestTransition.id)
        )
        return [(row.to_state, row.actor) for row in rows]


async def _object(client: httpx.AsyncClient, user: ClientUser, **body: str) -> httpx.Response:
    return await client.post(
        "/me/consents/objections", json={"language": "en", **body}, headers=user.headers
    )


async def _weigh(
    client: httpx.AsyncClient, tokens: TestTokens, request_id: str, **decision: object
) -> httpx.Response:
    return await client.post(
        f"/consents/objections/{request_id}/weighing", json=decision, headers=officer(tokens)
    )


async def test_q2_a_withdrawal_request_completes_at_once_with_no_one_deciding(
    client: httpx.AsyncClient, database: Database, consenting_user: ClientUser
) -> None:
    opened = await client.post(
        "/me/consents/product_news/withdrawal",
        json={"wording": "Stop sending me product news.", "language": "en"},
        headers=consenting_user.headers,
    )

    assert opened.status_code == 201, opened.text
    body = opened.json()
    assert (body["request_type"], body["state"]) == ("consent_withdrawal", "completed")
    assert body["consents"][0]["standing"] == "withdrawn"
    assert await _moves(database, body["request_id"]) == [
        ("identity_verified", "system"),
        ("awaiting_decision", "system"),
        ("approved", "system"),
        ("in_progress", "system"),
        ("completed", "system"),
    ]
    withdrawal = (await entries_of(database, consenting_user.tenant_id))[-1]
    assert (withdrawal.action, withdrawal.granted, withdrawal.channel) == (
        "withdrawal",
        False,
        "request",
    )
    assert withdrawal.request_id == UUID(body["request_id"])
    assert withdrawal.wording == "Stop sending me product news."
    assert await changes_of(database, consenting_user.tenant_id) == [
        (consenting_user.subject_ref, True),
        (consenting_user.subject_ref, False),
    ]
    mine = (await client.get("/me/consents/requests", headers=consenting_user.headers)).json()
    assert [(item["request_type"], item["purpose"], item["state"]) for item in mine["items"]] == [
        ("consent_withdrawal", "product_news", "completed")
    ]


async def test_q2_a_withdrawal_entered_by_an_officer_withdraws_every_standing_grant(
    client: httpx.AsyncClient, tokens: TestTokens, database: Database, consenting_user: ClientUser
) -> None:
    entered = await client.post(
        "/requests",
        json={
            "email": consenting_user.email,
            "request_type": "consent_withdrawal",
            "subject_kind": "client_user",
            "tenant_id": str(consenting_user.tenant_id),
            "language": "en",
        },
        headers=officer(tokens),
    )

    assert entered.status_code == 201, entered.text
    assert entered.json()["state"] == "completed"
    assert [
        (e.action, e.granted) for e in await entries_of(database, consenting_user.tenant_id)
    ] == [
        ("grant", True),
        ("withdrawal", False),
    ]
    mine = (await client.get("/me/consents", headers=consenting_user.headers)).json()["items"]
    assert mine[0]["standing"] == "withdrawn"


async def test_q3_an_upheld_objection_stops_the_purpose(
    client: httpx.AsyncClient, tokens: TestTokens, database: Database, consenting_user: ClientUser
) -> None:
    opened = await _object(
        client, consenting_user, purpose="product_news", statement="I get too much email."
    )

    assert opened.status_code == 201, opened.text
    objection = opened.json()
    assert objection["state"] == "awaiting_decision"
    assert objection["consents"][0]["standing"] == "granted"
    [asked] = await notices(
        database,
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        reference=objection["reference"],
    )
    assert not isinstance(asked.address, str)
    assert asked.address.group == "privacy_officers"

    weighed = await _weigh(client, tokens, objection["request_id"], upheld=True)

    assert weighed.status_code == 200, weighed.text
    assert weighed.json()["state"] == "completed"
    last = (await entries_of(database, consenting_user.tenant_id))[-1]
    assert (last.action, last.granted, last.request_id) == (
        "objection",
        False,
        UUID(objection["request_id"]),
    )
    assert (await changes_of(database, consenting_user.tenant_id))[-1] == (
        consenting_user.subject_ref,
        False,
    )
    mine = (await client.get("/me/consents", headers=consenting_user.headers)).json()["items"]
    assert mine[0]["standing"] == "objected"
    again = await _weigh(client, tokens, objection["request_id"], upheld=True)
    assert again.status_code == 409


async def test_q3_a_rejected_objection_tells_the_person_the_compelling_grounds(
    client: httpx.AsyncClient, tokens: TestTokens, database: Database, consenting_user: ClientUser
) -> None:
    opened = await _object(client, consenting_user, statement="Stop everything.")
    request_id = opened.json()["request_id"]
    no_grounds = await _weigh(client, tokens, request_id, upheld=False)
    assert no_grounds.status_code == 422

    grounds = "security notices must reach every account holder"
    weighed = await _weigh(client, tokens, request_id, upheld=False, grounds=grounds)

    assert weighed.status_code == 200, weighed.text
    assert weighed.json()["state"] == "denied"
    requests = await client.get("/me/consents/requests", headers=consenting_user.headers)
    [mine] = requests.json()["items"]
    assert mine["state"] == "denied"
    assert "compelling legitimate grounds" in mine["reason"]
    assert grounds in mine["reason"]
    assert [e.action for e in await entries_of(database, consenting_user.tenant_id)] == ["grant"]


async def test_weighing_only_objections(
    client: httpx.AsyncClient, tokens: TestTokens, consenting_user: ClientUser
) -> None:
    withdrawal = await client.post(
        "/me/consents/product_news/withdrawal", headers=consenting_user.headers
    )
    request_id = withdrawal.json()["request_id"]
    for target in (request_id, "00000000-0000-7000-8000-000000000000"):
        weighed = await _weigh(client, tokens, target, upheld=True)
        assert weighed.status_code == 404
    as_user = await client.post(
        f"/consents/objections/{request_id}/weighing",
        json={"upheld": True},
        headers=consenting_user.headers,
    )
    assert as_user.status_code == 403


async def test_q2_a_mailing_goes_to_every_client_representative_on_consent_only(
    client: httpx.AsyncClient, tokens: TestTokens, database: Database, client_user: ClientUser
) -> None:
    body = {"headline": "Daily questions now in Slack", "link": "https://soket.ee/news/slack"}
    refused = await client.post(
        "/consents/purposes/product_news/mailings", json=body, headers=client_user.headers
    )
    assert refused.status_code == 403
    bad = await client.post(
        "/consents/purposes/product_news/mailings",
        json={**body, "link": "not a link"},
        headers=officer(tokens),
    )
    assert bad.status_code == 422

    queued = await client.post(
        "/consents/purposes/product_news/mailings", json=body, headers=officer(tokens)
    )

    assert queued.status_code == 202, queued.text
    notice_id = queued.json()["notice_id"]
    [mailing] = [
        envelope.data
        for envelope in await outbox(database, NOTIFICATION_REQUESTED)
        if str(envelope.data.notice_id) == notice_id
    ]
    assert isinstance(mailing, PrivacyNotificationRequested)
    assert mailing.template is NoticeTemplate.PRODUCT_NEWS
    assert mailing.purpose == "product_news"
    assert not isinstance(mailing.address, str)
    assert mailing.address.group == "all_client_representatives"
    assert mailing.parameters == body
    async with database.sessions() as session:
        audited = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "consent.mailing_sent")
        )
        assert notice_id in [entry.details["notice_id"] for entry in audited]
