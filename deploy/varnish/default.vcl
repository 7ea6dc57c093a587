# Varnish in front of gunicorn: keeps what the app marks shareable
# (Cache-Control: s-maxage, see kcs_core/cache_control.py), never anything else, and
# takes purges from wagtail.contrib.frontend_cache (KCS_FRONTEND_CACHE_URL).
#
#   varnishd -a 127.0.0.1:6081 -f /etc/varnish/default.vcl -s malloc,256m
#
# The backend below is gunicorn's address (GUNICORN_BIND).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app processes and the task worker.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # The site's root URL drops every page of that site, whatever host name
        # it was reached by (the app tags each page with its site); any other
        # URL drops that page.
        if (req.url == "/") {
            ban("obj.http.X-Cache-Site == " + req.http.host);
        } else {
            ban("obj.http.X-Cache-Site == " + req.http.host +
                " && obj.http.X-Cache-Url == " + req.url);
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in editors (their pages carry the user bar) and the admin.
    if (req.url ~ "^/(django-)?admin/" || req.http.Authorization ||
        req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Thai pages have no prefix, so Django adds Vary: Accept-Language: keep two
    # variants, not one per browser's header.
    if (req.http.Accept-Language ~ "^\s*en") {
        set req.http.Accept-Language = "en";
    } else {
        set req.http.Accept-Language = "th";
    }
    # Look up even when cookies are sent: what is stored never depends on them
    # (the app marks any response that read, set or varies on a cookie
    # "private, no-store", and Varnish's built-in rules never store those). A
    # miss goes to the app with the visitor's cookies intact.
    return (hash);
}

sub vcl_backend_response {
    # For lurker-friendly bans: which site and URL an object belongs to.
    set beresp.http.X-Cache-Url = bereq.url;
    if (beresp.http.Content-Type ~ "^(text/|application/(json|javascript)|image/svg)") {
        set beresp.do_gzip = true;
    }
    # A page past its time is still served for a minute while a fresh copy is
    # fetched; a purge removes it outright.
    set beresp.grace = 60s;
}

sub vcl_deliver {
    unset resp.http.X-Cache-Site;
    unset resp.http.X-Cache-Url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
