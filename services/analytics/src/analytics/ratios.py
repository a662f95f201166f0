def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is no whole to divide."""
    return part / whole if whole else None
