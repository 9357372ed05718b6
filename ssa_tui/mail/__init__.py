"""Newsletters: sandboxed Jinja templates, audience, MIME messages, SMTP sending with resume.

``templates.py`` renders, ``audience.py`` picks who may receive it, ``message.py`` builds MIME,
``sending.py`` delivers over one SMTP connection and journals every delivery as it goes.
"""
