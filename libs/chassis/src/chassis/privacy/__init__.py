"""The privacy contract's runtime: subject_ref, signed receipts, each service's participant."""
