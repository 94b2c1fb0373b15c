"""acme: a small order-sync service (Tenet's sample project)."""
