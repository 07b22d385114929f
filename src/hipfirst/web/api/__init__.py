"""The versioned JSON API under ``/api/v1/``, over the same services as the pages.

``api.py`` builds the django-ninja API from one router per domain (``routers/``);
``auth.py`` accepts personal API tokens (``Authorization: Bearer``) and the session
(with CSRF on unsafe methods); ``errors.py`` turns every expected error into
``{"error": {"code", "field", "message"}}``. ``openapi.json`` beside this file is the
schema as served; ``manage.py write_openapi`` regenerates it.
"""
