from collections.abc import Iterable
from typing import Final

EU_EEA: Final = frozenset(
    {
        *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
        *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
        *("IS", "LI", "NO"),
    }
)
"""The EU member states and the other EEA countries (ISO 3166-1 alpha-2)."""


def outside_eu_eea(countries: Iterable[str]) -> bool:
    """Whether any of these countries is outside the EU/EEA: a transfer under GDPR ch. V."""
    return any(country not in EU_EEA for country in countries)
