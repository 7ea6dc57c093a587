"""E-service request forms, case handling by staff and status tracking by residents."""
