"""Event data models, one module per producer (privacy replies shared by the data services)."""
