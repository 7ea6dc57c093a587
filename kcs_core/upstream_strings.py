"""Thai for the strings of Wagtail and Django that the plugin's admin screens
show and that have no Thai translation upstream, or whose upstream Thai a clerk
would misread ("Publish" as การจัดพิมพ์, "Site" as เว็บไซด์): those are replaced
with the glossary's terms (docs/translations.md).

Django looks a string up in the catalogs of the INSTALLED_APPS in order, and the
plugin's apps come before Wagtail's (see the README's host settings), so the
entries of kcs_core's Thai catalog fill Wagtail's and Django's gaps. Nothing
imports this module: it names the strings so that ``make messages``
(``makemessages --no-obsolete``) keeps them in kcs_core's catalog. Each msgid is
copied exactly from the upstream catalog named in its comment (plural forms
included); docs/translations.md lists them to offer upstream. Remove an entry
once its upstream catalog has the Thai.
"""

# ruff: noqa: E501 - each msgid stays whole, as in its upstream catalog

from django.utils.translation import gettext_noop, ngettext_lazy

UPSTREAM_STRINGS = (
    # Translators: upstream wagtail.admin (the admin's skip link)
    gettext_noop("Skip to main content"),
    # Translators: upstream wagtail
    gettext_noop("- Select an option -"),
    # Translators: upstream wagtail
    gettext_noop("Add Comment"),
    # Translators: upstream wagtail, wagtail.admin
    gettext_noop("Add comment"),
    # Translators: upstream wagtail
    gettext_noop("comments"),
    # Translators: upstream wagtail
    gettext_noop("For search engines"),
    # Translators: upstream wagtail
    gettext_noop("For site menus"),
    # Translators: upstream wagtail, wagtail.users
    gettext_noop("Group"),
    # Translators: upstream wagtail
    gettext_noop("meta description"),
    # Translators: upstream wagtail
    gettext_noop("Preview in desktop size"),
    # Translators: upstream wagtail
    gettext_noop("Preview in mobile size"),
    # Translators: upstream wagtail
    gettext_noop("Preview in tablet size"),
    # Translators: upstream wagtail
    gettext_noop(
        "The descriptive text displayed underneath a headline in search engine results."
    ),
    # Translators: upstream wagtail
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    # Translators: upstream wagtail
    gettext_noop("title tag"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s documents selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s images selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s items selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s pages selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s snippets selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(objects)s users selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(time)s by %(user_display_name)s"),
    # Translators: upstream wagtail.admin
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("1 document selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("1 image selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("1 item selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("1 snippet selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("1 user selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("A network error occurred"),
    # Translators: upstream wagtail.admin
    gettext_noop("Actions (footer)"),
    # Translators: upstream wagtail.admin
    gettext_noop("Add a concise description for search engines"),
    # Translators: upstream wagtail.admin
    gettext_noop("Add or show comments"),
    # Translators: upstream wagtail.admin
    gettext_noop("Aging pages"),
    # Translators: upstream wagtail.admin, wagtail.contrib.redirects, wagtail_localize
    gettext_noop("All"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s documents on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s images on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s items on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s pages on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s snippets on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All %(objects)s users on this screen selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All documents in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All images in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All items in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All keyboard shortcuts"),
    # Translators: upstream wagtail.admin
    gettext_noop("All pages in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All snippets in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("All users in listing selected"),
    # Translators: upstream wagtail.admin
    gettext_noop("Anyone can edit this %(model_name)s"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "Anyone can edit this %(model_name)s – lock it to prevent others from editing"
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Application"),
    # Translators: upstream wagtail.admin
    gettext_noop("Autosave is <span>paused</span>"),
    # Translators: upstream wagtail.admin
    gettext_noop("Autosave is paused"),
    # Translators: upstream wagtail.admin
    gettext_noop("Available in %(translations_total)s locales"),
    # Translators: upstream wagtail.admin
    gettext_noop("Avoid skipping levels"),
    # Translators: upstream wagtail.admin, wagtail.locales, wagtail_localize.locales
    gettext_noop("Back"),
    # Translators: upstream wagtail.admin
    gettext_noop("Button text is empty"),
    # Translators: upstream wagtail.admin
    gettext_noop("Change privacy"),
    # Translators: upstream wagtail.admin
    gettext_noop("Checks"),
    # Translators: upstream wagtail.admin
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    # Translators: upstream wagtail.admin
    gettext_noop("Choose when this page should go live and/or expire"),
    # Translators: upstream wagtail.admin
    gettext_noop("Choose who can view the live version of this page"),
    # Translators: upstream wagtail.admin
    gettext_noop("Close dialog"),
    # Translators: upstream wagtail.admin
    gettext_noop("Close modal dialogs (like this one)"),
    # Translators: upstream wagtail.admin
    gettext_noop("Comment notifications"),
    # Translators: upstream wagtail.admin
    gettext_noop("Comments"),
    # Translators: upstream wagtail.admin
    gettext_noop("Content metrics"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "Correct the validation errors to resume preview (saving will highlight errors)"
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Creating…"),
    # Translators: upstream wagtail.admin
    gettext_noop("Current page status:"),
    # Translators: upstream wagtail.admin
    gettext_noop("Cut"),
    # Translators: upstream wagtail.admin
    gettext_noop("Download XLSX"),
    # Translators: upstream wagtail.admin
    gettext_noop("Forgotten password?"),
    # Translators: upstream wagtail.admin
    gettext_noop("Remember me"),
    # Translators: upstream wagtail.admin
    gettext_noop("The page could not be saved due to validation errors."),
    # Translators: upstream wagtail.admin
    gettext_noop("The page could not be created due to validation errors."),
    # Translators: upstream wagtail.admin
    gettext_noop("Edit account avatar"),
    # Translators: upstream wagtail.admin
    gettext_noop("Editor Guide"),
    # Translators: upstream wagtail.admin
    gettext_noop("Empty frame title found"),
    # Translators: upstream wagtail.admin
    gettext_noop("Empty heading found"),
    # Translators: upstream wagtail.admin
    gettext_noop("Filter by"),
    # Translators: upstream wagtail.admin
    gettext_noop("Heading 2"),
    # Translators: upstream wagtail.admin
    gettext_noop("Heading 3"),
    # Translators: upstream wagtail.admin
    gettext_noop("Heading 4"),
    # Translators: upstream wagtail.admin
    gettext_noop("Help"),
    # Translators: upstream wagtail.admin
    gettext_noop("History"),
    # Translators: upstream wagtail.admin
    gettext_noop("How we calculate our metrics"),
    # Translators: upstream wagtail.admin
    gettext_noop("Image alt text has inappropriate pattern"),
    # Translators: upstream wagtail.admin
    gettext_noop("Incorrect heading hierarchy"),
    # Translators: upstream wagtail.admin
    gettext_noop("Input button text is empty"),
    # Translators: upstream wagtail.admin
    gettext_noop("Insert or edit a link"),
    # Translators: upstream wagtail.admin
    gettext_noop("Issues found"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("just now"),
    # Translators: upstream wagtail.admin
    gettext_noop("Keyboard shortcut"),
    # Translators: upstream wagtail.admin, wagtail.users
    gettext_noop("Keyboard shortcuts"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Link text is empty"),
    # Translators: upstream wagtail.admin
    gettext_noop("Loading"),
    # Translators: upstream wagtail.admin
    gettext_noop("Locale: "),
    # Translators: upstream wagtail.admin
    gettext_noop("Locked pages"),
    # Translators: upstream wagtail.admin
    gettext_noop("Locking: "),
    # Translators: upstream wagtail.admin
    gettext_noop("Meta description is empty"),
    # Translators: upstream wagtail.admin, wagtail.contrib.styleguide
    gettext_noop("Minimap"),
    # Translators: upstream wagtail.admin
    gettext_noop("Misusing paragraphs as headings"),
    # Translators: upstream wagtail.admin
    gettext_noop("Monospace (code)"),
    # Translators: upstream wagtail.admin
    gettext_noop("More actions"),
    # Translators: upstream wagtail.admin, wagtail.snippets, wagtail.users
    gettext_noop("More options for '%(title)s'"),
    # Translators: upstream wagtail.admin
    gettext_noop("New: %(model_name)s"),
    # Translators: upstream wagtail.admin
    gettext_noop("No %(model_name)s match your query."),
    # Translators: upstream wagtail.admin
    gettext_noop("No other translations"),
    # Translators: upstream wagtail.admin
    gettext_noop("Not visible to the public"),
    # Translators: upstream wagtail.admin
    gettext_noop("Once live anyone can view"),
    # Translators: upstream wagtail.admin
    gettext_noop("Page types usage"),
    # Translators: upstream wagtail.admin
    gettext_noop("Page visibility: "),
    # Translators: upstream wagtail.admin
    gettext_noop("Pagination"),
    # Translators: upstream wagtail.admin
    gettext_noop("Paste"),
    # Translators: upstream wagtail.admin
    gettext_noop("Paste without formatting"),
    # Translators: upstream wagtail.admin
    gettext_noop("Preview in new tab"),
    # Translators: upstream wagtail.admin
    gettext_noop("Preview is out of date"),
    # Translators: upstream wagtail.admin
    gettext_noop("Preview mode"),
    # Translators: upstream wagtail.admin
    gettext_noop("Privacy and access"),
    # Translators: upstream wagtail.admin
    gettext_noop("Private. Visit the live page"),
    # Translators: upstream wagtail.admin
    gettext_noop("Read the release notes."),
    # Translators: upstream wagtail.admin
    gettext_noop("Readability"),
    # Translators: upstream wagtail.admin
    gettext_noop("Reading time"),
    # Translators: upstream wagtail.admin
    ngettext_lazy(
        "Referenced %(count)s time",
        "Referenced %(count)s times",
        "count",
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Reports"),
    # Translators: upstream wagtail.admin
    gettext_noop("Save changes"),
    # Translators: upstream wagtail.admin
    gettext_noop("Save schedule"),
    # Translators: upstream wagtail.admin
    gettext_noop("Save your changes before leaving"),
    # Translators: upstream wagtail.admin
    gettext_noop("Saved"),
    # Translators: upstream wagtail.admin
    gettext_noop("Search all pages…"),
    # Translators: upstream wagtail.admin
    gettext_noop("Section"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Set schedule"),
    # Translators: upstream wagtail.admin
    gettext_noop("Shortcuts"),
    # Translators: upstream wagtail.admin
    gettext_noop("Show filters"),
    # Translators: upstream wagtail.admin
    gettext_noop("Show issue"),
    # Translators: upstream wagtail.admin
    gettext_noop("Show keyboard shortcuts"),
    # Translators: upstream wagtail.admin
    gettext_noop("Side panel width"),
    # Translators: upstream wagtail.admin
    gettext_noop("Side panels"),
    # Translators: upstream wagtail.admin
    gettext_noop("Sidebar"),
    # Translators: upstream wagtail.admin
    gettext_noop("Site history"),
    # Translators: upstream wagtail.admin
    gettext_noop("Sort by '%(label)s' in ascending order."),
    # Translators: upstream wagtail.admin
    gettext_noop("Sort by '%(label)s' in descending order."),
    # Translators: upstream wagtail.admin
    gettext_noop("Sort menu order"),
    # Translators: upstream wagtail.admin, wagtail.users
    gettext_noop("Status: "),
    # Translators: upstream wagtail.admin
    gettext_noop("Strike-through"),
    # Translators: upstream wagtail.admin
    gettext_noop("Subscript"),
    # Translators: upstream wagtail.admin
    gettext_noop("Superscript"),
    # Translators: upstream wagtail.admin
    gettext_noop("Switch locales"),
    # Translators: upstream wagtail.admin
    gettext_noop("Table header text is empty"),
    # Translators: upstream wagtail.admin
    gettext_noop("Text editing"),
    # Translators: upstream wagtail.admin
    gettext_noop("Text formatting"),
    # Translators: upstream wagtail.admin
    gettext_noop("There are no %(model_name)s to display."),
    # Translators: upstream wagtail.admin
    ngettext_lazy(
        "There is %(counter)s match",
        "There are %(counter)s matches",
        "counter",
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("This data explained"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'This publishing schedule will only take effect after you select the "Schedule to publish" option'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("To be created by %(user)s"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle breadcrumbs"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle checks"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle comments"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle minimap"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle preview"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle section"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle side panel"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle sidebar"),
    # Translators: upstream wagtail.admin
    gettext_noop("Toggle status"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Use a meaningful title for screen reader users"),
    # Translators: upstream wagtail.admin
    gettext_noop("Use meaningful text"),
    # Translators: upstream wagtail.admin
    gettext_noop("Use meaningful text for screen reader users"),
    # Translators: upstream wagtail.admin
    gettext_noop("Use proper heading tags"),
    # Translators: upstream wagtail.admin
    gettext_noop("View history"),
    # Translators: upstream wagtail.admin
    gettext_noop("View latest version"),
    # Translators: upstream wagtail.admin
    gettext_noop("Visible to all"),
    # Translators: upstream wagtail.admin
    gettext_noop("Visible to all. Visit the live page"),
    # Translators: upstream wagtail.admin
    gettext_noop("Wagtail %(current_version)s editor guide"),
    # Translators: upstream wagtail.admin
    gettext_noop("Wagtail upgrade available"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("What's new in Wagtail %(version)s"),
    # Translators: upstream wagtail.admin
    gettext_noop("Words"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow tasks"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflows"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'Your version: <strong>%(current_version)s</strong>. New version: <strong data-w-upgrade-target="latestVersion"></strong>.'
    ),
    # Translators: upstream wagtail.contrib.forms
    gettext_noop(
        "Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown."
    ),
    # Translators: upstream wagtail.contrib.forms
    gettext_noop(
        "Default value. Comma or new line separated values supported for checkboxes."
    ),
    # Translators: upstream wagtail.contrib.forms
    gettext_noop("Landing page"),
    # Translators: upstream wagtail.contrib.simple_translation, wagtail.locales, wagtail_localize, wagtail_localize.locales
    gettext_noop("Locales"),
    # Translators: upstream wagtail.contrib.simple_translation, wagtail_localize
    gettext_noop("Translate"),
    # Translators: upstream wagtail.contrib.simple_translation, wagtail_localize
    gettext_noop("Translate this page"),
    # Translators: upstream wagtail.documents
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    # Translators: upstream wagtail.images
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    # Translators: upstream wagtail_localize
    gettext_noop("Translations"),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d day",
        "%(num)d days",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d hour",
        "%(num)d hours",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d minute",
        "%(num)d minutes",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d month",
        "%(num)d months",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d week",
        "%(num)d weeks",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "%(num)d year",
        "%(num)d years",
        "num",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    # Translators: upstream django
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("Go to the first error"),
    # Translators: upstream wagtail.admin
    gettext_noop("There are no %(model_name)s to display."),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    # Translators: upstream wagtail.admin
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("No, don't delete"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Yes, delete"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("The %(model_name)s could not be created due to errors."),
    # Translators: upstream wagtail.admin, wagtail.snippets (its Thai replaced: glossary)
    gettext_noop("Saving…"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    # Translators: upstream wagtail.contrib.settings (its Thai replaced: glossary)
    gettext_noop("The setting could not be saved due to errors."),
    # Translators: upstream wagtail.documents (its Thai replaced: glossary)
    gettext_noop("The document could not be saved due to errors."),
    # Translators: upstream wagtail.images (its Thai replaced: glossary)
    gettext_noop("The image could not be saved due to errors."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("The collection could not be saved due to errors."),
    # Translators: upstream wagtail.users (its Thai replaced: glossary)
    gettext_noop("The user could not be saved due to errors."),
    # Translators: upstream wagtail.users (its Thai replaced: glossary)
    gettext_noop("The group could not be saved due to errors."),
    # Translators: upstream wagtail, wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Publish"),
    # Translators: upstream wagtail, wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Unpublish"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Publish copies"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Internal link"),
    # Translators: upstream wagtail.admin, wagtail.contrib.search_promotions (its Thai replaced: glossary)
    gettext_noop("External link"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Email link"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Add an email link"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Insert link"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Add an external link"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Site summary"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Configure a site now."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Sites menu"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Dashboard"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' has been published."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' unpublished."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Sign in to Wagtail"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Download CSV"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' has been updated."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' created."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' created and published."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' created and scheduled for publishing."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' has been scheduled for publishing."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' has been submitted for moderation."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Page '%(page_title)s' created and submitted for moderation."),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Parent"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Parent page"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("New parent page"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("New"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Yes, delete it"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("No, don't delete it"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Yes, unschedule"),
    # Translators: upstream wagtail.contrib.redirects (its Thai replaced: glossary)
    gettext_noop("Type"),
    # Translators: upstream wagtail.contrib.forms (its Thai replaced: glossary)
    gettext_noop(
        "Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma."
    ),
    # Translators: upstream wagtail.contrib.redirects (its Thai replaced: glossary)
    gettext_noop("From site"),
    # Translators: upstream wagtail.contrib.redirects (its Thai replaced: glossary)
    gettext_noop("All sites"),
    # Translators: upstream wagtail.contrib.redirects (its Thai replaced: glossary)
    gettext_noop(
        "Recommended. Permanent redirects ensure search engines forget the old page (the 'Redirect from') and index the new page instead."
    ),
    # Translators: upstream wagtail.contrib.settings, wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Sites"),
    # Translators: upstream wagtail.contrib.settings (its Thai replaced: glossary)
    gettext_noop("This setting could not be opened because there is no site defined."),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop("Cannot find an embed for this URL."),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop("embed"),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop("embeds"),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop("Insert embed"),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop(
        "There seems to be a problem with your embedly API key. Please check your settings."
    ),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop(
        "There seems to be an error with Embedly while trying to embed this URL. Please try again later."
    ),
    # Translators: upstream wagtail.embeds (its Thai replaced: glossary)
    gettext_noop("Embed"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("Publish any page"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("pages"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop(
        "Whether a link to this page will appear in automatically generated menus"
    ),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("group page permission"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("group page permissions"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("Human-readable name for the site."),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("is default site"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop(
        "If true, this site will handle requests for all other hostnames that do not have a site entry of their own"
    ),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("sites"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop(
        "%(hostname)s is already configured as the default site. You must unset that before you can save this site as default."
    ),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Wagtail sites"),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Add a site"),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Add site"),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Site '%(object)s' created."),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("The site could not be saved due to errors."),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Site '%(object)s' updated."),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Site '%(object)s' deleted."),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Delete site"),
    # Translators: upstream wagtail.sites (its Thai replaced: glossary)
    gettext_noop("Are you sure you want to delete this site?"),
    # Translators: upstream wagtail.users (its Thai replaced: glossary)
    gettext_noop("Administrator"),
    # Translators: upstream wagtail.users (its Thai replaced: glossary)
    gettext_noop("Users"),
    # Translators: upstream wagtail (its Thai replaced: glossary)
    gettext_noop("Approve"),
    # Translators: upstream wagtail
    gettext_noop("Approve with comment"),
    # Translators: upstream wagtail
    gettext_noop("Request changes"),
    # Translators: upstream wagtail
    gettext_noop("Comment"),
    # Translators: upstream wagtail.admin
    gettext_noop("Cancel workflow "),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("You can view the page here:"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("You can edit the page here:"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("You can preview the page here:"),
    # Translators: upstream wagtail.admin (its Thai replaced: glossary)
    gettext_noop("Edit your notification preferences here:"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been approved in "%(task)s".'),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s".'),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been approved in "%(workflow)s".'),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been rejected during "%(workflow)s".'),
    # Translators: upstream wagtail.admin
    gettext_noop('The following comment was left: "%(comment)s"'),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    # Translators: upstream wagtail.admin
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    # Translators: upstream wagtail.admin
    gettext_noop("Task"),
    # Translators: upstream wagtail.admin
    gettext_noop("Tasks"),
    # Translators: upstream wagtail.admin
    gettext_noop("Task started"),
    # Translators: upstream wagtail.admin
    gettext_noop("Awaiting your review"),
    # Translators: upstream wagtail.admin
    gettext_noop("Awaiting my review"),
    # Translators: upstream wagtail.admin
    gettext_noop("Awaiting"),
    # Translators: upstream wagtail.admin
    gettext_noop("Task submitted by"),
    # Translators: upstream wagtail.admin
    gettext_noop("Compare with previous version"),
    # Translators: upstream wagtail.admin
    gettext_noop("Compare with current version"),
    # Translators: upstream wagtail.admin
    gettext_noop("Review this version"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow"),
    # Translators: upstream wagtail.admin
    gettext_noop("Page/Snippet"),
    # Translators: upstream wagtail.admin
    gettext_noop("Requested by"),
    # Translators: upstream wagtail.admin
    gettext_noop("Started at"),
    # Translators: upstream wagtail.admin
    gettext_noop("Completed at"),
    # Translators: upstream wagtail, wagtail.admin
    gettext_noop("Workflow started"),
    # Translators: upstream wagtail.admin
    gettext_noop("View Wagtail quick actions"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow history"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow progress"),
    # Translators: upstream wagtail.admin
    gettext_noop("Edit / Review"),
    # Translators: upstream wagtail.admin
    gettext_noop("Changes requested at"),
    # Translators: upstream wagtail.admin
    gettext_noop("Requested by <b>%(modified_by)s</b>"),
    # Translators: upstream wagtail.admin
    gettext_noop("Started at <b>%(started_at)s</b>"),
    # Translators: upstream wagtail.admin
    gettext_noop("Incomplete task"),
    # Translators: upstream wagtail.admin
    gettext_noop("Approved task"),
    # Translators: upstream wagtail.admin
    gettext_noop("Initial Revision"),
    # Translators: upstream wagtail.admin
    gettext_noop("with comment:"),
    # Translators: upstream wagtail.admin
    gettext_noop("Restart workflow "),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been restarted."),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow on page '%(page_title)s' has been cancelled."),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow on page '%(page_title)s' has been restarted."),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "You are viewing a previous version of this page from <b>%(created_at)s</b> by %(user)s"
    ),
    # Translators: upstream wagtail
    gettext_noop(
        "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
    ),
    # Translators: upstream wagtail
    gettext_noop("Workflow: start"),
    # Translators: upstream wagtail
    gettext_noop("'%(workflow)s' started. Next step '%(task)s'"),
    # Translators: upstream wagtail
    gettext_noop("Workflow: approve task"),
    # Translators: upstream wagtail
    gettext_noop("Approved at '%(task)s'. Next step '%(next_task)s'"),
    # Translators: upstream wagtail
    gettext_noop("Approved at '%(task)s'. '%(workflow)s' complete"),
    # Translators: upstream wagtail
    gettext_noop("Workflow: reject task"),
    # Translators: upstream wagtail
    gettext_noop("Rejected at '%(task)s'. Changes requested"),
    # Translators: upstream wagtail (a workflow step's status)
    gettext_noop("Approved"),
    # Translators: upstream wagtail (a workflow step's status: changes were asked for)
    gettext_noop("Rejected"),
    # Translators: upstream wagtail (a workflow step's status)
    gettext_noop("Skipped"),
    # Translators: upstream wagtail (a workflow's status)
    gettext_noop("Needs changes"),
    # Translators: upstream wagtail
    gettext_noop("Workflow: resume task"),
    # Translators: upstream wagtail
    gettext_noop("Workflow: cancel"),
    # Translators: upstream wagtail
    gettext_noop("Cancelled '%(workflow)s' at '%(task)s'"),
    # Translators: upstream wagtail
    gettext_noop("Workflow state"),
    # Translators: upstream wagtail
    gettext_noop("Workflow states"),
    # Translators: upstream wagtail
    gettext_noop("Task state"),
    # Translators: upstream wagtail
    gettext_noop("Task states"),
    # Translators: upstream wagtail, wagtail.documents, wagtail.images, wagtail.users
    gettext_noop("Created"),
    # Translators: upstream wagtail.admin
    gettext_noop("Status %(status)s"),
    # Translators: upstream wagtail
    gettext_noop("task"),
    # Translators: upstream wagtail
    gettext_noop("requested by"),
    # Translators: upstream wagtail
    gettext_noop("started at"),
    # Translators: upstream wagtail
    gettext_noop("finished at"),
    # Translators: upstream wagtail
    gettext_noop("finished by"),
    # Translators: upstream wagtail
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    # Translators: upstream wagtail
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    # Translators: upstream wagtail
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    # Translators: upstream wagtail, wagtail.admin
    gettext_noop("Edited"),
    # Translators: upstream wagtail
    gettext_noop("Workflow task approved"),
    # Translators: upstream wagtail
    gettext_noop("Workflow task rejected. Workflow complete"),
    # Translators: upstream wagtail
    gettext_noop("Resubmitted '%(task)s'. Workflow resumed"),
    # Translators: upstream wagtail
    gettext_noop("Workflow task resubmitted. Workflow resumed"),
    # Translators: upstream wagtail
    gettext_noop("Workflow cancelled"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(action)s at <b>%(at)s</b>"),
    # Translators: upstream wagtail.admin
    gettext_noop("%(action)s by <b>%(who)s</b>"),
    # Translators: upstream wagtail.admin
    gettext_noop("Workflow completed"),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop(
        "The page '%(page_title)s' is not currently awaiting moderation in task '%(task_name)s'."
    ),
    # Translators: upstream wagtail.admin
    gettext_noop("The page '%(page_title)s' is not currently awaiting moderation."),
)
