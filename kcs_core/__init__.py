"""Shared parts of the kcs-wagtail plugin.

Site settings of the local government, Thai date helpers and validators live here
so that ``ita_pages``, ``eservice_forms`` and ``tips`` can all use them without
depending on each other or on any host project.
"""
