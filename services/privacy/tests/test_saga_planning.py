"""Which jobs each request type plans, and what a re-export must hold to count as empty."""

from uuid import uuid4

import pytest

from contracts.vocabulary import DataService
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.saga.models import JobStep
from privacy.saga.plan import plan_jobs, plan_verification
from privacy.saga.verification import categories_left

SERVICES = set(DataService)


def request_of(request_type: RequestType, **fields: object) -> DataSubjectRequest:
    return DataSubjectRequest(
        id=uuid4(), request_type=request_type, email="person@example.ee", **fields
    )


@pytest.mark.parametrize(
    ("request_type", "step"),
    [
        (RequestType.ERASURE, JobStep.ERASE),
        (RequestType.EXPORT, JobStep.EXPORT),
        (RequestType.ACCESS, JobStep.EXPORT),
        (RequestType.RESTRICTION, JobStep.RESTRICT),
    ],
)
def test_one_job_per_data_service_for_erasure_export_access_and_restriction_p15_q4_q5(
    request_type: RequestType, step: JobStep
) -> None:
    planned = plan_jobs(request_of(request_type, restrict=True))
    assert {(job.service, job.step) for job in planned} == {(s, step) for s in SERVICES}
    assert all(job.skip_reason is None for job in planned)


def test_an_erasure_is_verified_by_a_re_export_from_every_service() -> None:
    assert {(job.service, job.step) for job in plan_verification()} == {
        (service, JobStep.VERIFY) for service in SERVICES
    }


def test_a_rectification_of_the_email_rectifies_three_services_and_rekeys_analytics() -> None:
    planned = plan_jobs(request_of(RequestType.RECTIFICATION, corrected_email="new@example.ee"))
    assert {(job.service, job.step, job.skip_reason) for job in planned} == {
        (DataService.ACCOUNTS, JobStep.RECTIFY, None),
        (DataService.ASSESSMENTS, JobStep.RECTIFY, None),
        (DataService.DELIVERY, JobStep.RECTIFY, None),
        (DataService.ANALYTICS, JobStep.REKEY, None),
    }


def test_a_rectification_of_the_name_only_skips_the_rekeying_with_its_reason() -> None:
    planned = plan_jobs(request_of(RequestType.RECTIFICATION, corrected_name="New Name"))
    skipped = {job.service: job.skip_reason for job in planned if job.skip_reason}
    assert skipped == {DataService.ANALYTICS: "only the name changes; this service holds no names"}


def test_an_email_corrected_to_itself_is_no_email_change() -> None:
    planned = plan_jobs(
        request_of(
            RequestType.RECTIFICATION, corrected_email=" Person@Example.ee", corrected_name=None
        )
    )
    assert all(job.skip_reason is not None for job in planned)


def test_a_re_export_is_empty_when_every_category_is_empty_or_an_allowed_trace() -> None:
    assert (
        categories_left(
            {
                "answers": [],
                "statistics": None,
                "note": "",
                "restricted": False,
                "count": 0,
                "unsubscribed": True,
                "profile": {},
            }
        )
        == []
    )
    assert categories_left(
        {"answers": [{"q": 1}], "restricted": True, "statistics": {"answers": 0}}
    ) == ["answers", "restricted", "statistics"]
