"""Host project for the kcs-wagtail demo: settings, URLs and the demo home page."""
