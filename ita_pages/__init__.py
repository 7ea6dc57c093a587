"""ITA disclosure tree, measures announcements and the per-year ITA index."""
