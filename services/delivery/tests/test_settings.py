"""SES stays in the EU/EEA unless told otherwise (P7); estimates speak plainly (point 15)."""

import pytest
from pydantic import ValidationError

from delivery.settings import SesSettings


def test_p7_ses_defaults_to_ireland_and_refuses_regions_outside_the_eea() -> None:
    assert SesSettings().region == "eu-west-1"
    assert SesSettings(region="eu-central-1").region == "eu-central-1"
    with pytest.raises(ValidationError, match="outside the EU/EEA"):
        SesSettings(region="us-east-1")
    with pytest.raises(ValidationError, match="outside the EU/EEA"):
        SesSettings(region="eu-west-2")  # London: not in the EU/EEA
    allowed = SesSettings(region="us-east-1", allow_region_outside_eea=True)
    assert allowed.region == "us-east-1"
